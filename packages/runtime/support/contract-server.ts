// A local HTTP server that plays an API from its bundled OpenAPI spec, for the clients' contract
// and fault tests. Every request is validated by openapi-backend (an independent validator,
// with Ajv's JSON Schema 2020-12 dialect, the one OpenAPI 3.1 uses); the server answers with the
// spec's own examples unless a test queues other replies or a fault.
// Dev-only: not part of the published runtime (not in `files`), imported by the API packages'
// tests through a relative path.
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Ajv2020 } from "ajv/dist/2020.js";
import { OpenAPIBackend } from "openapi-backend";
import { type OpenApiSpec, type OperationExamples, operationsOf } from "./spec.js";

/** How the server answers one request. */
export type Reply =
  | {
      readonly status: number;
      readonly json?: unknown;
      readonly text?: string;
      readonly headers?: Record<string, string>;
    }
  /** Drop the connection after the request arrived (the server may have acted on it). */
  | "reset"
  /** Never answer. */
  | "hang";

export interface ReceivedRequest {
  readonly operationId: string | undefined;
  readonly method: string;
  /** The path below the server's base path, with the query string. */
  readonly url: string;
  readonly query: Record<string, string | string[]>;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  /** What the validator objected to; empty when the request is what the spec allows. */
  readonly violations: readonly string[];
  readonly reply: Reply;
}

export interface ContractServer {
  /** Base URL to give the client: origin plus the spec's server base path. */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly ReceivedRequest[];
  /** Queue replies for the next requests, in order; after them the spec's examples answer. */
  reply(...replies: Reply[]): void;
  /** Drops the replies still queued. */
  clearReplies(): void;
  /** Every violation of every request so far, as `METHOD url: problem`. */
  violations(): string[];
  /** Requests of an operation the server received. */
  count(operationId: string): number;
  /**
   * Requests of an operation the server may have acted on: everything valid except what it
   * refused outright (429, or 503 with `Retry-After`). For a create, more than 1 is a duplicate.
   */
  processed(operationId: string): number;
  close(): Promise<void>;
}

/** The default reply of an operation: its first 2xx response with its example. */
export function successReply(operation: OperationExamples): Reply {
  const success = operation.responses.find((response) => response.status.startsWith("2"));
  if (success === undefined) throw new Error(`${operation.operationId} documents no 2xx response`);
  return { status: Number(success.status), json: success.example };
}

function serverBasePath(spec: OpenApiSpec): string {
  const url = spec.servers?.[0]?.url;
  return url === undefined ? "" : new URL(url).pathname.replace(/\/$/, "");
}

export async function startContractServer(spec: OpenApiSpec): Promise<ContractServer> {
  const operations = operationsOf(spec);
  const basePath = serverBasePath(spec);
  const backend = new OpenAPIBackend({
    definition: structuredClone(spec) as never,
    // `quick` skips openapi-backend's own check of the document, which knows only OpenAPI 3.0;
    // the spec is linted by Redocly. Request validation stays on, with the 2020-12 dialect.
    quick: true,
    validate: true,
    customizeAjv: (_default, options) => new Ajv2020({ ...options, strict: false, allErrors: true }) as never,
  });
  const problems = (context: { validation?: { errors?: unknown } }) =>
    ((context.validation?.errors as Array<{ instancePath: string; message?: string }> | undefined) ?? []).map(
      (error) => `${error.instancePath || "request"} ${error.message ?? "is invalid"}`,
    );
  backend.register({
    validationFail: (context) => ({
      operationId: context.operation.operationId,
      violations: problems(context),
    }),
    notFound: () => ({
      operationId: undefined,
      violations: ["no operation of the spec has this method and path"],
    }),
    unauthorizedHandler: (context) => ({
      operationId: context.operation.operationId,
      violations: ["the security requirement is not met (Authorization header)"],
    }),
  });
  for (const operation of operations)
    backend.register(operation.operationId, () => ({ operationId: operation.operationId, violations: [] }));
  for (const name of Object.keys(spec.components?.securitySchemes ?? {}))
    backend.registerSecurityHandler(name, (context) =>
      /^Bearer \S+$/.test(String(context.request.headers.authorization ?? "")),
    );
  await backend.init();
  // In quick mode validators compile on first use, which can take longer than a test's timeout:
  // compile them now, with one throwaway request per operation.
  for (const operation of operations)
    await backend.handleRequest({ method: operation.method, path: operation.path, headers: {}, body: {} });

  const queue: Reply[] = [];
  const requests: ReceivedRequest[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://localhost");
    const violations: string[] = [];
    let body: unknown;
    if (raw !== "") {
      if (!String(request.headers["content-type"]).startsWith("application/json"))
        violations.push(`body sent as ${request.headers["content-type"]}, not application/json`);
      try {
        body = JSON.parse(raw);
      } catch {
        violations.push("body is not JSON");
      }
    }
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? (values[0] as string) : values;
    }
    let path = url.pathname;
    if (!path.startsWith(`${basePath}/`))
      violations.push(`path is outside the server's base path ${basePath}`);
    else path = path.slice(basePath.length);
    const verdict = (await backend.handleRequest({
      method: request.method ?? "GET",
      path,
      query,
      headers: request.headers as Record<string, string>,
      body,
    })) as { operationId: string | undefined; violations: string[] };
    violations.push(...verdict.violations);
    const operation = operations.find((candidate) => candidate.operationId === verdict.operationId);
    const reply: Reply =
      violations.length > 0
        ? { status: 400, json: { contractViolations: violations } }
        : (queue.shift() ?? (operation ? successReply(operation) : { status: 404 }));
    requests.push({
      operationId: verdict.operationId,
      method: request.method ?? "GET",
      url: `${path}${url.search}`,
      query,
      headers: request.headers,
      body,
      violations,
      reply,
    });
    if (reply === "hang") return;
    if (reply === "reset") {
      request.socket.destroy();
      return;
    }
    const text = reply.text ?? (reply.json === undefined ? "" : JSON.stringify(reply.json));
    response.writeHead(reply.status, {
      ...(reply.json === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
      ...reply.headers,
    });
    response.end(text);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const ofOperation = (operationId: string) =>
    requests.filter((request) => request.operationId === operationId);
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    port,
    requests,
    reply: (...replies) => queue.push(...replies),
    clearReplies: () => queue.splice(0),
    violations: () =>
      requests.flatMap((request) =>
        request.violations.map((violation) => `${request.method} ${request.url}: ${violation}`),
      ),
    count: (operationId) => ofOperation(operationId).length,
    processed: (operationId) =>
      ofOperation(operationId).filter((request) => {
        if (request.violations.length > 0) return false;
        const { reply } = request;
        if (typeof reply === "string") return true;
        const retryAfter = Object.keys(reply.headers ?? {}).some(
          (name) => name.toLowerCase() === "retry-after",
        );
        return !(reply.status === 429 || (reply.status === 503 && retryAfter));
      }).length,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
