// The test suites every API client runs against its own bundled spec: contract (every operation,
// every documented status, every query parameter, the seed examples), faults (each failure ends
// in the right error class after the attempts the retry rule promises, without a duplicate
// create), secrets (no error ever shows the API key) and validation (the `validate` option with
// the API's generated validators: nothing invalid is sent, nothing invalid is returned). Each API package calls these from its
// tests with its client and, for faults, its own table of expected attempts.
// Dev-only (not published); imported by the API packages' tests through a relative path.
import { once } from "node:events";
import { createServer } from "node:net";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type {
  ApiError,
  ClientOptions,
  OperationDefinition,
  ValidationIssue,
  ValidatorTable,
} from "../src/index.js";
import {
  ConnectionError,
  InvalidResponseError,
  type LeadkitError,
  RequestValidationError,
  TimeoutError,
} from "../src/index.js";
import { type ContractServer, type Reply, startContractServer, successReply } from "./contract-server.js";
import { type OpenApiSpec, type OperationExamples, operationsOf } from "./spec.js";

// biome-ignore lint/suspicious/noExplicitAny: the suites call clients of any API generically.
type AnyClient = Record<string, (...args: any[]) => Promise<any>>;

export interface ClientUnderTest {
  /** The bundled spec (`@leadkit/<api>-types/openapi.json`). */
  readonly spec: OpenApiSpec;
  /** The generated operation table of the client. */
  readonly operations: Readonly<Record<string, OperationDefinition>>;
  readonly createClient: (options: ClientOptions) => unknown;
  /** The API's error class. */
  readonly ApiError: abstract new (
    ...args: never[]
  ) => LeadkitError;
  /** The API's generated validators (`@leadkit/<api>-types/validate`), by method name. */
  readonly validators: ValidatorTable;
}

export const API_KEY = "lk_test_4f9c2a7e1b8d";

/** Options that keep the tests fast: no real backoff. */
export const FAST = { apiKey: API_KEY, retryDelayMs: 1, maxRetryDelayMs: 5_000 } as const;

/** The arguments of a convenience call: path values, body, query, options, as the method takes them. */
export function argumentsFor(
  operation: OperationExamples,
  definition: OperationDefinition,
  body: unknown,
  query?: Record<string, unknown>,
  options?: object,
): unknown[] {
  const args: unknown[] = operation.pathParams.map((param) => param.value ?? "1");
  if (operation.requestExamples.length > 0) args.push(body);
  if (definition.queryParams.length > 0) args.push(query);
  args.push(options);
  return args;
}

function firstBody(operation: OperationExamples): unknown {
  return operation.requestExamples[0]?.value;
}

/** Serialises an error every way a log might, and fails if the API key shows up in any. */
export function expectNoSecret(error: unknown, secret: string = API_KEY): void {
  const views = [
    JSON.stringify(error),
    inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    String(error),
    (error as Error)?.stack,
    (error as Error)?.message,
    inspect((error as Error)?.cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
  for (const view of views) expect(view ?? "").not.toContain(secret);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it resolved");
}

/** A port nothing listens on: connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

function useServer(spec: OpenApiSpec): { readonly current: ContractServer } {
  const holder = {} as { current: ContractServer };
  beforeAll(async () => {
    holder.current = await startContractServer(spec);
  });
  afterAll(() => holder.current.close());
  return holder;
}

export function describeContract(subject: ClientUnderTest): void {
  const operations = operationsOf(subject.spec);
  describe("contract: every request matches the spec, every documented answer is handled", () => {
    const server = useServer(subject.spec);
    const client = () => subject.createClient({ ...FAST, baseUrl: server.current.url }) as AnyClient;
    afterEach(() => expect(server.current.violations()).toEqual([]));

    it("has a convenience method for exactly the spec's operations", () => {
      expect(Object.keys(subject.operations).sort()).toEqual(
        operations.map((operation) => operation.operationId).sort(),
      );
      for (const operation of operations) expect(typeof client()[operation.operationId]).toBe("function");
    });

    for (const operation of operations) {
      const definition = subject.operations[operation.operationId] as OperationDefinition;
      const success = successReply(operation) as { status: number; json: unknown };
      const call = (c: AnyClient, ...args: unknown[]) =>
        (c[operation.operationId] as (...a: unknown[]) => Promise<unknown>)(...args);

      for (const example of operation.requestExamples) {
        it(`${operation.operationId}: sends the "${example.name}" example as a valid request, with auth and client headers`, async () => {
          const data = await call(client(), ...argumentsFor(operation, definition, example.value));
          expect(data).toEqual(success.json);
          const received = server.current.requests.at(-1);
          expect(received?.operationId).toBe(operation.operationId);
          expect(received?.body).toEqual(example.value);
          expect(received?.headers.authorization).toBe(`Bearer ${API_KEY}`);
          expect(received?.headers["user-agent"]).toMatch(/^leadkit-[a-z-]+\/\d+\.\d+\.\d+/);
        });
      }

      if (operation.queryParams.length > 0) {
        it(`${operation.operationId}: sends every query parameter (${operation.queryParams.map((p) => p.name).join(", ")})`, async () => {
          const query = Object.fromEntries(operation.queryParams.map((param) => [param.name, param.value]));
          await call(client(), ...argumentsFor(operation, definition, firstBody(operation), query));
          expect(server.current.requests.at(-1)?.query).toEqual(
            Object.fromEntries(operation.queryParams.map((param) => [param.name, String(param.value)])),
          );
        });
      }

      for (const response of operation.responses) {
        const status = Number(response.status);
        it(`${operation.operationId}: handles the documented ${response.status} response`, async () => {
          server.current.reply({ status, json: response.example });
          const promise = call(client(), ...argumentsFor(operation, definition, firstBody(operation)));
          if (status < 300) {
            expect(await promise).toEqual(response.example);
            return;
          }
          const error = (await rejection(promise)) as ApiError;
          expect(error).toBeInstanceOf(subject.ApiError);
          expect(error).toMatchObject({
            status,
            body: response.example,
            method: definition.method,
            attempts: 1,
          });
          expect(error.url).toBe(`${server.current.url}${server.current.requests.at(-1)?.url}`);
          expect(error.hasStatus(status as never)).toBe(true);
          expectNoSecret(error);
        });
      }

      it(`${operation.operationId}: the path-based call keeps openapi-fetch's { data, error, response }`, async () => {
        const params = {
          path: Object.fromEntries(operation.pathParams.map((param) => [param.name, param.value ?? "1"])),
        };
        const init = { params, body: firstBody(operation) };
        const method = definition.method as string;
        const ok = await client()[method]?.(definition.path, init);
        expect(ok).toMatchObject({ data: success.json, response: { status: success.status } });
        const failure = operation.responses.find((response) => Number(response.status) >= 400);
        if (failure === undefined) return;
        server.current.reply({ status: Number(failure.status), json: failure.example });
        const failed = await client()[method]?.(definition.path, init);
        expect(failed).toMatchObject({
          error: failure.example,
          response: { status: Number(failure.status) },
        });
      });
    }
  });

  describe("contract: the validator rejects what the spec rejects", () => {
    const server = useServer(subject.spec);
    const operation = operations[0] as OperationExamples;
    const definition = subject.operations[operation.operationId] as OperationDefinition;
    const url = (path: string) => `${server.current.url}${path}`;
    const pathOf = operation.path.replace(/\{[^}]+\}/g, "1");

    it("flags a request without the Authorization header", async () => {
      const response = await fetch(url(pathOf), {
        method: definition.method,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(firstBody(operation)),
      });
      expect(response.status).toBe(400);
      expect(server.current.violations().join("\n")).toMatch(/security requirement/);
    });

    it("flags a path the spec does not have", async () => {
      await fetch(url("/no/such/path"), { headers: { authorization: `Bearer ${API_KEY}` } });
      expect(server.current.violations().join("\n")).toMatch(/no operation of the spec/);
    });

    if (operation.requestExamples.length > 0) {
      it("flags an empty object as the request body (required fields missing)", async () => {
        const client = subject.createClient({ ...FAST, baseUrl: server.current.url }) as AnyClient;
        const params = { path: Object.fromEntries(operation.pathParams.map((param) => [param.name, "1"])) };
        const before = server.current.requests.length;
        const result = await client[definition.method]?.(definition.path, { params, body: {} });
        expect(result?.response.status).toBe(400);
        const received = server.current.requests[before];
        expect(received?.violations.join("\n")).toMatch(/must have required property/);
      });
    }
  });
}

/**
 * The `validate` option over real HTTP, with the API's generated validators: the spec's own
 * examples go through both checks; a request they reject never reaches the server (which counts
 * what arrives); a 2xx body they reject is an InvalidResponseError, or goes to onInvalidResponse.
 */
export function describeValidation(subject: ClientUnderTest): void {
  const operations = operationsOf(subject.spec);
  describe("validation: nothing invalid is sent, nothing invalid is returned", () => {
    const server = useServer(subject.spec);
    const client = (options: Partial<ClientOptions> = {}) =>
      subject.createClient({ ...FAST, baseUrl: server.current.url, ...options }) as AnyClient;
    const wrong = 20_260_101; // a number: no object, string or array schema takes it

    for (const operation of operations) {
      const definition = subject.operations[operation.operationId] as OperationDefinition;
      const validators = subject.validators[operation.operationId];
      const success = successReply(operation) as { status: number; json: unknown };
      const call = (c: AnyClient, ...args: unknown[]) =>
        (c[operation.operationId] as (...a: unknown[]) => Promise<unknown>)(...args);

      it(`${operation.operationId}: sends each of the spec's examples and takes the documented answer, both checked`, async () => {
        for (const example of operation.requestExamples.length > 0
          ? operation.requestExamples
          : [undefined]) {
          const data = await call(
            client({ validate: "both" }),
            ...argumentsFor(operation, definition, example?.value),
          );
          expect(data).toEqual(success.json);
        }
        expect(server.current.violations()).toEqual([]);
      });

      if (validators?.body?.["~standard"].validate(wrong).issues !== undefined) {
        it(`${operation.operationId}: refuses a body the spec rejects before sending anything; the error shows no key`, async () => {
          const before = server.current.count(operation.operationId);
          const error = await rejection(
            call(client({ validate: "request" }), ...argumentsFor(operation, definition, wrong)),
          );
          expect(error).toBeInstanceOf(RequestValidationError);
          const failure = error as RequestValidationError;
          expect(failure.issues.length).toBeGreaterThan(0);
          expect(failure.issues.every((issue) => issue.in === "body")).toBe(true);
          expect(failure).toMatchObject({ method: definition.method, attempts: 0 });
          expect(failure.message).toContain(
            "was not sent: the request does not match the spec: body: body must be",
          );
          expect(server.current.count(operation.operationId)).toBe(before);
          expectNoSecret(error);
          // The same call with validation off reaches the server, whose own validator flags it.
          await call(client({ maxRetries: 0 }), ...argumentsFor(operation, definition, wrong)).catch(
            () => {},
          );
          expect(server.current.count(operation.operationId)).toBe(before + 1);
          expect(server.current.requests.at(-1)?.violations.length).toBeGreaterThan(0);
        });
      }

      const responseValidator = validators?.responses[String(success.status)];
      if (responseValidator?.["~standard"].validate(wrong).issues !== undefined) {
        it(`${operation.operationId}: rejects a ${success.status} body the spec does not allow, unless onInvalidResponse takes it`, async () => {
          server.current.reply({ status: success.status, json: wrong });
          const error = await rejection(
            call(
              client({ validate: "response" }),
              ...argumentsFor(operation, definition, firstBody(operation)),
            ),
          );
          expect(error).toBeInstanceOf(InvalidResponseError);
          const failure = error as InvalidResponseError;
          expect(failure).toMatchObject({ status: success.status, attempts: 1 });
          expect(failure.issues?.[0]?.message).toMatch(/^response body must be /);
          expectNoSecret(error);

          const seen: Array<[readonly ValidationIssue[], number]> = [];
          server.current.reply({ status: success.status, json: wrong });
          const data = await call(
            client({
              validate: "response",
              onInvalidResponse: (issues, response) => void seen.push([issues, response.status]),
            }),
            ...argumentsFor(operation, definition, firstBody(operation)),
          );
          expect(data).toBe(wrong);
          expect(seen).toEqual([[failure.issues, success.status]]);
        });
      }
    }
  });
}

/** The failures every client is tested against; the API package says how many attempts each takes. */
export type Fault =
  | "connection refused"
  | "connection reset"
  | "no answer"
  | "500"
  | "502 HTML page"
  | "503"
  | "503 with Retry-After"
  | "429 with Retry-After"
  | "malformed JSON"
  | "empty body";

interface FaultScenario {
  readonly replies: (operation: OperationExamples) => Reply;
  /** The error the call must end with. */
  readonly error: (subject: ClientUnderTest) => abstract new (...args: never[]) => LeadkitError;
  readonly check?: (error: LeadkitError) => void;
}

/** The timeout of the "no answer" scenario; the others get a long one, so load cannot flake them. */
const TIMEOUT_MS = 300;
const LONG_TIMEOUT_MS = 15_000;

const SCENARIOS: Record<Exclude<Fault, "connection refused">, FaultScenario> = {
  "connection reset": { replies: () => "reset", error: () => ConnectionError },
  "no answer": {
    replies: () => "hang",
    error: () => TimeoutError,
    check: (error) => expect((error as TimeoutError).timeoutMs).toBe(TIMEOUT_MS),
  },
  "500": {
    replies: () => ({ status: 500, json: { error: "Internal Server Error" } }),
    error: (s) => s.ApiError,
  },
  "502 HTML page": {
    replies: () => ({
      status: 502,
      text: "<html><body><h1>502 Bad Gateway</h1></body></html>",
      headers: { "content-type": "text/html" },
    }),
    error: (s) => s.ApiError,
    check: (error) =>
      expect(error).toMatchObject({ status: 502, body: undefined, rawBody: expect.stringContaining("<h1>") }),
  },
  "503": { replies: () => ({ status: 503, text: "" }), error: (s) => s.ApiError },
  "503 with Retry-After": {
    replies: () => ({ status: 503, text: "", headers: { "retry-after": "0" } }),
    error: (s) => s.ApiError,
    check: (error) => expect(error).toMatchObject({ status: 503, retryAfterMs: 0 }),
  },
  "429 with Retry-After": {
    replies: () => ({ status: 429, json: { message: "Too many requests" }, headers: { "retry-after": "0" } }),
    error: (s) => s.ApiError,
    check: (error) => expect(error).toMatchObject({ status: 429, retryAfterMs: 0 }),
  },
  "malformed JSON": {
    replies: (operation) => ({
      status: Number((successReply(operation) as { status: number }).status),
      text: '{"id": 12',
      headers: { "content-type": "application/json" },
    }),
    error: () => InvalidResponseError,
    check: (error) => expect((error as InvalidResponseError).rawBody).toBe('{"id": 12'),
  },
  "empty body": {
    replies: (operation) => ({
      status: Number((successReply(operation) as { status: number }).status),
      text: "",
    }),
    error: () => InvalidResponseError,
  },
};

export function describeFaults(
  subject: ClientUnderTest,
  expected: { readonly operationId: string; readonly attempts: Record<Fault, number> },
): void {
  const operation = operationsOf(subject.spec).find(
    (candidate) => candidate.operationId === expected.operationId,
  );
  const definition = subject.operations[expected.operationId] as OperationDefinition;
  if (operation === undefined) throw new Error(`no operation ${expected.operationId} in the spec`);
  const args = (options?: object) =>
    argumentsFor(operation, definition, firstBody(operation), undefined, options);

  describe(`faults: ${expected.operationId} (${definition.mayCreate ? "may create: retried only when provably not processed" : "idempotent"})`, () => {
    const server = useServer(subject.spec);
    const client = (options: Partial<ClientOptions> = {}) =>
      subject.createClient({
        ...FAST,
        timeoutMs: LONG_TIMEOUT_MS,
        baseUrl: server.current.url,
        ...options,
      }) as AnyClient;
    const call = (c: AnyClient, options?: object) =>
      c[expected.operationId]?.(...args(options)) as Promise<unknown>;
    let before: number;
    afterEach(() => {
      server.current.clearReplies(); // nothing left over for the next test
      expect(server.current.violations()).toEqual([]);
      // Whatever happened, the server acted on at most one create: no duplicate lead.
      if (definition.mayCreate)
        expect(server.current.processed(expected.operationId) - before).toBeLessThanOrEqual(1);
    });

    it(`connection refused: ConnectionError after ${expected.attempts["connection refused"]} attempt(s)`, async () => {
      before = server.current.processed(expected.operationId);
      const port = await closedPort();
      const error = (await rejection(
        call(client({ baseUrl: `http://127.0.0.1:${port}` })),
      )) as ConnectionError;
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ code: "ECONNREFUSED", mayHaveReachedServer: false });
      expect(error.attempts).toBe(expected.attempts["connection refused"]);
      expectNoSecret(error);
    });

    for (const [fault, scenario] of Object.entries(SCENARIOS) as Array<[Fault, FaultScenario]>) {
      const attempts = expected.attempts[fault];
      it(`${fault}: ${scenario.error(subject).name} after ${attempts} attempt(s)`, async () => {
        before = server.current.processed(expected.operationId);
        const count = server.current.count(expected.operationId);
        for (let i = 0; i < 5; i++) server.current.reply(scenario.replies(operation));
        const started = performance.now();
        const timeoutMs = fault === "no answer" ? TIMEOUT_MS : LONG_TIMEOUT_MS;
        const error = (await rejection(call(client({ timeoutMs })))) as LeadkitError;
        const elapsed = performance.now() - started;
        expect(error).toBeInstanceOf(scenario.error(subject));
        expect(error.attempts).toBe(attempts);
        // Every attempt reached the server. On a loaded machine the last one of "no answer" (given
        // up after 300 ms) can arrive after the call has settled: wait for it, so that it is
        // counted here, not in the next test (a loaded run saw 2 here, then 4 in the next one).
        await expect
          .poll(() => server.current.count(expected.operationId) - count, { timeout: 10_000 })
          .toBe(attempts);
        scenario.check?.(error);
        expectNoSecret(error);
        // Within its timeout: a generous bound, the attempts' timeouts plus slack for a slow machine.
        expect(elapsed).toBeLessThan(attempts * timeoutMs + 4_000);
      });
    }

    it("recovers when the server asks to retry (429 with Retry-After, then success)", async () => {
      before = server.current.processed(expected.operationId);
      server.current.reply({ status: 429, text: "", headers: { "retry-after": "0" } });
      expect(await call(client())).toEqual((successReply(operation) as { json: unknown }).json);
      expect(server.current.processed(expected.operationId) - before).toBe(1);
    });

    it("recovers from a refused connection (the first attempt never reached the server)", async () => {
      before = server.current.processed(expected.operationId);
      const port = await closedPort();
      let attempt = 0;
      const fetchOnce = (request: Request) =>
        fetch(
          attempt++ === 0
            ? new Request(request.url.replace(`:${server.current.port}`, `:${port}`), request)
            : request,
        );
      expect(await call(client({ fetch: fetchOnce }))).toEqual(
        (successReply(operation) as { json: unknown }).json,
      );
      expect(attempt).toBe(2);
    });

    it("maxRetries: 0 sends one attempt, whatever the failure", async () => {
      before = server.current.processed(expected.operationId);
      const count = server.current.count(expected.operationId);
      server.current.reply({ status: 429, text: "", headers: { "retry-after": "0" } });
      const error = (await rejection(call(client({ maxRetries: 0 })))) as ApiError;
      expect(error).toMatchObject({ status: 429, attempts: 1 });
      expect(server.current.count(expected.operationId) - count).toBe(1);
    });

    it("the caller's own signal cancels the call, with no retry", async () => {
      before = server.current.processed(expected.operationId);
      const count = server.current.count(expected.operationId);
      server.current.reply("hang");
      const controller = new AbortController();
      const promise = call(client({ timeoutMs: 0 }), { signal: controller.signal });
      while (server.current.count(expected.operationId) === count) await new Promise((r) => setTimeout(r, 5));
      controller.abort();
      const error = (await rejection(promise)) as Error;
      expect(error.name).toBe("AbortError");
      expect(server.current.count(expected.operationId) - count).toBe(1);
    });
  });
}

export function describeSecrets(subject: ClientUnderTest): void {
  const operation = operationsOf(subject.spec)[0] as OperationExamples;
  const definition = subject.operations[operation.operationId] as OperationDefinition;
  const call = (client: unknown) =>
    (client as AnyClient)[operation.operationId]?.(
      ...argumentsFor(operation, definition, firstBody(operation)),
    ) as Promise<unknown>;

  describe("secrets: no error shows the API key", () => {
    const server = useServer(subject.spec);
    const client = (options: Partial<ClientOptions> = {}) =>
      subject.createClient({ ...FAST, maxRetries: 0, baseUrl: server.current.url, ...options });

    it("redacts a key the server echoes in a JSON error body", async () => {
      const failure = operation.responses.find((response) => Number(response.status) >= 400);
      server.current.reply({
        status: Number(failure?.status ?? 400),
        json: { message: `invalid key Bearer ${API_KEY}`, errors: [{ message: API_KEY }] },
      });
      const error = (await rejection(call(client()))) as ApiError;
      expect(error).toBeInstanceOf(subject.ApiError);
      expect(JSON.stringify(error.body)).toContain("[REDACTED]");
      expectNoSecret(error);
    });

    it("redacts a key the server echoes in an HTML error page", async () => {
      server.current.reply({ status: 500, text: `<pre>Authorization: Bearer ${API_KEY}</pre>` });
      const error = (await rejection(call(client()))) as ApiError;
      expect(error.rawBody).toContain("[REDACTED]");
      expectNoSecret(error);
    });

    it("redacts a key that a custom fetch puts in its own error", async () => {
      const leaky = async (request: Request) => {
        throw new TypeError(`cannot send ${request.headers.get("authorization")}`);
      };
      const error = (await rejection(call(client({ fetch: leaky })))) as ConnectionError;
      expect(error).toBeInstanceOf(ConnectionError);
      expectNoSecret(error);
    });

    it("never shows the key when the options are wrong", () => {
      for (const apiKey of ["", "   ", `${API_KEY}\n`, `Bearer ${API_KEY}`, undefined]) {
        let thrown: unknown;
        try {
          subject.createClient({ ...FAST, apiKey: apiKey as string });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(TypeError);
        expect((thrown as Error).message).toMatch(
          /`apiKey` must be your API key, without spaces or "Bearer "/,
        );
        expect((thrown as Error).message).toMatch(/Example: create\w+Client\(\{ apiKey: /);
        expectNoSecret(thrown);
      }
    });

    it("keeps the key out of what middleware sees (it is added after them)", async () => {
      const c = client() as AnyClient & { use: (m: unknown) => void };
      const seen: string[] = [];
      c.use({
        onRequest: ({ request }: { request: Request }) => {
          seen.push(JSON.stringify([...request.headers]));
        },
      });
      await call(c);
      expect(seen).toHaveLength(1);
      expect(seen[0]).not.toContain(API_KEY);
      expect(server.current.requests.at(-1)?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    });
  });
}
