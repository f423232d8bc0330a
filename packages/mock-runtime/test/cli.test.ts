// The CLI's behaviour, run in-process with its output captured and "Ctrl-C" as a promise: the
// URL first, one line per request with its validation result, a clean stop, clear errors for
// bad flags. (Each mock package spawns its real bin in its own tests.)
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CliDefinition, runCli } from "../src/cli.js";
import { defineVendor, type MockServer } from "../src/index.js";
import { startMock } from "../src/server.js";
import { API_KEY, definition, validators } from "./fixture.js";

const vendor = defineVendor<{ owners?: string[] }>({
  cli: {
    flags: { owner: { description: "an owner the key may act for", multiple: true } },
    toOptions: (values) => ({ owners: values.owner as string[] | undefined }),
  },
});

function harness() {
  const out: string[] = [];
  const err: string[] = [];
  let stop: (signal: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  let started: (MockServer<unknown, unknown> & { options: unknown }) | undefined;
  const cli: CliDefinition<{ owners?: string[] }> = {
    command: "leadkit-garage-mock",
    title: "Garage API",
    specVersion: "2.1.0",
    operations: ["POST /v2/cars (createCar)"],
    vendor,
    start: async (options) => {
      const mock = await startMock({ definition, validators, vendor }, options);
      started = Object.assign(mock, { options });
      return mock;
    },
  };
  return {
    out,
    err,
    stop,
    cli,
    io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), stopped },
    started: () => started,
  };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("runCli", () => {
  it("prints the URL, one line per request with its validation result, and stops on the signal", async () => {
    const h = harness();
    const exit = runCli(h.cli, ["--api-key", API_KEY, "--owner", "a", "--owner", "b"], h.io);
    await until(() => h.out.length >= 3);
    expect(h.out[0]).toMatch(/^Garage API mock \(spec 2\.1\.0\) listening on http:\/\/127\.0\.0\.1:\d+\/v2$/);
    expect(h.out.slice(1)).toEqual(["  POST /v2/cars (createCar)", "Press Ctrl-C to stop."]);
    expect(h.started()?.options).toMatchObject({ apiKey: API_KEY, owners: ["a", "b"] });
    const url = h.out[0]?.split(" ").at(-1) as string;
    await fetch(`${url}/cars`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ colour: "pink" }),
    });
    await fetch(`${url}/cars/7`, { headers: { authorization: `Bearer ${API_KEY}` } });
    await until(() => h.out.length >= 5);
    expect(h.out.slice(3)).toEqual([
      'POST /v2/cars 422 createCar invalid: name is required; colour must be one of "red", "blue", "green"',
      "GET /v2/cars/7 200 getCar valid",
    ]);
    h.stop("SIGINT");
    expect(await exit).toBe(0);
    expect(h.out.at(-1)).toBe("Stopped (SIGINT).");
    await expect(fetch(`${url}/cars/7`)).rejects.toThrow();
    expect(h.out.join("\n")).not.toContain(API_KEY);
  });

  it("reads seeds from a JSON file, and listens on the given port", async () => {
    const dir = await mkdtemp(join(tmpdir(), "leadkit-mock-cli-"));
    try {
      await writeFile(join(dir, "seed.json"), JSON.stringify({ cars: [{ id: 3, name: "Seeded" }] }));
      const h = harness();
      const exit = runCli(h.cli, ["--seed", join(dir, "seed.json"), "--port", "0", "--quiet"], h.io);
      await until(() => h.out.length >= 1);
      expect(h.out).toHaveLength(1);
      expect(h.started()?.store).toEqual({ cars: [{ id: 3, name: "Seeded" }] });
      h.stop("SIGTERM");
      expect(await exit).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [["--port", "http"], /--port must be a port number from 0 to 65535, not "http"/],
    [["--seed", "/no/such/file.json"], /--seed \/no\/such\/file\.json: no such file/],
    [["--colour", "red"], /Unknown option '--colour'/],
  ])("refuses %j with a message and the usage (exit 2)", async (args, message) => {
    const h = harness();
    expect(await runCli(h.cli, args, h.io)).toBe(2);
    expect(h.err.join("\n")).toMatch(message);
  });

  it("prints its usage, the vendor's flags included", async () => {
    const h = harness();
    expect(await runCli(h.cli, ["--help"], h.io)).toBe(0);
    expect(h.out[0]).toContain("Usage: leadkit-garage-mock [options]");
    expect(h.out[0]).toMatch(/--owner <value>\s+an owner the key may act for \(repeatable\)/);
  });
});
