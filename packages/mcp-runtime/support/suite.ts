// The tests every `@leadkit/<api>-mcp` package runs against its BUILT bin, with the MCP SDK's
// own client: over stdio (tools, schemas judged by Ajv, every operation called against a local
// server that validates each request against the spec, the error mapping, no repeated create,
// invalid arguments), with --dry-run (nothing is sent), without a key, and over Streamable HTTP.
// Everything the server emitted (results, listings, stderr) is checked for the API key.
// Dev-only (not published); imported by the MCP packages' tests through a relative path.
//
// The local server is the clients' contract server (openapi-backend validating each request
// against the spec, 127.0.0.1). Once each API has its test kit's mock (`@leadkit/<api>-mock`,
// issue 12), `startContractServer` is the one line to swap for the mock's HTTP server: the suite
// needs of it a base URL, the requests it received (method, url, query, headers, body, spec
// violations), a way to queue replies and faults (a status with a body, a hang), and counts.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { request as httpRequest } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type ContractServer,
  startContractServer,
  successReply,
} from "../../runtime/support/contract-server.js";
import { type OpenApiSpec, type OperationExamples, operationsOf } from "../../runtime/support/spec.js";

export interface McpServerUnderTest {
  /** The built bin, `dist/cli.js`. */
  readonly bin: string;
  /** The bundled spec (`@leadkit/<api>-types/openapi.json`). */
  readonly spec: OpenApiSpec;
  /** The client's generated operation table (`operationDefinitions`): one tool per method. */
  readonly operations: Readonly<
    Record<string, { readonly method: string; readonly path: string; readonly mayCreate: boolean }>
  >;
  /** The environment variables of the key and the base URL. */
  readonly env: { readonly apiKey: string; readonly baseUrl: string };
}

export const API_KEY = "lk_mcp_test_9d3b7f21c4";

type Json = Record<string, unknown>;
interface CallResult {
  readonly content: Array<{ type: string; text?: string }>;
  readonly structuredContent?: Json;
  readonly isError?: boolean;
}
interface ListedTool {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly inputSchema: Json;
  readonly outputSchema?: Json;
  readonly annotations?: Json;
}

/** Every byte the servers of a suite emitted, to search for the key at the end. */
const emitted: string[] = [];

export interface Connection {
  readonly client: Client;
  /** What the server wrote on stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/** Spawns the built bin over stdio with the SDK's client transport. */
export async function connectStdio(
  bin: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<Connection> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, ...args],
    env: { PATH: process.env.PATH ?? "", ...env },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const client = new Client({ name: "leadkit-mcp-test", version: "1.0.0" });
  await client.connect(transport);
  const original = transport.onmessage;
  transport.onmessage = (...args: Parameters<NonNullable<typeof original>>) => {
    emitted.push(JSON.stringify(args[0]));
    original?.(...args);
  };
  emitted.push(client.getInstructions() ?? "");
  return {
    client,
    stderr: () => stderr,
    close: async () => {
      await client.close();
      emitted.push(stderr);
    },
  };
}

/** A JSON Schema judge independent of the SDK's: Ajv's 2020-12 dialect with its formats. */
export function schemaJudge() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  return (schema: Json, value: unknown) => {
    const validate = ajv.compile(schema);
    return validate(value)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  };
}

/** A spec example turned into tool arguments: path and query parameters by name, the body as `body`. */
export function argumentsOf(operation: OperationExamples, body: unknown): Json {
  const args: Json = {};
  for (const param of operation.pathParams) args[param.name] = param.value ?? "1";
  for (const param of operation.queryParams) if (param.value !== undefined) args[param.name] = param.value;
  if (body !== undefined) args.body = body;
  return args;
}

type Schema = Json;
const schemaAt = (schema: Schema | undefined, key: string): Schema | undefined =>
  (schema?.properties as Record<string, Schema> | undefined)?.[key];
const types = (schema: Schema | undefined) =>
  schema === undefined
    ? []
    : Array.isArray(schema.type)
      ? (schema.type as string[])
      : [schema.type as string];

/**
 * The first string leaf of `value` (depth first) whose schema plainly says it is a string:
 * replaced by a number, the body no longer matches. Returns its dotted path, or undefined.
 */
function breakOneField(
  value: unknown,
  schema: Schema | undefined,
  path: string[] = [],
): string[] | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const child = schemaAt(schema, key);
    if (typeof item === "string" && types(child).includes("string") && !types(child).includes("number"))
      return [...path, key];
    const deeper = breakOneField(item, child, [...path, key]);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}

function setAt(value: Json, path: readonly string[], leaf: unknown): Json {
  const copy = structuredClone(value);
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  node[path.at(-1) as string] = leaf;
  return copy;
}

/** Mutations of a valid call that the input schema and the server must both reject. */
export function mutations(tool: ListedTool, args: Json): Array<{ what: string; field: string; args: Json }> {
  const out: Array<{ what: string; field: string; args: Json }> = [
    { what: "an unknown argument", field: "leadkitUnknown", args: { ...args, leadkitUnknown: 1 } },
  ];
  const required = (tool.inputSchema.required as string[] | undefined) ?? [];
  const first = required[0];
  if (first !== undefined) {
    const { [first]: _, ...rest } = args;
    out.push({ what: `without the required argument ${first}`, field: first, args: rest });
  }
  if (args.body !== undefined) {
    const broken = breakOneField(args.body, schemaAt(tool.inputSchema, "body"));
    if (broken !== undefined)
      out.push({
        what: `with body.${broken.join(".")} a number instead of a string`,
        field: `body.${broken.join(".")}`,
        args: setAt(args, ["body", ...broken], 12345),
      });
  }
  return out;
}

const textOf = (result: CallResult) => result.content.map((part) => part.text ?? "").join("\n");

async function call(connection: Connection, name: string, args: Json): Promise<CallResult> {
  const result = (await connection.client.callTool({ name, arguments: args })) as CallResult;
  emitted.push(JSON.stringify(result));
  return result;
}

function expectNoStack(text: string): void {
  expect(text).not.toMatch(/\n\s+at [^\n]+[:(]/);
}

export function describeMcpServer(subject: McpServerUnderTest): void {
  const examples = operationsOf(subject.spec);
  const operationOf = (name: string): OperationExamples => {
    const definition = subject.operations[name];
    const found = examples.find(
      (candidate) => candidate.method === definition?.method && candidate.path === definition?.path,
    );
    if (found === undefined) throw new Error(`no operation of the spec for tool ${name}`);
    return found;
  };
  const names = Object.keys(subject.operations);
  const judge = schemaJudge();
  let server: ContractServer;
  const env = { [subject.env.apiKey]: API_KEY };

  beforeAll(async () => {
    server = await startContractServer(subject.spec);
  });
  afterAll(() => server?.close());

  describe("over stdio", () => {
    let connection: Connection;
    let tools: ListedTool[];
    const toolNamed = (name: string) => tools.find((tool) => tool.name === name) as ListedTool;
    beforeAll(async () => {
      // The client's default timeout (30 s): a loaded machine must not turn a slow answer into a retry.
      connection = await connectStdio(subject.bin, ["--base-url", server.url], env);
      tools = (await connection.client.listTools()).tools as ListedTool[];
    });
    afterAll(() => connection?.close());

    it("lists one tool per client method, annotated from its method", () => {
      expect(tools.map((tool) => tool.name).sort()).toEqual([...names].sort());
      for (const tool of tools) {
        const { method, mayCreate } = subject.operations[tool.name] as { method: string; mayCreate: boolean };
        const readOnly = method === "GET" || method === "HEAD";
        expect(tool.annotations, tool.name).toMatchObject({
          readOnlyHint: readOnly,
          idempotentHint: !mayCreate && ["GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"].includes(method),
          destructiveHint: !readOnly && !mayCreate,
          openWorldHint: true,
        });
        expect(tool.inputSchema.type).toBe("object");
        expect(JSON.stringify(tool.inputSchema), "no $ref left").not.toContain('"$ref"');
      }
    });

    it("takes titles and descriptions from the spec", () => {
      for (const tool of tools) {
        const operation = (subject.spec.paths[operationOf(tool.name).path] as Json)[
          operationOf(tool.name).method.toLowerCase()
        ] as { summary?: string; description?: string };
        if (operation.summary !== undefined) expect(tool.title).toBe(operation.summary);
        const text = operation.description ?? operation.summary;
        if (text !== undefined) expect(tool.description).toContain(text.trim());
      }
    });

    for (const name of names) {
      it(`${name}: its input schema accepts the spec's request examples and rejects mutated ones`, () => {
        const operation = operationOf(name);
        const tool = toolNamed(name);
        const bodies =
          operation.requestExamples.length > 0 ? operation.requestExamples.map((e) => e.value) : [undefined];
        for (const body of bodies) {
          const args = argumentsOf(operation, body);
          expect(judge(tool.inputSchema, args)).toEqual([]);
          for (const mutation of mutations(tool, args))
            expect(judge(tool.inputSchema, mutation.args), mutation.what).not.toEqual([]);
        }
      });

      it(`${name}: its output schema is an object schema that accepts the documented success example`, () => {
        const tool = toolNamed(name);
        const success = successReply(operationOf(name)) as { json: unknown };
        if (success.json === undefined) return expect(tool.outputSchema).toBeUndefined();
        expect(tool.outputSchema?.type).toBe("object");
        // an object body is the structured result; any other shape comes under `data`
        const accepted = [success.json, { data: success.json }].filter(
          (candidate) => judge(tool.outputSchema as Json, candidate).length === 0,
        );
        expect(
          accepted.length,
          JSON.stringify(judge(tool.outputSchema as Json, success.json)),
        ).toBeGreaterThan(0);
      });

      it(`${name}: sends each request example through the client; the spec-validating server accepts it`, async () => {
        const operation = operationOf(name);
        const success = successReply(operation) as { json: unknown };
        const bodies =
          operation.requestExamples.length > 0 ? operation.requestExamples.map((e) => e.value) : [undefined];
        for (const body of bodies) {
          const args = argumentsOf(operation, body);
          const before = server.requests.length;
          const result = await call(connection, name, args);
          expect(result.isError, textOf(result)).toBeFalsy();
          const received = server.requests.slice(before);
          expect(received).toHaveLength(1);
          const request = received[0];
          expect(request?.violations).toEqual([]);
          expect(request?.method).toBe(operation.method);
          expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
          expect(request?.body).toEqual(body);
          expect(request?.query).toEqual(
            Object.fromEntries(
              operation.queryParams
                .filter((p) => p.value !== undefined)
                .map((p) => [p.name, String(p.value)]),
            ),
          );
          for (const param of operation.pathParams)
            expect(request?.url).toContain(`/${encodeURIComponent(String(param.value ?? "1"))}`);
          if (success.json !== undefined) {
            const shapes: unknown[] = [success.json, { data: success.json }];
            expect(shapes).toContainEqual(result.structuredContent);
            expect(textOf(result)).toBe(JSON.stringify(success.json, null, 2));
          }
        }
      });

      it(`${name}: every error status becomes a tool error with the vendor's status and body, no stack`, async () => {
        const operation = operationOf(name);
        const body = operation.requestExamples[0]?.value;
        const documented = operation.responses.filter((response) => Number(response.status) >= 400);
        const statuses = new Map<number, unknown>(
          documented.map((response) => [Number(response.status), response.example]),
        );
        for (const status of [400, 403, 404, 422])
          if (!statuses.has(status))
            statuses.set(status, { message: `leadkit test: undocumented ${status}` });
        for (const [status, example] of statuses) {
          server.reply({ status, json: example });
          const result = await call(connection, name, argumentsOf(operation, body));
          const text = textOf(result);
          expect(result.isError, `${status}`).toBe(true);
          expect(result.structuredContent).toBeUndefined();
          expect(text).toContain(`answered ${status}`);
          expect(text).toContain(JSON.stringify(example));
          expectNoStack(text);
        }
      });

      it(`${name}: a 500 reaches the API once for a create, and is retried for an idempotent call`, async () => {
        const operation = operationOf(name);
        const { mayCreate } = subject.operations[name] as { mayCreate: boolean };
        const before = server.count(operation.operationId);
        server.reply({ status: 500, json: { message: "leadkit test: server error" } });
        const result = await call(
          connection,
          name,
          argumentsOf(operation, operation.requestExamples[0]?.value),
        );
        expect(server.count(operation.operationId) - before).toBe(mayCreate ? 1 : 2);
        expect(result.isError ?? false).toBe(mayCreate);
      }, 30_000);

      it(`${name}: invalid arguments are a tool error naming the field, and nothing is sent`, async () => {
        const operation = operationOf(name);
        const args = argumentsOf(operation, operation.requestExamples[0]?.value);
        for (const mutation of mutations(toolNamed(name), args)) {
          const before = server.requests.length;
          const result = await call(connection, name, mutation.args);
          expect(result.isError, mutation.what).toBe(true);
          expect(textOf(result), mutation.what).toContain(`- ${mutation.field}`);
          expect(server.requests.length - before, `${mutation.what}: sent nothing`).toBe(0);
        }
      });
    }

    it("never shows the key, not even when the API echoes it back", async () => {
      const name = names[0] as string;
      const operation = operationOf(name);
      server.reply({ status: 400, json: { message: `invalid token ${API_KEY}`, token: API_KEY } });
      const result = await call(
        connection,
        name,
        argumentsOf(operation, operation.requestExamples[0]?.value),
      );
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain("invalid token");
      expect(JSON.stringify(result)).not.toContain(API_KEY);
    });

    it("answers an unknown tool with a protocol error", async () => {
      await expect(connection.client.callTool({ name: "leadkitNoSuchTool", arguments: {} })).rejects.toThrow(
        /Unknown tool/,
      );
    });

    it("says on stderr what it serves, without the key", () => {
      expect(connection.stderr()).toMatch(
        new RegExp(
          `base URL ${server.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, ${subject.env.apiKey} set`,
        ),
      );
      expect(connection.stderr()).toContain(`serving ${names.length} tool(s) over stdio`);
    });
  });

  describe("with a short --timeout-ms", () => {
    let connection: Connection;
    beforeAll(async () => {
      connection = await connectStdio(subject.bin, ["--base-url", server.url, "--timeout-ms", "500"], env);
    });
    afterAll(() => connection?.close());

    for (const name of names) {
      it(`${name}: a timeout is a tool error that says whether calling again is safe`, async () => {
        const operation = operationOf(name);
        const { mayCreate } = subject.operations[name] as { mayCreate: boolean };
        const before = server.count(operation.operationId);
        server.reply("hang", "hang", "hang");
        const result = await call(
          connection,
          name,
          argumentsOf(operation, operation.requestExamples[0]?.value),
        );
        server.clearReplies();
        expect(result.isError).toBe(true);
        expect(textOf(result)).toContain("no response within 500 ms");
        expect(textOf(result)).toMatch(
          mayCreate ? /do not call .* again before checking/ : /safe to call .* again/,
        );
        expectNoStack(textOf(result));
        // The client's policy: a create is sent once, an idempotent call retried twice. The tool's
        // answer counts the attempts the client made (" after N attempts" when there were several).
        const attempts = mayCreate ? 1 : 3;
        expect(textOf(result)).toContain(
          attempts === 1
            ? "no response within 500 ms."
            : `no response within 500 ms after ${attempts} attempts.`,
        );
        // What reached the vendor: at least the first attempt, never more than the client made. The
        // server records an attempt once it has read it, which on a loaded machine can come after
        // the tool's answer reached this test, or never, when the client gave up on that attempt
        // before the server was scheduled to read it: hence no exact count here.
        await vi.waitFor(
          () => expect(server.count(operation.operationId) - before).toBeGreaterThanOrEqual(1),
          { timeout: 10_000 },
        );
        expect(server.count(operation.operationId) - before).toBeLessThanOrEqual(attempts);
      }, 30_000);
    }
  });

  describe("with --dry-run", () => {
    let connection: Connection;
    beforeAll(async () => {
      connection = await connectStdio(subject.bin, ["--dry-run", "--base-url", server.url], env);
    });
    afterAll(() => connection?.close());

    it("says so in every tool's description and output schema", async () => {
      const { tools } = await connection.client.listTools();
      for (const tool of tools) {
        expect(tool.description).toMatch(/^DRY RUN/);
        expect(tool.outputSchema?.required).toEqual(["dryRun", "request"]);
      }
    });

    for (const name of names) {
      it(`${name}: returns the exact request, key masked, and sends nothing`, async () => {
        const operation = operationOf(name);
        const body = operation.requestExamples[0]?.value;
        const before = server.requests.length;
        const result = await call(connection, name, argumentsOf(operation, body));
        expect(result.isError, textOf(result)).toBeFalsy();
        expect(server.requests.length).toBe(before);
        const request = result.structuredContent?.request as {
          method: string;
          url: string;
          headers: Json;
          body?: unknown;
        };
        expect(request.method).toBe(operation.method);
        const url = new URL(request.url);
        expect(`${url.origin}${url.pathname}`).toBe(
          `${server.url}${operation.path.replace(/\{([^}]+)\}/g, (_, param: string) => encodeURIComponent(String(operation.pathParams.find((p) => p.name === param)?.value ?? "1")))}`,
        );
        expect(Object.fromEntries(url.searchParams)).toEqual(
          Object.fromEntries(
            operation.queryParams.filter((p) => p.value !== undefined).map((p) => [p.name, String(p.value)]),
          ),
        );
        expect(request.headers.authorization).toBe("Bearer [REDACTED]");
        expect(request.headers["user-agent"]).toMatch(/^leadkit-/);
        expect(request.body).toEqual(body);
      });

      it(`${name}: still rejects invalid arguments, naming the field`, async () => {
        const operation = operationOf(name);
        const { tools } = await connection.client.listTools();
        const tool = tools.find((candidate) => candidate.name === name) as ListedTool;
        for (const mutation of mutations(tool, argumentsOf(operation, operation.requestExamples[0]?.value))) {
          const result = await call(connection, name, mutation.args);
          expect(result.isError, mutation.what).toBe(true);
          expect(textOf(result), mutation.what).toContain(`- ${mutation.field}`);
        }
      });
    }
  });

  describe(`without ${subject.env.apiKey}`, () => {
    it("starts, lists its tools, and every call says which variable to set", async () => {
      const connection = await connectStdio(subject.bin, ["--base-url", server.url], {});
      try {
        const { tools } = await connection.client.listTools();
        expect(tools.map((tool) => tool.name).sort()).toEqual([...names].sort());
        const before = server.requests.length;
        for (const name of names) {
          const operation = operationOf(name);
          const result = await call(
            connection,
            name,
            argumentsOf(operation, operation.requestExamples[0]?.value),
          );
          expect(result.isError).toBe(true);
          expect(textOf(result)).toContain(`${subject.env.apiKey} is not set`);
        }
        expect(server.requests.length).toBe(before);
        expect(connection.stderr()).toContain(`${subject.env.apiKey} NOT SET`);
      } finally {
        await connection.close();
      }
    });

    it("refuses a key the client cannot send, without echoing it", async () => {
      const badKey = `Bearer ${API_KEY}`;
      const connection = await connectStdio(subject.bin, ["--base-url", server.url], {
        [subject.env.apiKey]: badKey,
      });
      try {
        const name = names[0] as string;
        const operation = operationOf(name);
        const result = await call(
          connection,
          name,
          argumentsOf(operation, operation.requestExamples[0]?.value),
        );
        expect(result.isError).toBe(true);
        expect(textOf(result)).toContain(`${subject.env.apiKey} is set, but not to a usable API key`);
      } finally {
        await connection.close();
      }
    });
  });

  describe("over Streamable HTTP (--http)", () => {
    let child: ReturnType<typeof spawn>;
    let url: string;
    let stderr = "";
    beforeAll(async () => {
      child = spawn(process.execPath, [subject.bin, "--http", "--port", "0", "--base-url", server.url], {
        env: { PATH: process.env.PATH ?? "", ...env },
        stdio: ["ignore", "ignore", "pipe"],
      });
      child.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString("utf8");
      });
      url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL on stderr:\n${stderr}`)), 240_000);
        child.stderr?.on("data", () => {
          const match = /Streamable HTTP at (http:\/\/\S+)/.exec(stderr);
          if (match?.[1] !== undefined) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
    });
    afterAll(async () => {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
      emitted.push(stderr);
    });

    it("listens on 127.0.0.1 and serves the tools to the SDK's HTTP client", async () => {
      expect(new URL(url).hostname).toBe("127.0.0.1");
      const client = new Client({ name: "leadkit-mcp-test", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      try {
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name).sort()).toEqual([...names].sort());
        const name = names[0] as string;
        const operation = operationOf(name);
        const before = server.requests.length;
        const result = (await client.callTool({
          name,
          arguments: argumentsOf(operation, operation.requestExamples[0]?.value),
        })) as CallResult;
        emitted.push(JSON.stringify(result));
        expect(result.isError, textOf(result)).toBeFalsy();
        expect(server.requests.length - before).toBe(1);
      } finally {
        await client.close();
      }
    });

    it("refuses requests addressed to another host (DNS rebinding) and methods other than POST", async () => {
      const { port } = new URL(url);
      const send = (method: string, headers: Record<string, string>) =>
        new Promise<number>((resolve, reject) => {
          const request = httpRequest(
            {
              host: "127.0.0.1",
              port,
              path: "/mcp",
              method,
              headers: {
                "content-type": "application/json",
                accept: "application/json, text/event-stream",
                ...headers,
              },
            },
            (response) => {
              response.resume();
              resolve(response.statusCode ?? 0);
            },
          );
          request.on("error", reject);
          request.end(
            method === "POST" ? JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }) : undefined,
          );
        });
      expect(await send("POST", { host: "evil.example" })).toBe(403);
      expect(await send("POST", { host: `127.0.0.1:${port}`, origin: "https://evil.example" })).toBe(403);
      expect(await send("GET", { host: `127.0.0.1:${port}` })).toBe(405);
    });
  });

  describe("the key", () => {
    it("appears in nothing any of these servers emitted: listings, results, instructions, stderr", () => {
      expect(emitted.length).toBeGreaterThan(names.length * 4);
      for (const text of emitted) expect(text).not.toContain(API_KEY);
    });
  });
}
