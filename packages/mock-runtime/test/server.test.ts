// The mock over real HTTP, on the made-up garage API: routing, auth, validation, state, the
// request log, faults, Prefer and overrides, reset and close. Requests are sent with plain
// fetch, so what is checked is what any client (or curl) sees.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defineVendor, type MockServer } from "../src/index.js";
import { startMock } from "../src/server.js";
import { API_KEY, AUTH, definition, validators } from "./fixture.js";

type Garage = MockServer<Record<string, unknown>, { cars: Record<string, unknown> }>;

let mock: Garage;
beforeAll(async () => {
  mock = await startMock({ definition, validators }, { apiKey: API_KEY });
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

const send = (path: string, init: RequestInit & { json?: unknown } = {}) => {
  const { json, ...rest } = init;
  return fetch(`${mock.url}${path}`, {
    ...rest,
    headers: {
      ...AUTH,
      ...(json === undefined ? {} : { "content-type": "application/json" }),
      ...rest.headers,
    },
    body: json === undefined ? rest.body : JSON.stringify(json),
  });
};
const body = async (response: Response) => JSON.parse(await response.text());
const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error & { cause?: { code?: string } };
  }
  throw new Error("expected the request to fail");
};

describe("the server", () => {
  it("listens on 127.0.0.1 at a free port, and its url includes the spec's base path", () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    expect(mock.port).toBeGreaterThan(0);
  });

  it("answers 404 for a path no operation has, 405 (with Allow) for a method the path lacks", async () => {
    const missing = await send("/trucks");
    expect(missing.status).toBe(404);
    expect(await body(missing)).toEqual({ error: expect.stringContaining("/trucks") });
    const outside = await fetch(`${mock.url.replace(/\/v2$/, "")}/cars`, { headers: AUTH });
    expect(outside.status).toBe(404);
    const wrong = await send("/cars/7", { method: "PUT", json: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, PATCH, DELETE");
    expect(mock.requests.map((request) => [request.status, request.operation, request.valid])).toEqual([
      [404, undefined, false],
      [404, undefined, false],
      [405, undefined, false],
    ]);
  });

  it.each([
    ["no Authorization header", {}, /header is missing: send `Authorization: Bearer <api key>`/],
    ["a key without the Bearer scheme", { authorization: API_KEY }, /is not `Authorization: Bearer/],
    ["another key", { authorization: "Bearer someone-elses-key" }, /not the one this mock was started with/],
  ])(
    "refuses %s with the status the operation documents (401), naming the header",
    async (_name, headers, message) => {
      const response = await fetch(`${mock.url}/cars`, { headers });
      expect(response.status).toBe(401);
      expect(await body(response)).toEqual({ error: "Unauthorized" });
      expect(mock.requests[0]?.violations[0]?.message).toMatch(message);
      expect(JSON.parse(response.headers.get("leadkit-violations") ?? "[]")[0]).toMatch(message);
    },
  );

  it("answers 403 when the operation documents 403 but not 401, and lets unsecured operations through", async () => {
    expect((await fetch(`${mock.url}/cars/7`, { method: "DELETE" })).status).toBe(403);
    expect((await fetch(`${mock.url}/health`)).status).toBe(200);
  });

  it.each<[string, RequestInit & { json?: unknown }, string, RegExp]>([
    ["a missing required field", { method: "POST", json: { colour: "red" } }, "/cars", /^name is required$/],
    [
      "a value outside an enum",
      { method: "POST", json: { name: "A", colour: "pink" } },
      "/cars",
      /^colour must be one of/,
    ],
    [
      "a wrong type",
      { method: "POST", json: { name: "A", doors: 2.5 } },
      "/cars",
      /^doors must be an integer$/,
    ],
    ["no body", { method: "POST" }, "/cars", /^body is required$/],
    [
      "a body that is not JSON",
      { method: "POST", body: "{name:", headers: { "content-type": "application/json" } },
      "/cars",
      /^body is not valid JSON/,
    ],
    [
      "a body sent as text/plain",
      { method: "POST", body: '{"name":"A"}', headers: { "content-type": "text/plain" } },
      "/cars",
      /^Content-Type must be application\/json \(it is text\/plain/,
    ],
    [
      "a path parameter against its pattern",
      { method: "PATCH", json: { colour: "red" } },
      "/cars/x1",
      /^carId must match/,
    ],
    ["a query parameter that is not an integer", {}, "/cars?limit=ten", /^limit must be an integer$/],
  ])("rejects %s with the documented error and names the field", async (_name, init, path, message) => {
    const response = await send(path, init);
    expect(response.status).toBe(init.method === undefined ? 400 : 422);
    expect(mock.requests[0]?.valid).toBe(false);
    expect(mock.requests[0]?.violations.map((violation) => violation.message)).toEqual([
      expect.stringMatching(message),
    ]);
    expect(mock.cars).toHaveLength(1); // the seed only: nothing was stored
  });

  it("coerces path and query strings to their schema types before validating (limit=2, colour=a&colour=b)", async () => {
    const response = await send("/cars?limit=2&colour=red&colour=blue");
    expect(response.status).toBe(200);
    expect(mock.requests[0]).toMatchObject({ valid: true, query: { limit: "2", colour: ["red", "blue"] } });
  });

  it("stores created resources with increasing ids after the seeds, renders them with the example's shape", async () => {
    const first = await send("/cars", { method: "POST", json: { name: "Yaris", colour: "blue" } });
    expect(first.status).toBe(201);
    expect(await body(first)).toEqual({ id: 8, name: "Yaris", colour: "blue", doors: 4 });
    const second = await body(await send("/cars", { method: "POST", json: { name: "Hilux" } }));
    expect(second.id).toBe(9);
    expect(mock.cars.map((car) => car.id)).toEqual([7, 8, 9]);
    expect(mock.store.cars).toEqual(mock.cars);
    expect(mock.cars[1]).toEqual({ id: 8, name: "Yaris", colour: "blue" });
  });

  it("reads, merges (PATCH), lists and deletes stored resources; an unknown id is the documented 404", async () => {
    expect(await body(await send("/cars/7"))).toEqual({ id: 7, name: "Corolla", colour: "red", doors: 4 });
    const patched = await send("/cars/7", { method: "PATCH", json: { colour: "green" } });
    expect(await body(patched)).toEqual({ id: 7, name: "Corolla", colour: "green", doors: 4 });
    expect(mock.cars).toEqual([{ id: 7, name: "Corolla", colour: "green", doors: 4 }]);
    await send("/cars", { method: "POST", json: { name: "Yaris" } });
    expect((await body(await send("/cars"))).map((car: { name: string }) => car.name)).toEqual([
      "Corolla",
      "Yaris",
    ]);
    const deleted = await send("/cars/7", { method: "DELETE" });
    expect([deleted.status, await deleted.text()]).toEqual([204, ""]);
    expect(mock.cars.map((car) => car.name)).toEqual(["Yaris"]);
    const missing = await send("/cars/7");
    expect([missing.status, await body(missing)]).toEqual([404, { error: "Not found" }]);
  });

  it("logs every request with its validation result and an X-Request-Id, the key masked everywhere", async () => {
    const response = await send(`/cars?note=${API_KEY}`, {
      method: "POST",
      json: { name: `echo ${API_KEY}` },
      headers: { "user-agent": "test-agent" },
    });
    expect(response.headers.get("x-request-id")).toBe(mock.requests[0]?.id);
    expect(mock.requests[0]).toMatchObject({
      operation: "createCar",
      method: "POST",
      path: "/v2/cars",
      query: { note: "[REDACTED]" },
      headers: { authorization: "Bearer [REDACTED]", "user-agent": "test-agent" },
      body: { name: "echo [REDACTED]" },
      valid: true,
      violations: [],
      status: 201,
      fault: undefined,
      responseViolations: [],
    });
    expect(JSON.stringify(mock.requests)).not.toContain(API_KEY);
  });

  it("masks a key it was not started with too", async () => {
    await fetch(`${mock.url}/cars`, { headers: { authorization: "Bearer another-secret-key" } });
    expect(JSON.stringify(mock.requests)).not.toContain("another-secret-key");
  });

  it("answers a documented status on `Prefer: code=` (named examples too), and refuses an undocumented one", async () => {
    const chosen = await send("/cars/7", { headers: { prefer: "code=404" } });
    expect([chosen.status, await body(chosen)]).toEqual([404, { error: "Not found" }]);
    const named = await send("/cars/7", { headers: { prefer: "code=200, example=red" } });
    expect(named.status).toBe(200);
    const unknown = await send("/cars/7", { headers: { prefer: "code=418" } });
    expect(unknown.status).toBe(400);
    expect(mock.requests.at(-1)?.violations[0]?.message).toMatch(
      /code=418 is not a status this operation documents \(200, 401, 404\)/,
    );
  });

  it("answers from a test's override after validation, keeps state untouched, and clears it on reset()", async () => {
    mock.override({
      createCar: ({ body }: { body: { name: string } }) => ({
        status: 201,
        body: { id: 99, name: body.name },
      }),
    } as never);
    expect(await body(await send("/cars", { method: "POST", json: { name: "Override" } }))).toEqual({
      id: 99,
      name: "Override",
    });
    expect(mock.cars).toHaveLength(1);
    expect((await send("/cars", { method: "POST", json: { colour: "red" } })).status).toBe(422);
    mock.reset();
    expect(await body(await send("/cars", { method: "POST", json: { name: "Real" } }))).toMatchObject({
      id: 8,
    });
    expect(() => mock.override({ nope: () => undefined } as never)).toThrow(/no operation `nope`/);
  });

  it("records where an override's answer breaks the response schema", async () => {
    mock.override({ getCar: () => ({ status: 200, body: { id: "seven", name: "X" } }) } as never);
    await send("/cars/7");
    expect(mock.requests[0]?.responseViolations.map((violation) => violation.message)).toEqual([
      "200 id must be an integer",
    ]);
  });

  it("reset() returns to the seeds, and clears requests and faults", async () => {
    await send("/cars", { method: "POST", json: { name: "Yaris" } });
    mock.inject({ fault: { status: 500 }, times: 5 });
    mock.reset();
    expect(mock.cars.map((car) => car.id)).toEqual([7]);
    expect(mock.requests).toEqual([]);
    expect((await send("/cars/7")).status).toBe(200);
  });
});

describe("faults", () => {
  it("reset-before: the connection is reset (ECONNRESET) and nothing is stored", async () => {
    mock.inject({ fault: "reset-before" });
    const error = await failure(send("/cars", { method: "POST", json: { name: "Yaris" } }));
    expect(error.cause?.code).toBe("ECONNRESET");
    expect(mock.cars).toHaveLength(1);
    expect(mock.requests[0]).toMatchObject({
      operation: "createCar",
      status: undefined,
      fault: "reset-before",
    });
  });

  it("reset-after: stored first, then the connection is reset", async () => {
    mock.inject({ fault: "reset-after", operation: "createCar" });
    const error = await failure(send("/cars", { method: "POST", json: { name: "Yaris" } }));
    expect(error.cause?.code).toBe("ECONNRESET");
    expect(mock.cars.map((car) => car.name)).toEqual(["Corolla", "Yaris"]);
  });

  it("hang: no answer until the client gives up; nothing is stored", async () => {
    mock.inject({ fault: "hang" });
    const error = await failure(
      send("/cars", { method: "POST", json: { name: "Yaris" }, signal: AbortSignal.timeout(200) }),
    );
    expect(error.name).toBe("TimeoutError");
    expect(mock.cars).toHaveLength(1);
  });

  it("{ status, retryAfter }: answered before processing, with Retry-After and the documented body", async () => {
    mock.inject({ fault: { status: 503, retryAfter: 2 } });
    const response = await send("/cars", { method: "POST", json: { name: "Yaris" } });
    expect([response.status, response.headers.get("retry-after"), await body(response)]).toEqual([
      503,
      "2",
      { error: "Injected fault: status 503." },
    ]);
    mock.inject({ fault: { status: 401 } });
    expect(await body(await send("/cars/7"))).toEqual({ error: "Unauthorized" }); // documented: its example
    expect(mock.cars).toHaveLength(1);
  });

  it("malformed-json: processed, then the success status with JSON cut short", async () => {
    mock.inject({ fault: "malformed-json" });
    const response = await send("/cars", { method: "POST", json: { name: "Yaris" } });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text.length).toBeGreaterThan(5);
    expect('{"id":8,"name":"Yaris","colour":"red","doors":4}'.startsWith(text)).toBe(true);
    expect(mock.cars).toHaveLength(2);
  });

  it("{ delayMs }: processed and answered, late", async () => {
    mock.inject({ fault: { delayMs: 150 } });
    const started = performance.now();
    const response = await send("/cars/7");
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("applies to the next `times` requests of the named operation only, in the order injected", async () => {
    mock.inject({ fault: { status: 429, retryAfter: 0 }, times: 2, operation: "createCar" });
    mock.inject({ fault: { status: 500 } });
    expect((await send("/cars/7")).status).toBe(500);
    expect((await send("/cars", { method: "POST", json: { name: "A" } })).status).toBe(429);
    expect((await send("/cars/7")).status).toBe(200);
    expect((await send("/cars", { method: "POST", json: { name: "A" } })).status).toBe(429);
    expect((await send("/cars", { method: "POST", json: { name: "A" } })).status).toBe(201);
    expect(mock.requests.map((request) => request.fault)).toEqual([
      "status 500",
      "status 429",
      undefined,
      "status 429",
      undefined,
    ]);
  });

  it.each([
    [{ fault: "explode" }, /unknown fault "explode"/],
    [{ fault: { status: 700 } }, /unknown fault/],
    [{ fault: "hang", times: 0 }, /`times` must be at least 1/],
    [{ fault: "hang", operation: "createTruck" }, /no operation `createTruck`; the operations are createCar/],
  ])("refuses a malformed injection %j with an example", (injection, message) => {
    expect(() => mock.inject(injection as never)).toThrow(message);
    expect(() => mock.inject(injection as never)).toThrow(/Example: mock\.inject/);
  });
});

describe("options and lifecycle", () => {
  it("takes seeds from options instead of the spec's examples, and refuses unknown collections", async () => {
    const cars: Array<Record<string, unknown>> = [{ name: "Mine" }, { id: 40, name: "Forty" }];
    const seeded = await startMock({ definition, validators }, { seed: { cars } });
    try {
      expect(seeded.store.cars).toEqual([
        { id: 1, name: "Mine" },
        { id: 40, name: "Forty" },
      ]);
    } finally {
      await seeded.close();
    }
    await expect(startMock({ definition, validators }, { seed: { trucks: [] } as never })).rejects.toThrow(
      /`seed.trucks` is not a collection of this API; its collections are cars/,
    );
  });

  it("listens on the given port, and says clearly when it is taken", async () => {
    await expect(startMock({ definition, validators }, { port: mock.port })).rejects.toThrow(
      `Port ${mock.port} on 127.0.0.1 is already in use`,
    );
    await expect(startMock({ definition, validators }, { port: -1 })).rejects.toThrow(
      /`port` must be an integer/,
    );
  });

  it("refuses an apiKey with spaces or a scheme", async () => {
    await expect(startMock({ definition, validators }, { apiKey: "Bearer x" })).rejects.toThrow(
      /`apiKey` must be the key your client sends/,
    );
  });

  it("close() ends hung connections too, and is idempotent", async () => {
    const other = await startMock({ definition, validators }, {});
    other.inject({ fault: "hang", times: 3 });
    const pending = fetch(`${other.url}/health`).catch((error: Error) => error);
    while (other.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    await Promise.all([other.close(), other.close()]);
    expect(await pending).toBeInstanceOf(Error);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("lets a vendor word errors, authorise, unwrap and render", async () => {
    const vendor = defineVendor<{ owner?: string }>({
      invalid: (violations) => ({
        status: 422,
        body: {
          errors: violations.map((violation) => ({
            field: violation.path.join("."),
            message: violation.message,
          })),
        },
      }),
      error: (_status, message) => ({ error: `garage: ${message}` }),
      authorize: (request, { options }) =>
        options.owner !== undefined && (request.body as { owner?: string })?.owner !== options.owner
          ? { status: 401, body: { error: "not your car" } }
          : undefined,
      resourceFromRequest: (body) => ({ ...(body as object), source: "api" }),
      onCreate: (_record, existing) => ({ position: existing.length + 1 }),
      render: (record) => ({ ...(record as object), rendered: true }),
    });
    const custom = await startMock({ definition, validators, vendor }, { owner: "me", seed: { cars: [] } });
    try {
      const post = (json: unknown) =>
        fetch(`${custom.url}/cars`, {
          method: "POST",
          headers: { ...AUTH, "content-type": "application/json" },
          body: JSON.stringify(json),
        });
      expect(await body(await post({ colour: "red" }))).toEqual({
        errors: [{ field: "name", message: "name is required" }],
      });
      expect(await body(await post({ name: "A", owner: "you" }))).toEqual({ error: "not your car" });
      expect(await body(await post({ name: "A", owner: "me" }))).toEqual({
        id: 1,
        name: "A",
        owner: "me",
        source: "api",
        position: 1,
        rendered: true,
      });
      expect(await body(await fetch(`${custom.url}/nowhere`))).toEqual({
        error: expect.stringMatching(/^garage: /),
      });
    } finally {
      await custom.close();
    }
  });
});
