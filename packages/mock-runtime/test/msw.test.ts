// The same mock as MSW handlers under msw/node's setupServer: fetch to the spec's server URL
// (or a given base URL) is answered in-process, with the same validation, state and faults.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMockEngine } from "../src/index.js";
import { createMswHandlers } from "../src/msw.js";
import { AUTH, definition, validators } from "./fixture.js";

type Cars = { cars: Record<string, unknown> };
const engine = (options: { seed?: { cars: never[] } }) =>
  createMockEngine<object, Record<string, unknown>, Cars>({ definition, validators }, options);
const handlers = createMswHandlers(engine({}));
const custom = createMswHandlers(engine({ seed: { cars: [] } }), {
  baseUrl: "http://garage.local:9000/",
});
const server = setupServer(...handlers, ...custom);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  handlers.reset();
  custom.reset();
});
afterAll(() => server.close());

const BASE = "https://garage.example.test/v2";
const post = (base: string, json: unknown) =>
  fetch(`${base}/cars`, {
    method: "POST",
    headers: { ...AUTH, "content-type": "application/json" },
    body: JSON.stringify(json),
  });

describe("MSW handlers", () => {
  it("are plain handlers to spread into setupServer, intercepting the spec's server URL", async () => {
    expect(handlers).toHaveLength(1);
    expect(handlers.baseUrl).toBe(BASE);
    const response = await post(BASE, { name: "Yaris" });
    expect([response.status, await response.json()]).toEqual([
      201,
      { id: 8, name: "Yaris", colour: "red", doors: 4 },
    ]);
    expect(handlers.store.cars.map((car) => car.name)).toEqual(["Corolla", "Yaris"]);
    expect((handlers as unknown as { cars: unknown[] }).cars).toHaveLength(2);
  });

  it("validate like the server: the vendor error, the field named, nothing stored", async () => {
    const response = await post(BASE, { name: 1 });
    expect(response.status).toBe(422);
    expect(handlers.requests[0]?.violations.map((violation) => violation.message)).toEqual([
      "name must be a string",
    ]);
    expect(JSON.parse(response.headers.get("leadkit-violations") ?? "[]")).toEqual(["name must be a string"]);
    expect((await fetch(`${BASE}/cars`)).status).toBe(401);
    expect((await fetch(`${BASE}/nothing-here`, { headers: AUTH })).status).toBe(404);
  });

  it("serve a custom base URL, with its own state", async () => {
    const response = await post("http://garage.local:9000", { name: "Hilux" });
    expect(response.status).toBe(201);
    expect(custom.store.cars).toEqual([{ id: 1, name: "Hilux" }]);
    expect(handlers.store.cars).toHaveLength(1);
  });

  it("play reset faults as network errors, and store (reset-after) or not (reset-before)", async () => {
    handlers.inject({ fault: "reset-before" });
    await expect(post(BASE, { name: "A" })).rejects.toThrow(TypeError);
    expect(handlers.store.cars).toHaveLength(1);
    handlers.inject({ fault: "reset-after" });
    await expect(post(BASE, { name: "B" })).rejects.toThrow(TypeError);
    expect(handlers.store.cars.map((car) => car.name)).toEqual(["Corolla", "B"]);
  });

  it("play hang until the client aborts, status faults, malformed JSON and delays", async () => {
    handlers.inject({ fault: "hang" });
    await expect(
      fetch(`${BASE}/cars/7`, { headers: AUTH, signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    handlers.inject({ fault: { status: 429, retryAfter: 3 } });
    const limited = await fetch(`${BASE}/cars/7`, { headers: AUTH });
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "3"]);
    handlers.inject({ fault: "malformed-json" });
    await expect((await fetch(`${BASE}/cars/7`, { headers: AUTH })).json()).rejects.toThrow(SyntaxError);
    handlers.inject({ fault: { delayMs: 60 } });
    const started = performance.now();
    expect((await fetch(`${BASE}/cars/7`, { headers: AUTH })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("answer from typed overrides until reset()", async () => {
    handlers.override({ getCar: () => ({ status: 404, body: { error: "gone" } }) } as never);
    expect((await fetch(`${BASE}/cars/7`, { headers: AUTH })).status).toBe(404);
    handlers.reset();
    expect((await fetch(`${BASE}/cars/7`, { headers: AUTH })).status).toBe(200);
  });

  it("refuse a base URL that is not absolute", () => {
    expect(() =>
      createMswHandlers(createMockEngine({ definition, validators }, {}), { baseUrl: "/v2" }),
    ).toThrow(/`baseUrl` must be an absolute URL/);
  });
});
