// A local HTTP server that plays an API from its bundled OpenAPI spec, for the clients' contract
// and fault tests. Every request is validated by openapi-backend (an independent validator,
// with Ajv's JSON Schema 2020-12 dialect, the one OpenAPI 3.1 uses); a body that is not JSON
// (form, multipart, text, binary) is parsed as a server would by its Content-Type, which must be
// one the operation lists, and checked by Ajv against that media type's schema. The server
// answers with the spec's own examples (in the media type the request `Accept`s) unless a test
// queues other replies or a fault.
// Dev-only: not part of the published runtime (not in `files`), imported by the API packages'
// tests through a relative path.
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { OpenAPIBackend } from "openapi-backend";
import { type OpenApiSpec, type OperationExamples, operationsOf, resolve, withOperationIds } from "./spec.js";

/** How the server answers one request. */
export type Reply =
  | {
      readonly status: number;
      readonly json?: unknown;
      /** A body that is not JSON (text, XML, bytes); give its `content-type` in `headers`. */
      readonly text?: string | Uint8Array;
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
  /**
   * What the schema of an operation's JSON request body (`mediaType` is JSON) says of `value`,
   * judged as openapi-backend judges JSON bodies (no type coercion): its problems, none when it
   * conforms; always none for other media types, whose examples are not the bytes sent. For
   * telling a spec whose own example breaks its schema (the vendor's error) from a client that
   * sent the wrong body.
   */
  bodyProblems(method: string, path: string, mediaType: string, value: unknown): string[];
  /** Requests of an operation the server received. */
  count(operationId: string): number;
  /**
   * Requests of an operation the server may have acted on: everything valid except what it
   * refused outright (429, or 503 with `Retry-After`). For a create, more than 1 is a duplicate.
   */
  processed(operationId: string): number;
  close(): Promise<void>;
}

/** A media type without parameters, lower case: `application/json; charset=utf-8` -> `application/json`. */
const bare = (type: string | undefined) => (type ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
const isJson = (type: string) => /[/+]json$/.test(bare(type));

/** An example as the body of a media type that is not JSON: strings as they are, the rest as JSON text. */
function asText(example: unknown): string {
  return typeof example === "string" ? example : JSON.stringify(example ?? "");
}

/**
 * The default reply of an operation: its first 2xx response with its example, in the media
 * type the request accepts when the response offers it, else in its preferred one (JSON first).
 */
export function successReply(operation: OperationExamples, accept?: string): Reply {
  // No 2xx documented: `default` describes the success too.
  const success =
    operation.responses.find((response) => response.status.startsWith("2")) ??
    operation.responses.find((response) => response.status === "default");
  if (success === undefined) throw new Error(`${operation.operationId} documents no 2xx response`);
  const status = success.status === "default" ? 200 : Number(success.status.replace(/XX$/i, "00"));
  const media =
    success.media.find((candidate) =>
      accept?.split(",").some((type) => bare(type) === bare(candidate.type)),
    ) ?? success.media[0];
  if (media === undefined || isJson(media.type))
    return {
      status,
      json: media?.examples[0]?.value,
      ...(media === undefined || media.type === "application/json"
        ? {}
        : { headers: { "content-type": media.type } }),
    };
  return { status, text: asText(media.examples[0]?.value), headers: { "content-type": media.type } };
}

/** Form fields as an object: a repeated field becomes an array. */
function fieldsOf(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const current = fields[key];
    fields[key] =
      current === undefined ? value : Array.isArray(current) ? [...current, value] : [current, value];
  }
  return fields;
}

/**
 * The body as a server reads it, by its Content-Type: JSON parsed, form fields and multipart
 * parts as an object (a file part as `{ file, type, size }` for the test to look at, a part typed
 * `application/json` parsed), text as a string, anything else as the bytes.
 */
async function parseBody(raw: Buffer, contentType: string): Promise<unknown> {
  const type = bare(contentType);
  if (isJson(type)) return JSON.parse(raw.toString("utf8"));
  if (type === "application/x-www-form-urlencoded")
    return fieldsOf(new URLSearchParams(raw.toString("utf8")).entries());
  if (type === "multipart/form-data") {
    const form = await new Response(new Uint8Array(raw), {
      headers: { "content-type": contentType },
    }).formData();
    const parts: Array<[string, unknown]> = [];
    for (const [key, value] of form.entries()) {
      if (typeof value === "string") parts.push([key, value]);
      else if (bare(value.type) === "application/json") parts.push([key, JSON.parse(await value.text())]);
      else parts.push([key, { file: value.name, type: value.type, size: value.size }]);
    }
    return fieldsOf(parts);
  }
  if (type.startsWith("text/") || /[/+]xml$/.test(type)) return raw.toString("utf8");
  return new Uint8Array(raw);
}

/** What a file part or a binary body is to the schema: a string (its `format: binary`). */
function forSchema(body: unknown): unknown {
  if (body instanceof Uint8Array) return "<binary>";
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [
      key,
      Array.isArray(value)
        ? value.map((item) =>
            typeof item === "object" && item !== null && "file" in item ? "<binary>" : item,
          )
        : typeof value === "object" && value !== null && "file" in value
          ? "<binary>"
          : value,
    ]),
  );
}

/**
 * The path of the spec's first server URL: `https://api.example.com/v1` -> `/v1`. Vendor specs
 * also write relative URLs (`/api/v3`) and templates (`{scheme}://{host}/v{version}`): variables
 * take their defaults, and whatever precedes the path is dropped.
 */
function serverBasePath(spec: OpenApiSpec): string {
  const server = spec.servers?.[0] as
    | { url: string; variables?: Record<string, { default?: unknown }> }
    | undefined;
  if (server === undefined) return "";
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) =>
    String(server.variables?.[name]?.default ?? ""),
  );
  return url.replace(/^[^/]*\/\/[^/]*/, "").replace(/\/$/, "");
}

export interface ContractServerOptions {
  /**
   * The client's generated operation table: names the operations the spec gives no
   * operationId, as the client does (openapi-backend routes by operationId).
   */
  readonly operations?: Readonly<
    Record<string, { readonly operationId: string; readonly method: string; readonly path: string }>
  >;
}

/**
 * OpenAPI 3.0's `nullable: true` on a schema without `type` (a `$ref`, an `allOf`), rewritten as
 * `anyOf: [the schema, null]`: what it means, and a form Ajv compiles (Ajv refuses `nullable`
 * without `type`). GitHub's description has many. In place, on the server's own copy.
 */
function typelessNullableAsAnyOf(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) typelessNullableAsAnyOf(item);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const schema = node as Record<string, unknown>;
  // Values, not schemas: an example may well hold `{ "nullable": true }`.
  for (const [key, value] of Object.entries(schema))
    if (!["example", "examples", "default", "enum", "const"].includes(key)) typelessNullableAsAnyOf(value);
  if (schema.nullable === true && !("type" in schema)) {
    const { nullable: _, ...rest } = schema;
    for (const key of Object.keys(schema)) delete schema[key];
    schema.anyOf = [rest, { type: "null" }];
  }
}

/** Whether an operation's body is `application/json` only: openapi-backend validates those. */
function jsonOnly(operation: Record<string, unknown> | undefined, spec: OpenApiSpec): boolean {
  const body = resolve(spec, operation?.requestBody) as Record<string, unknown> | undefined;
  const types = Object.keys((body?.content as object | undefined) ?? {});
  return body === undefined || (types.length === 1 && types[0] === "application/json");
}

/** Validators of request bodies by path, method and media type, from one Ajv made and compiled on first use. */
function bodyValidators(
  make: () => Ajv2020,
): (path: string, method: string, type: string) => ValidateFunction {
  const token = (part: string) => part.replace(/~/g, "~0").replace(/\//g, "~1");
  let ajv: Ajv2020 | undefined;
  const compiled = new Map<string, ValidateFunction>();
  return (path, method, type) => {
    const pointer = `#/paths/${token(path)}/${method.toLowerCase()}/requestBody/content/${token(type)}/schema`;
    let validate = compiled.get(pointer);
    if (validate === undefined) {
      ajv ??= make();
      validate = ajv.compile({ $ref: `spec${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };
}

export async function startContractServer(
  given: OpenApiSpec,
  options: ContractServerOptions = {},
): Promise<ContractServer> {
  const spec = withOperationIds(given, options.operations);
  typelessNullableAsAnyOf(spec);
  const operations = operationsOf(spec);
  const basePath = serverBasePath(spec);
  // openapi-backend knows JSON bodies; bodies of other media types are checked here, by Ajv
  // against the media type's own schema, so openapi-backend is not shown them.
  const definition = structuredClone(spec) as OpenApiSpec;
  for (const item of Object.values(definition.paths ?? {}))
    for (const operation of Object.values(resolve(definition, item)))
      if (
        typeof operation === "object" &&
        operation !== null &&
        "responses" in operation &&
        !jsonOnly(operation as Record<string, unknown>, spec)
      )
        delete (operation as Record<string, unknown>).requestBody;
  // Bodies of other media types are parsed into strings and objects whose fields are strings,
  // hence the coercion; JSON bodies as openapi-backend checks them, without it (`bodyProblems`).
  const withSpec = (ajv: Ajv2020) => {
    ajv.addSchema(structuredClone(spec) as object, "spec");
    return ajv;
  };
  const bodyValidator = bodyValidators(() =>
    withSpec(new Ajv2020({ strict: false, allErrors: true, validateSchema: false, coerceTypes: "array" })),
  );
  const jsonBodyValidator = bodyValidators(() =>
    withSpec(new Ajv2020({ strict: false, allErrors: true, validateSchema: false })),
  );
  const backend = new OpenAPIBackend({
    definition: definition as never,
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
    if (operation.operationId !== undefined)
      backend.register(operation.operationId, () => ({ operationId: operation.operationId, violations: [] }));
  for (const [name, scheme] of Object.entries(spec.components?.securitySchemes ?? {})) {
    // An API key goes in the header its scheme names; every other scheme is sent as a bearer token.
    const {
      type,
      in: where,
      name: header,
    } = resolve(spec, scheme) as { type?: string; in?: string; name?: string };
    backend.registerSecurityHandler(name, (context) =>
      type === "apiKey" && where === "header" && header !== undefined
        ? String(context.request.headers[header.toLowerCase()] ?? "") !== ""
        : /^Bearer \S+$/.test(String(context.request.headers.authorization ?? "")),
    );
  }
  await backend.init();
  // In quick mode validators compile on first use, which can take longer than a test's timeout:
  // compile them now, with one throwaway request per operation.
  for (const operation of operations)
    await backend.handleRequest({ method: operation.method, path: operation.path, headers: {}, body: {} });

  const queue: Reply[] = [];
  const requests: ReceivedRequest[] = [];
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(request.url ?? "/", "http://localhost");
    const violations: string[] = [];
    const contentType = String(request.headers["content-type"] ?? "");
    let path = url.pathname;
    if (!path.startsWith(`${basePath}/`) && path !== basePath)
      violations.push(`path is outside the server's base path ${basePath}`);
    else path = path.slice(basePath.length) || "/";
    const matched = backend.matchOperation({ method: request.method ?? "GET", path, headers: {} }) as
      | { operationId?: string; path: string; method: string }
      | undefined;
    const declared = operations.find((candidate) => candidate.operationId === matched?.operationId);
    const operationObject =
      matched === undefined
        ? undefined
        : ((resolve(spec, spec.paths[matched.path]) as Record<string, unknown>)[matched.method] as Record<
            string,
            unknown
          >);
    // The operation lists media types other than JSON: this server checks its body itself.
    const ours = operationObject !== undefined && !jsonOnly(operationObject, spec);
    let body: unknown;
    if (raw.length > 0) {
      const types = declared?.requestMedia.map((media) => media.type) ?? ["application/json"];
      const type = types.find((candidate) => bare(candidate) === bare(contentType));
      if (type === undefined)
        violations.push(
          types.length === 1 && types[0] === "application/json"
            ? `body sent as ${request.headers["content-type"]}, not application/json`
            : `body sent as ${request.headers["content-type"]}, not one of ${types.join(", ")}`,
        );
      try {
        body = await parseBody(raw, contentType);
      } catch {
        violations.push(
          isJson(contentType) || type === undefined
            ? "body is not JSON"
            : `body is not valid ${bare(contentType)}`,
        );
      }
      if (ours && type !== undefined && body !== undefined && matched !== undefined) {
        if (/[/+]xml$/.test(bare(type)) && typeof body === "string") {
          if (!/^\s*</.test(body)) violations.push(`the ${type} body is not XML`);
        } else {
          const validate = bodyValidator(matched.path, matched.method, type);
          if (!validate(forSchema(body)))
            violations.push(
              ...(validate.errors ?? []).map(
                (error) => `/requestBody${error.instancePath} ${error.message ?? "is invalid"}`,
              ),
            );
        }
      }
    } else if (ours && declared?.bodyRequired) {
      violations.push("the required request body is missing");
    }
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? (values[0] as string) : values;
    }
    const verdict = (await backend.handleRequest({
      method: request.method ?? "GET",
      path,
      query,
      headers: request.headers as Record<string, string>,
      // Bodies that are not JSON were checked above.
      body: isJson(contentType) ? body : undefined,
    })) as { operationId: string | undefined; violations: string[] };
    violations.push(...verdict.violations);
    const operation = operations.find((candidate) => candidate.operationId === verdict.operationId);
    const reply: Reply =
      violations.length > 0
        ? { status: 400, json: { contractViolations: violations } }
        : (queue.shift() ??
          (operation ? successReply(operation, String(request.headers.accept ?? "")) : { status: 404 }));
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
    // No body at all for 204 and HEAD, as HTTP says (Node would refuse to send one anyway).
    const empty = reply.status === 204 || reply.status === 304 || request.method === "HEAD";
    response.writeHead(reply.status, {
      ...(reply.json === undefined || empty ? {} : { "content-type": "application/json; charset=utf-8" }),
      ...reply.headers,
    });
    response.end(empty ? undefined : text);
  };
  // A bug here must fail the test that met it, not leave its client waiting for an answer.
  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      const violations = [`the contract server failed: ${error.stack ?? error.message}`];
      const reply = { status: 500, json: { contractViolations: violations } };
      requests.push({
        operationId: undefined,
        method: request.method ?? "GET",
        url: request.url ?? "",
        query: {},
        headers: request.headers,
        body: undefined,
        violations,
        reply,
      });
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify(reply.json));
    });
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
    bodyProblems: (method, path, mediaType, value) => {
      if (!isJson(mediaType)) return [];
      const validate = jsonBodyValidator(path, method, mediaType);
      return validate(value)
        ? []
        : (validate.errors ?? []).map(
            (error) => `/requestBody${error.instancePath} ${error.message ?? "is invalid"}`,
          );
    },
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
