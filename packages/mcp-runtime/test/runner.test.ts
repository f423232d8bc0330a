// The runner without a transport: a tool table for a made-up API whose client is a real leadkit
// client (@leadkit/runtime's createApiClient) over an in-memory fetch, so every branch of the
// argument checks, the error mapping, the dry run and the masking is reached in milliseconds.
// The MCP packages' suites (support/suite.ts) check the same through the built bins.
import { ApiError, createApiClient } from "@leadkit/runtime";
import { validation } from "@leadkit/runtime/validation";
import { describe, expect, it } from "vitest";
import { createToolRunner, MASK, masker, type ServerDefinition, type ToolDefinition } from "../src/index.js";

const KEY = "sk_unit_7c1e";

type Client = Record<string, (...args: unknown[]) => Promise<unknown>>;
type Fetch = (request: Request) => Promise<Response>;

const notesValidator = {
  "~standard": {
    validate: (value: unknown) =>
      typeof (value as { notes?: unknown })?.notes === "string"
        ? {}
        : { issues: [{ message: "notes must be a string", path: ["notes"] }] },
  },
};

const operations = {
  updateCar: {
    operationId: "updateCar",
    method: "PATCH",
    path: "/cars/{id}",
    pathParams: ["id"],
    queryParams: ["depth"],
    returnsData: true,
    mayCreate: false,
  },
  createCar: {
    operationId: "createCar",
    method: "POST",
    path: "/cars",
    pathParams: [],
    queryParams: [],
    returnsData: true,
    mayCreate: true,
  },
} as const;

/** A client of a made-up API, built the way every leadkit client is, over `fetch`. */
function fakeClient(options: Parameters<ServerDefinition<Client>["createClient"]>[0], fetch: Fetch): Client {
  return createApiClient(
    {
      userAgent: "leadkit-garage/1.2.3",
      defaultBaseUrl: "https://api.garage.example/v1",
      operations,
      bindOperations: (call) => ({
        updateCar: (id: unknown, body: unknown, query: unknown, callOptions: object) =>
          call(operations.updateCar, { params: { path: { id }, query: query as object }, body }, callOptions),
        createCar: (body: unknown, callOptions: object) => call(operations.createCar, { body }, callOptions),
      }),
      loadValidation: async () => ({
        validation,
        validators: { updateCar: { body: notesValidator, responses: {} } },
      }),
    },
    {
      factoryName: "createGarageClient",
      auth: (apiKey) => ({ Authorization: `Bearer ${apiKey}` }),
      ApiError: class GarageApiError extends ApiError {},
    },
    { ...options, fetch: options.fetch ?? fetch, retryDelayMs: 1 },
  ) as unknown as Client;
}

const updateCar: ToolDefinition<Client> = {
  name: "updateCar",
  title: "Update a car",
  description: "Updates a car.",
  method: "PATCH",
  path: "/cars/{id}",
  mayCreate: false,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  inputSchema: {
    type: "object",
    properties: { id: { type: "string" }, depth: { type: "number" }, body: { type: "object" } },
    required: ["id", "body"],
    additionalProperties: false,
  },
  outputSchema: { type: "object", properties: { id: { type: "string" } } },
  output: "body",
  arguments: { path: { id: "id" }, query: { depth: "depth" }, body: "body" },
  invoke: (client, { path, query, body }, options) =>
    client.updateCar?.(path.id, body, query, options) as Promise<unknown>,
};

const createCar: ToolDefinition<Client> = {
  ...updateCar,
  name: "createCar",
  title: "Create a car",
  method: "POST",
  path: "/cars",
  mayCreate: true,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  inputSchema: { type: "object", properties: { body: {} }, required: ["body"], additionalProperties: false },
  outputSchema: { type: "object", properties: { data: {} }, required: ["data"] },
  output: "data",
  arguments: { path: {}, query: {}, body: "body" },
  invoke: (client, { body }, options) => client.createCar?.(body, options) as Promise<unknown>,
};

function setup(fetch: Fetch, config: Parameters<typeof createToolRunner>[1] = {}) {
  const lines: string[] = [];
  const requests: Request[] = [];
  const definition: ServerDefinition<Client> = {
    packageName: "@leadkit/garage-mcp",
    packageVersion: "1.2.3",
    specTitle: "Garage API",
    defaultBaseUrl: "https://api.garage.example/v1",
    bin: "leadkit-garage-mcp",
    env: { apiKey: "GARAGE_API_KEY", baseUrl: "GARAGE_BASE_URL" },
    createClient: (options) =>
      fakeClient(options, (request) => {
        requests.push(request);
        return fetch(request);
      }),
    tools: [updateCar, createCar],
  };
  const runner = createToolRunner(definition, { apiKey: KEY, log: (line) => lines.push(line), ...config });
  const call = async (name: string, args: unknown) => {
    const result = await runner.call(name, args);
    if (result === undefined) throw new Error(`no tool ${name}`);
    return { ...result, text: result.content.map((part) => part.text).join("\n") };
  };
  return { runner, call, lines, requests };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const valid = { id: "c1", depth: 2, body: { notes: "new tyres" } };

describe("masker", () => {
  it.each([
    ["a string", `token ${KEY} here`, `token ${MASK} here`],
    ["nested values and keys", { [KEY]: [{ deep: KEY }] }, { [MASK]: [{ deep: MASK }] }],
    ["numbers and null untouched", [1, null, true], [1, null, true]],
  ])("masks %s", (_name, given, want) => {
    expect(masker(KEY)(given)).toEqual(want);
  });

  it("masks the key's JSON-escaped form too", () => {
    const key = 'k"ey\\1';
    expect(masker(key)(JSON.stringify({ token: key }))).toBe(`{"token":"${MASK}"}`);
  });

  it("is the identity without a key", () => {
    expect(masker(undefined)("anything")).toBe("anything");
  });
});

describe("createToolRunner", () => {
  it("refuses unknown --tool names, listing the real ones", () => {
    expect(() => setup(async () => json(200, {}), { tools: ["updateCar", "nope"] })).toThrow(
      /Unknown tool: nope\.\nTools of @leadkit\/garage-mcp: updateCar, createCar\./,
    );
  });

  it("lists only the selected tools", () => {
    expect(
      setup(async () => json(200, {}), { tools: ["createCar"] }).runner.tools.map((tool) => tool.name),
    ).toEqual(["createCar"]);
  });

  it("sends a valid call through the client and returns the body as structuredContent and as JSON text", async () => {
    const { call, requests } = setup(async () => json(200, { id: "c1", notes: "new tyres" }));
    const result = await call("updateCar", valid);
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({ id: "c1", notes: "new tyres" });
    expect(result.text).toBe(JSON.stringify({ id: "c1", notes: "new tyres" }, null, 2));
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      "PATCH https://api.garage.example/v1/cars/c1?depth=2",
    ]);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("puts a body that is not an object under `data`", async () => {
    const { call } = setup(async () => json(201, ["a", "b"]));
    expect((await call("createCar", { body: { notes: "x" } })).structuredContent).toEqual({
      data: ["a", "b"],
    });
  });

  it.each([
    [
      "an unknown argument",
      { ...valid, colour: "red" },
      "- colour: is not an argument of updateCar (it takes id, depth, body)",
    ],
    ["a missing required argument", { id: "c1" }, "- body: is required"],
    ["a path argument that is an object", { ...valid, id: { x: 1 } }, "- id: must be a string or a number"],
    ["arguments that are not an object", [1], "- arguments: must be an object"],
    ["a body the validators reject", { ...valid, body: { notes: 3 } }, "- body.notes: must be a string"],
  ])("rejects %s, naming the field, and sends nothing", async (_name, args, line) => {
    const { call, requests } = setup(async () => json(200, {}));
    const result = await call("updateCar", args);
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/^Invalid arguments for updateCar; nothing was sent\./);
    expect(result.text).toContain(line);
    expect(requests).toEqual([]);
  });

  it("fails every call without a key, naming the variable, and sends nothing", async () => {
    const { call, requests, runner } = setup(async () => json(200, {}), { apiKey: undefined });
    expect(runner.instructions).toContain("GARAGE_API_KEY is not set");
    const result = await call("updateCar", valid);
    expect(result.isError).toBe(true);
    expect(result.text).toContain("GARAGE_API_KEY is not set");
    expect(requests).toEqual([]);
  });

  it("reports a key the client refuses without repeating it", async () => {
    const { call } = setup(async () => json(200, {}), { apiKey: `Bearer ${KEY}` });
    const result = await call("updateCar", valid);
    expect(result.text).toContain("GARAGE_API_KEY is set, but not to a usable API key");
    expect(result.text).not.toContain(KEY);
  });

  it.each([
    [
      404,
      { errors: [{ message: "Not Found" }] },
      "answered 404 Not Found to PATCH https://api.garage.example/v1/cars/c1?depth=2",
      "fix the arguments",
    ],
    [401, { message: "bad key" }, "answered 401 Unauthorized", "Check the API key in GARAGE_API_KEY"],
    [429, { message: "slow down" }, "answered 429 Too Many Requests", "it did not process the request"],
  ])("maps a %i into a tool error with the vendor's body", async (status, body, first, advice) => {
    const { call } = setup(async () => json(status, body, { "x-request-id": "req-1" }), { maxRetries: 0 });
    const result = await call("updateCar", valid);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(result.text).toContain(first);
    expect(result.text).toContain(`Response body: ${JSON.stringify(body)}`);
    expect(result.text).toContain("Request id (quote it to the vendor): req-1");
    expect(result.text).toContain(advice);
  });

  it("tells the model a failed create may have been processed, and sends it once", async () => {
    const { call, requests } = setup(async () => json(502, { message: "bad gateway" }));
    const result = await call("createCar", { body: { notes: "x" } });
    expect(requests).toHaveLength(1);
    expect(result.text).toContain(
      "do not call createCar again before checking, or it may create a duplicate",
    );
  });

  it("maps a timeout, saying an idempotent call is safe to repeat", async () => {
    const { call } = setup(
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
      {
        timeoutMs: 20,
        maxRetries: 0,
      },
    );
    const result = await call("updateCar", valid);
    expect(result.text).toContain("got no response within 20 ms");
    expect(result.text).toContain("It is safe to call updateCar again");
  });

  it("maps a lost connection", async () => {
    const { call } = setup(
      async () => {
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }),
        });
      },
      { maxRetries: 0 },
    );
    const result = await call("createCar", { body: { notes: "x" } });
    expect(result.text).toContain("could not reach the API (ECONNRESET)");
    expect(result.text).toContain("may create a duplicate");
  });

  it("reports an unexpected error by name and message, without a stack", async () => {
    const { runner } = setup(async () => json(200, {}));
    const failing: ToolDefinition<unknown> = {
      ...(updateCar as ToolDefinition<unknown>),
      invoke: async () => Promise.reject(new RangeError(`boom with ${KEY}`)),
    };
    const broken = createToolRunner(
      { ...runner.definition, tools: [failing] },
      { apiKey: KEY, log: () => {} },
    );
    const result = await broken.call("updateCar", valid);
    expect(result?.content[0]?.text).toBe(
      `updateCar failed: RangeError: boom with ${MASK}\nThis is unexpected; please report it to @leadkit/garage-mcp.`,
    );
  });

  it("never shows the key, even when the API echoes it", async () => {
    const { call, lines } = setup(async () => json(400, { message: `bad token ${KEY}` }));
    const result = await call("updateCar", valid);
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(result.text).toContain("bad token [REDACTED]");
    expect(lines.join("\n")).not.toContain(KEY);
  });

  describe("with dryRun", () => {
    it("returns the request the client built, key masked, and sends nothing", async () => {
      const { call, runner } = setup(
        async () => {
          throw new Error("must not be called");
        },
        { dryRun: true, baseUrl: "http://127.0.0.1:9/v1" },
      );
      expect(runner.tools[0]?.description).toMatch(/^DRY RUN/);
      const result = await call("updateCar", valid);
      expect(result.structuredContent).toEqual({
        dryRun: true,
        request: {
          method: "PATCH",
          url: "http://127.0.0.1:9/v1/cars/c1?depth=2",
          headers: {
            authorization: `Bearer ${MASK}`,
            "content-type": "application/json",
            "user-agent": "leadkit-garage/1.2.3",
          },
          body: { notes: "new tyres" },
        },
      });
      expect(result.text).toMatch(/^Dry run, nothing was sent\. updateCar would send:/);
    });

    it("still rejects invalid arguments", async () => {
      const { call } = setup(async () => json(200, {}), { dryRun: true });
      expect((await call("updateCar", { ...valid, body: { notes: 1 } })).text).toContain(
        "- body.notes: must be a string",
      );
    });
  });
});
