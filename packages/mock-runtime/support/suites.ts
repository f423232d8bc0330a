// The test suite every API's mock runs against its own bundled spec (each mock package's
// test/mock.test.ts calls `describeMock`), the same for an API added by `pnpm new-api`:
// - every request example of the spec is accepted (over HTTP and through the MSW handlers);
// - every answer the mock sent in the suite conforms to the spec's response schema, as
//   openapi-backend (Ajv, JSON Schema 2020-12) judges it, independently of leadkit's validators;
// - unknown paths and methods, missing and wrong keys get the documented answers;
// - every fault makes the API's leadkit client raise the error its README documents, and a
//   create never stores twice;
// - the built bin starts, logs one line per request and stops cleanly on SIGINT.
// Dev-only (not published): imported by the mock packages' tests through a relative path.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { HttpHandler } from "msw";
import { setupServer } from "msw/node";
import { OpenAPIBackend } from "openapi-backend";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FaultInjection, MockDefinition, OperationDefinition, RecordedRequest } from "../src/index.js";
import { authFor, type ExampleRequest, exampleRequests } from "./requests.js";

export { authFor, type ExampleRequest, exampleRequests };

// biome-ignore lint/suspicious/noExplicitAny: the suite drives mocks and clients of any API.
type Any = any;
type Client = Record<string, (...args: Any[]) => Promise<Any>>;
type ErrorClass = abstract new (...args: never[]) => Error;

/** What the suite uses of a mock's controls, whatever its API's types. */
interface Controls {
  readonly requests: readonly RecordedRequest[];
  readonly store: Readonly<Record<string, readonly unknown[]>>;
  inject(injection: FaultInjection): void;
  reset(): void;
}

export interface MockUnderTest {
  /** The bundled spec (`@leadkit/<api>-types/openapi.json`). */
  readonly spec: Record<string, unknown>;
  readonly definition: MockDefinition;
  readonly start: (options?: {
    apiKey?: string;
  }) => Promise<Controls & { readonly url: string; close(): Promise<void> }>;
  readonly handlers: (options?: {
    apiKey?: string;
  }) => readonly HttpHandler[] & Controls & { readonly baseUrl: string };
  /** The mock package's folder (its built bin is run). */
  readonly packageDir: string;
  /** The bin's name, `leadkit-<api>-mock`. */
  readonly bin: string;
  /** The API's leadkit client, as its package exports it. */
  readonly client: {
    readonly create: (options: Any) => unknown;
    readonly ApiError: ErrorClass;
    readonly ConnectionError: ErrorClass;
    readonly TimeoutError: ErrorClass;
    readonly InvalidResponseError: ErrorClass;
  };
}

export const MOCK_KEY = "mock-suite-key-7f3a";

function send(
  baseUrl: string,
  definition: MockDefinition,
  request: ExampleRequest,
  key = MOCK_KEY,
  extra: Record<string, string> = {},
) {
  const auth = authFor(definition, key);
  const search = new URLSearchParams({ ...request.query, ...auth.query }).toString();
  return fetch(`${baseUrl}${request.path}${search ? `?${search}` : ""}`, {
    method: request.operation.method,
    headers: {
      ...auth.headers,
      ...(request.body === undefined
        ? {}
        : { "content-type": request.operation.body?.mediaType ?? "application/json" }),
      ...extra,
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
}

/** The convenience-method arguments of a request: path values in path order, body, query, options. */
function clientArguments(request: ExampleRequest, options: object): unknown[] {
  const args: unknown[] = [...request.path.matchAll(/[^/]+/g)]
    .map((match) => match[0])
    .filter((_, index) => request.operation.path.split("/").filter(Boolean)[index]?.startsWith("{"))
    .map((value) => decodeURIComponent(value));
  if (request.operation.body !== undefined) args.push(request.body);
  if (request.operation.queryParams.length > 0) args.push(request.query);
  args.push(options);
  return args;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
}

/** openapi-backend over the bundled spec, with Ajv's 2020-12 dialect (the one OpenAPI 3.1 uses). */
async function independentJudge(spec: Record<string, unknown>) {
  const backend = new OpenAPIBackend({
    definition: withoutNullable(structuredClone(spec)) as never,
    quick: true,
    validate: true,
    customizeAjv: (_default, options) => new Ajv2020({ ...options, strict: false, allErrors: true }) as never,
  });
  await backend.init();
  return backend;
}

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema says it (`type: [..., "null"]`, or `anyOf` with
 * `{ type: "null" }` where there is no `type`), so Ajv's 2020-12 dialect can judge a 3.0 spec
 * (a vendor's, adopted by `pnpm new-api`). A 3.1 spec has no `nullable` and is left as is.
 */
function withoutNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutNullable);
  if (typeof node !== "object" || node === null) return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const copy = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, withoutNullable(value)]));
  if (nullable !== true) return nullable === undefined ? copy : { ...copy, nullable };
  if (typeof copy.type === "string") return { ...copy, type: [copy.type, "null"] };
  if (Array.isArray(copy.type)) return { ...copy, type: [...new Set([...copy.type, "null"])] };
  return { anyOf: [copy, { type: "null" }] };
}

interface Answered {
  readonly operationId: string;
  readonly status: number;
  readonly body: unknown;
  readonly what: string;
}

export function describeMock(subject: MockUnderTest): void {
  const { definition } = subject;
  const requests = exampleRequests(definition);
  const withBody = requests.filter((request) => request.body !== undefined);
  const answered: Answered[] = [];
  let judgeOnce: ReturnType<typeof independentJudge> | undefined;
  const judgeSpec = () => {
    judgeOnce ??= independentJudge(subject.spec);
    return judgeOnce;
  };
  const remember = async (what: string, operation: OperationDefinition | undefined, response: Response) => {
    const text = await response.text();
    if (operation !== undefined && operation.responses[String(response.status)] !== undefined && text !== "")
      answered.push({
        operationId: operation.operationId,
        status: response.status,
        body: JSON.parse(text),
        what,
      });
    return text;
  };

  describe(`${definition.title} mock over HTTP`, () => {
    let mock: Awaited<ReturnType<MockUnderTest["start"]>>;
    beforeAll(async () => {
      mock = await subject.start({ apiKey: MOCK_KEY });
    });
    afterEach(() => mock.reset());
    afterAll(() => mock.close());

    it.each(requests.map((request) => [`${request.name} (${request.example})`, request] as const))(
      "accepts the spec's request example %s and answers the documented success",
      async (_label, request) => {
        const response = await send(mock.url, definition, request);
        await remember(`example ${request.name}`, request.operation, response);
        expect(mock.requests.map((entry) => entry.violations)).toEqual([[]]);
        expect(String(response.status)).toBe(request.operation.successStatus ?? "204");
        // The mock's own check of its answer agrees, unless the spec's example is itself broken.
        const example = request.operation.responses[String(response.status)]?.example;
        const judge = await judgeSpec();
        if (
          example === undefined ||
          judge.validateResponse(example, request.operation.operationId, response.status).valid
        )
          expect(mock.requests[0]?.responseViolations).toEqual([]);
      },
    );

    it("keeps every key out of the request log", async () => {
      for (const request of requests) await send(mock.url, definition, request);
      await send(mock.url, definition, requests[0] as ExampleRequest, "another-key-1234");
      expect(JSON.stringify(mock.requests)).not.toMatch(/mock-suite-key-7f3a|another-key-1234/);
    });

    it("answers 404 for a path and 405 for a method the spec does not have", async () => {
      const unknown = await fetch(`${mock.url}/leadkit-no-such-path`, {
        headers: authFor(definition, MOCK_KEY).headers,
      });
      expect(unknown.status).toBe(404);
      const request = requests[0] as ExampleRequest;
      const methods = new Set(
        Object.values(definition.operations)
          .filter((operation) => operation.path === request.operation.path)
          .map((operation) => operation.method),
      );
      const other = ["PUT", "DELETE", "PATCH", "POST", "GET"].find(
        (method) => !methods.has(method),
      ) as string;
      const wrong = await fetch(`${mock.url}${request.path}`, {
        method: other,
        headers: authFor(definition, MOCK_KEY).headers,
      });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get("allow")).toBe([...methods].join(", "));
    });

    const secured = requests.find((request) => request.operation.secured);
    if (definition.security !== undefined && secured !== undefined) {
      it("refuses a request without a key, and with another key, with the documented status", async () => {
        const documented = ["401", "403"].filter(
          (status) => secured.operation.responses[status] !== undefined,
        );
        const expected = Number(documented[0] ?? 401);
        const anonymous = await fetch(`${mock.url}${secured.path}`, {
          method: secured.operation.method,
          headers: secured.body === undefined ? {} : { "content-type": "application/json" },
          body: secured.body === undefined ? undefined : JSON.stringify(secured.body),
        });
        await remember("no key", secured.operation, anonymous);
        expect(anonymous.status).toBe(expected);
        const wrongKey = await send(mock.url, definition, secured, "not-the-mock-key");
        await remember("wrong key", secured.operation, wrongKey);
        expect(wrongKey.status).toBe(expected);
        expect(mock.requests.map((entry) => entry.violations[0]?.part)).toEqual(["auth", "auth"]);
      });
    }

    const first = withBody[0];
    if (first !== undefined) {
      it("rejects a body that is not JSON with the documented validation answer", async () => {
        const auth = authFor(definition, MOCK_KEY);
        const response = await fetch(`${mock.url}${first.path}`, {
          method: first.operation.method,
          headers: { ...auth.headers, "content-type": "application/json" },
          body: "{not json",
        });
        await remember("not JSON", first.operation, response);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(mock.requests[0]?.violations[0]?.message).toMatch(/^body is not valid JSON/);
      });

      it("answers each documented status on `Prefer: code=`, with the spec's example", async () => {
        for (const status of Object.keys(first.operation.responses).filter((s) => /^\d{3}$/.test(s))) {
          const response = await send(mock.url, definition, first, MOCK_KEY, { prefer: `code=${status}` });
          await remember(`Prefer: code=${status}`, first.operation, response);
          expect(response.status).toBe(Number(status));
        }
      });
    }

    describe("faults, as the leadkit client meets them", () => {
      const target =
        withBody.find((request) => request.operation.resource?.role === "create") ??
        withBody[0] ??
        requests[0];
      if (target === undefined) return;
      const mayCreate = target.operation.method === "POST" || target.operation.responses["201"] !== undefined;
      const collection = target.operation.resource?.collection;
      const stored = () => (collection === undefined ? 0 : (mock.store[collection] as unknown[]).length);
      const call = (options: object = {}, callOptions: object = {}) => {
        const client = subject.client.create({
          apiKey: MOCK_KEY,
          baseUrl: mock.url,
          retryDelayMs: 1,
          maxRetryDelayMs: 5_000,
          ...options,
        }) as Client;
        return (client[target.name] as (...args: unknown[]) => Promise<unknown>)(
          ...clientArguments(target, callOptions),
        );
      };

      it(`${target.name}: reset-before -> ConnectionError; nothing stored${mayCreate ? ", not retried" : ""}`, async () => {
        const before = stored();
        mock.inject({ fault: "reset-before", times: 3 });
        const error = await rejection(call());
        expect(error).toBeInstanceOf(subject.client.ConnectionError);
        expect(stored()).toBe(before);
        expect(mock.requests).toHaveLength(mayCreate ? 1 : 3);
      });

      it(`${target.name}: reset-after -> ConnectionError, and never a second stored resource`, async () => {
        const before = stored();
        mock.inject({ fault: "reset-after", times: 3 });
        const error = await rejection(call());
        expect(error).toBeInstanceOf(subject.client.ConnectionError);
        expect(stored() - before).toBe(target.operation.resource?.role === "create" ? 1 : 0);
      });

      it(`${target.name}: hang -> TimeoutError after the client's timeout`, async () => {
        mock.inject({ fault: "hang", times: 3 });
        const error = await rejection(call({ timeoutMs: 150 }));
        expect(error).toBeInstanceOf(subject.client.TimeoutError);
      });

      it(`${target.name}: { status: 503, retryAfter: 0 } -> retried, then the ApiError with retryAfterMs`, async () => {
        const before = stored();
        mock.inject({ fault: { status: 503, retryAfter: 0 }, times: 3 });
        const error = await rejection(call());
        expect(error).toBeInstanceOf(subject.client.ApiError);
        expect(error).toMatchObject({ status: 503, retryAfterMs: 0, attempts: 3 });
        expect(stored()).toBe(before);
      });

      it(`${target.name}: { status: 429, retryAfter: 0 } once -> the retry succeeds, stored once`, async () => {
        const before = stored();
        mock.inject({ fault: { status: 429, retryAfter: 0 } });
        await call();
        expect(mock.requests.map((entry) => entry.status)).toEqual([
          429,
          Number(target.operation.successStatus),
        ]);
        if (target.operation.resource?.role === "create") expect(stored() - before).toBe(1);
      });

      it(`${target.name}: { status: 500 } -> the ApiError${mayCreate ? ", not retried" : ", after the retries"}`, async () => {
        mock.inject({ fault: { status: 500 }, times: 3 });
        const error = await rejection(call());
        expect(error).toBeInstanceOf(subject.client.ApiError);
        expect(error).toMatchObject({ status: 500, attempts: mayCreate ? 1 : 3 });
      });

      if (
        target.operation.successStatus !== undefined &&
        target.operation.responses[target.operation.successStatus]?.mediaType
      ) {
        it(`${target.name}: malformed-json -> InvalidResponseError`, async () => {
          mock.inject({ fault: "malformed-json" });
          expect(await rejection(call())).toBeInstanceOf(subject.client.InvalidResponseError);
        });
      }

      it(`${target.name}: { delayMs } -> answered late, successfully`, async () => {
        mock.inject({ fault: { delayMs: 100 } });
        const started = performance.now();
        await call();
        expect(performance.now() - started).toBeGreaterThanOrEqual(90);
      });
    });
  });

  describe(`${definition.title} mock as MSW handlers`, () => {
    const handlers = subject.handlers({ apiKey: MOCK_KEY });
    const server = setupServer(...handlers);
    beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
    afterEach(() => handlers.reset());
    afterAll(() => server.close());

    it.each(requests.map((request) => [`${request.name} (${request.example})`, request] as const))(
      "accept the spec's request example %s at the spec's server URL",
      async (_label, request) => {
        const response = await send(handlers.baseUrl, definition, request);
        await remember(`MSW example ${request.name}`, request.operation, response);
        expect(handlers.requests.map((entry) => entry.violations)).toEqual([[]]);
        expect(String(response.status)).toBe(request.operation.successStatus ?? "204");
      },
    );

    const target = withBody[0];
    if (target !== undefined) {
      it("let the client meet a dropped connection (reset-after) as a ConnectionError", async () => {
        handlers.inject({ fault: "reset-after" });
        const client = subject.client.create({ apiKey: MOCK_KEY, maxRetries: 0 }) as Client;
        const error = await rejection(
          (client[target.name] as (...args: unknown[]) => Promise<unknown>)(...clientArguments(target, {})),
        );
        expect(error).toBeInstanceOf(subject.client.ConnectionError);
      });
    }
  });

  describe(`${definition.title} mock answers`, () => {
    it("sent only answers that conform to the spec's response schemas (judged by openapi-backend)", async () => {
      expect(answered.length).toBeGreaterThan(0);
      const judge = await judgeSpec();
      // Where the spec's own example of a status breaks its schema (a vendor spec adopted with
      // its lint problems accepted), the mock, which answers with that example, cannot conform:
      // those answers are listed, not judged.
      const operations = Object.values(definition.operations);
      const brokenExample = (answer: Answered) => {
        const operation = operations.find((candidate) => candidate.operationId === answer.operationId);
        const example = operation?.responses[String(answer.status)]?.example;
        return (
          example !== undefined && !judge.validateResponse(example, answer.operationId, answer.status).valid
        );
      };
      const skipped = [...new Set(answered.filter(brokenExample).map((a) => `${a.operationId} ${a.status}`))];
      if (skipped.length > 0)
        console.log(`Not judged, the spec's own example breaks its schema: ${skipped.join(", ")}`);
      const problems = answered
        .filter((answer) => !brokenExample(answer))
        .flatMap((answer) => {
          const result = judge.validateResponse(answer.body, answer.operationId, answer.status);
          return (result.errors ?? []).map(
            (error) => `${answer.what} -> ${answer.status}: ${error.instancePath || "body"} ${error.message}`,
          );
        });
      expect(problems).toEqual([]);
    });
  });

  describe(`${subject.bin} (the built bin)`, () => {
    it("prints the URL and one line per request with its validation result, and stops on SIGINT", async () => {
      const child = spawn(
        process.execPath,
        [join(subject.packageDir, "bin", `${subject.bin}.js`), "--port", "0"],
        {
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, LEADKIT_MOCK_API_KEY: MOCK_KEY },
        },
      );
      let output = "";
      let errors = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
      });
      child.stderr.on("data", (chunk: Buffer) => {
        errors += chunk.toString("utf8");
      });
      const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
      try {
        const deadline = Date.now() + 20_000;
        while (!/listening on (\S+)/.test(output) && Date.now() < deadline && child.exitCode === null)
          await new Promise((resolve) => setTimeout(resolve, 20));
        const url = /listening on (\S+)/.exec(output)?.[1];
        expect(url, `${output}${errors}`).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
        const request = requests[0] as ExampleRequest;
        const response = await send(url as string, definition, request);
        expect(String(response.status)).toBe(request.operation.successStatus ?? "204");
        const line = `${request.operation.method} ${definition.basePath}${request.path} ${response.status} ${request.name} valid`;
        while (!output.includes(line) && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 20));
        expect(output).toContain(line);
        child.kill("SIGINT");
        expect(await exited).toBe(0);
        expect(output).toMatch(/Stopped \(SIGINT\)\.\n$/);
        expect(`${output}${errors}`).not.toContain(MOCK_KEY);
      } finally {
        child.kill("SIGKILL");
      }
    });
  });
}
