// What the publish test's consumer calls: every operation of every API, with the request
// examples of its published spec, against a local HTTP server that answers with the
// response examples. Derived from the bundled specs, so no API is named here.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import {
  listOperations,
  type OpenApiDocument,
  type OperationInfo,
  pascalCase,
  resolveRef,
} from "@leadkit/codegen";

export interface Call {
  readonly api: string;
  readonly operation: OperationInfo;
  readonly pathArgs: readonly unknown[];
  readonly body?: unknown;
  readonly query?: Record<string, unknown>;
  readonly status: number;
  readonly response: unknown;
}

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The first example of a media type, parameter or schema (`example`, then `examples`). */
function exampleOf(document: OpenApiDocument, node: unknown): unknown {
  const value = resolveRef<Node>(document, node);
  if (!isNode(value)) return undefined;
  if (value.example !== undefined) return value.example;
  if (Array.isArray(value.examples)) return value.examples[0];
  if (isNode(value.examples)) {
    const first = Object.values(value.examples)[0];
    return resolveRef<Node>(document, first)?.value;
  }
  if (value.schema !== undefined) return exampleOf(document, value.schema);
  return undefined;
}

function json(document: OpenApiDocument, holder: unknown): unknown {
  const content = resolveRef<Node>(document, holder)?.content;
  return isNode(content) ? content["application/json"] : undefined;
}

export function callsOf(api: string, document: OpenApiDocument): Call[] {
  return listOperations(document).map((operation) => {
    const item = resolveRef<Node>(document, (document.paths as Node)[operation.path]);
    const raw = item[operation.method] as Node;
    const parameters = [
      ...(Array.isArray(item.parameters) ? item.parameters : []),
      ...(Array.isArray(raw.parameters) ? raw.parameters : []),
    ].map((parameter) => resolveRef<Node>(document, parameter));
    const pathArgs = operation.pathParams.map((name) => {
      const parameter = parameters.find((p) => p.in === "path" && p.name === name);
      const example = exampleOf(document, parameter);
      if (example !== undefined) return example;
      const type = resolveRef<Node>(document, parameter?.schema)?.type;
      return type === "integer" || type === "number" ? 1 : "1";
    });
    const required = parameters.filter((p) => p.in === "query" && p.required === true);
    const query =
      required.length === 0
        ? undefined
        : Object.fromEntries(required.map((p) => [p.name as string, exampleOf(document, p)]));
    const body = operation.hasRequestBody ? exampleOf(document, json(document, raw.requestBody)) : undefined;
    const status = Number(operation.successStatus ?? 204);
    const responses = raw.responses as Node;
    const response =
      operation.successStatus === undefined
        ? undefined
        : exampleOf(document, json(document, responses[operation.successStatus]));
    return { api, operation, pathArgs, body, query, status, response };
  });
}

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
  readonly body?: unknown;
}

export interface ApiServer {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

/** Serves `/<api><path>` for every call, answering with its response example. */
export async function startApiServer(calls: readonly Call[]): Promise<ApiServer> {
  const received: Received[] = [];
  const routes = calls.map((call) => ({
    call,
    method: call.operation.method.toUpperCase(),
    pattern: new RegExp(`^/${call.api}${call.operation.path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  }));
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    received.push({
      method: request.method ?? "",
      url: `${url.pathname}${url.search}`,
      authorization: request.headers.authorization,
      body: await readBody(request),
    });
    const route = routes.find(
      (candidate) => candidate.method === request.method && candidate.pattern.test(url.pathname),
    );
    if (route === undefined) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"no such route"}');
      return;
    }
    const { status, response: body } = route.call;
    if (body === undefined) response.writeHead(status).end();
    else response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** `dealer-studio` -> `createDealerStudioClient`, the factory every client package exports. */
export function factoryName(api: string): string {
  return `create${pascalCase(api)}Client`;
}

/**
 * The consumer module: creates each client against the local server, calls every operation
 * with its examples, prints what came back; one line the compiler must reject proves the
 * types are real.
 */
export function consumerSource(
  clients: ReadonlyArray<{ api: string; packageName: string }>,
  calls: readonly Call[],
  serverUrl: string,
): string {
  const lines: string[] = [];
  for (const { api, packageName } of clients) {
    lines.push(
      `import { ${factoryName(api)}, packageVersion as ${identifier(api)}Version } from "${packageName}";`,
    );
  }
  lines.push("", "const results: Record<string, unknown> = {};");
  for (const { api } of clients) {
    const client = `${identifier(api)}Client`;
    lines.push(
      "",
      `const ${client} = ${factoryName(api)}({ apiKey: "test-key", baseUrl: "${serverUrl}/${api}", maxRetries: 0 });`,
      `results[${JSON.stringify(`${api}@version`)}] = ${identifier(api)}Version;`,
    );
    for (const call of calls.filter((candidate) => candidate.api === api)) {
      const args = [...call.pathArgs.map((arg) => JSON.stringify(arg))];
      if (call.operation.hasRequestBody) args.push(JSON.stringify(call.body));
      if (call.query !== undefined) args.push(JSON.stringify(call.query));
      lines.push(
        `results[${JSON.stringify(`${api}.${call.operation.name}`)}] = await ${client}.${call.operation.methodName}(${args.join(", ")});`,
      );
      if (call.operation.hasRequestBody) {
        const wrong = [...call.pathArgs.map((arg) => JSON.stringify(arg)), "42"];
        lines.push(
          "// @ts-expect-error a number is not a request body: the client's types are real",
          `if (results.never) await ${client}.${call.operation.methodName}(${wrong.join(", ")});`,
        );
      }
    }
  }
  lines.push("", "console.log(JSON.stringify(results));", "");
  return lines.join("\n");
}

function identifier(api: string): string {
  const name = pascalCase(api);
  return name.charAt(0).toLowerCase() + name.slice(1);
}
