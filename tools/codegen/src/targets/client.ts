// The client package of an API (`packages/<api>`): one generated module with the operation
// table the runtime needs (method, path, parameters, whether a retry could create a duplicate)
// and one typed convenience method per operation, named after its operationId. The package's
// hand-written `src/index.ts` adds only what differs per vendor (auth header, error class name).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tsBanner } from "../banner.js";
import { CodegenError } from "../errors.js";
import {
  listOperations,
  methodName,
  type OpenApiDocument,
  type OperationInfo,
  resolveRef,
} from "../openapi.js";
import type { ApiEntry } from "../workspace.js";
import type { GeneratedFile, Target, TargetContext } from "./target.js";

/** Names the client object already has (openapi-fetch's methods): no operationId may take one. */
const RESERVED = new Set([
  "request",
  "use",
  "eject",
  "GET",
  "PUT",
  "POST",
  "DELETE",
  "OPTIONS",
  "HEAD",
  "PATCH",
  "TRACE",
]);

/**
 * Whether sending the operation twice may create two resources. POST is not idempotent (RFC 9110
 * §9.2.2), and an operation documenting `201 Created` creates by definition; PUT, PATCH, DELETE
 * and the safe methods address an existing resource, so repeating them is harmless.
 */
export function mayCreate(operation: OperationInfo): boolean {
  return operation.method === "post" || operation.statuses.includes("201");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The raw operation object and its (path-level + operation-level) parameters. */
function operationObject(document: OpenApiDocument, operation: OperationInfo) {
  const paths = document.paths as Record<string, unknown>;
  const item = resolveRef<Record<string, unknown>>(document, paths[operation.path]);
  const raw = item[operation.method] as Record<string, unknown>;
  const parameters = [
    ...(Array.isArray(item.parameters) ? item.parameters : []),
    ...(Array.isArray(raw.parameters) ? raw.parameters : []),
  ]
    .map((parameter) => resolveRef<Record<string, unknown>>(document, parameter))
    .filter(isRecord);
  const requestBody = resolveRef<unknown>(document, raw.requestBody);
  return {
    queryRequired: parameters.some((p) => p.in === "query" && p.required === true),
    bodyRequired: isRecord(requestBody) && requestBody.required === true,
  };
}

/** `dealership_slug` -> `dealershipSlug`, `2fa` -> `_2fa`: a parameter name as an identifier. */
export function identifier(name: string): string {
  const camel = name.replace(/[^A-Za-z0-9$_]+(.)?/g, (_, next: string | undefined) =>
    (next ?? "").toUpperCase(),
  );
  return /^[A-Za-z$_]/.test(camel) ? camel : `_${camel}`;
}

interface Parameter {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
}

/** The convenience method's positional parameters: path params, body, query, options. */
function methodParameters(document: OpenApiDocument, operation: OperationInfo): Parameter[] {
  const op = `operations[${JSON.stringify(operation.operationId)}]`;
  const { queryRequired, bodyRequired } = operationObject(document, operation);
  const bodyName = operation.method === "patch" ? "patch" : "body";
  const taken = new Set([bodyName, "query", "options"]);
  const parameters: Parameter[] = operation.pathParams.map((name) => {
    let id = identifier(name);
    while (taken.has(id)) id = `${id}Param`;
    taken.add(id);
    return { name: id, type: `PathParamsOf<${op}>[${JSON.stringify(name)}]`, optional: false };
  });
  if (operation.hasRequestBody)
    parameters.push({ name: bodyName, type: `RequestBodyOf<${op}>`, optional: !bodyRequired });
  if (operation.queryParams.length > 0)
    parameters.push({ name: "query", type: `QueryOf<${op}>`, optional: !queryRequired });
  parameters.push({ name: "options", type: "RequestOptions", optional: true });
  // An optional parameter before a required one stays positional: it takes `undefined` instead.
  let requiredAfter = false;
  return parameters
    .reverse()
    .map((parameter) => {
      const result =
        parameter.optional && requiredAfter
          ? { ...parameter, type: `${parameter.type} | undefined`, optional: false }
          : parameter;
      requiredAfter ||= !parameter.optional;
      return result;
    })
    .reverse();
}

function renderDefinition(operation: OperationInfo): string {
  const fields: Array<[string, unknown]> = [
    ["operationId", operation.operationId],
    ["method", operation.method.toUpperCase()],
    ["path", operation.path],
    ["pathParams", operation.pathParams],
    ["queryParams", operation.queryParams],
    ["returnsData", operation.successStatus !== undefined],
    ["mayCreate", mayCreate(operation)],
  ];
  const literal = (value: unknown) =>
    Array.isArray(value)
      ? `[${value.map((item) => JSON.stringify(item)).join(", ")}]`
      : JSON.stringify(value);
  const body = fields.map(([key, value]) => `    ${key}: ${literal(value)},`).join("\n");
  return `  ${methodName(operation.operationId)}: {\n${body}\n  },`;
}

function renderSignature(document: OpenApiDocument, operation: OperationInfo): string {
  const op = `operations[${JSON.stringify(operation.operationId)}]`;
  const parameters = methodParameters(document, operation)
    .map((p) => `    ${p.name}${p.optional ? "?" : ""}: ${p.type},`)
    .join("\n");
  const resolves =
    operation.successStatus === undefined
      ? "Resolves when the call succeeds"
      : `Resolves with the ${operation.successStatus} body`;
  const retry = mayCreate(operation)
    ? "May create a resource: retried only when the server provably did not process it."
    : "Idempotent: retried on connection errors, timeouts, 408, 429 and 5xx.";
  const doc = [
    `${operation.summary ?? operation.operationId}: \`${operation.method.toUpperCase()} ${operation.path}\`.`,
    "",
    `${resolves}; rejects with the API's error class for an error status.`,
    retry,
  ];
  return `  /**\n${doc.map((line) => (line ? `   * ${line}` : "   *")).join("\n")}\n   */\n  ${methodName(operation.operationId)}(\n${parameters}\n  ): Promise<SuccessDataOf<${op}>>;`;
}

function renderBinding(document: OpenApiDocument, operation: OperationInfo): string {
  const parameters = methodParameters(document, operation);
  const names = parameters.map((p) => p.name);
  const init: string[] = [];
  const params: string[] = [];
  if (operation.pathParams.length > 0) {
    const path = operation.pathParams.map((name, index) =>
      name === names[index]
        ? name
        : `${/^[A-Za-z$_][\w$]*$/.test(name) ? name : JSON.stringify(name)}: ${names[index]}`,
    );
    params.push(`path: { ${path.join(", ")} }`);
  }
  if (operation.queryParams.length > 0) params.push("query");
  if (params.length > 0) init.push(`params: { ${params.join(", ")} }`);
  if (operation.hasRequestBody) init.push(`body: ${names[operation.pathParams.length]}`);
  const method = methodName(operation.operationId);
  const definition = `operationDefinitions.${method}`;
  return `    ${method}: (${names.join(", ")}) =>\n      call(${definition}, { ${init.join(", ")} }, options),`;
}

function packageVersion(api: ApiEntry): string {
  const manifest = JSON.parse(readFileSync(join(api.clientDir, "package.json"), "utf8")) as {
    version?: unknown;
  };
  if (typeof manifest.version !== "string") {
    throw new CodegenError(
      `${api.clientPackageName} has no \`version\` in its package.json; the client sends it as its User-Agent.`,
      'Example: "version": "0.1.0"',
    );
  }
  return manifest.version;
}

export function renderClientModule(context: TargetContext): string {
  const { api, document, specVersion } = context;
  const operations = listOperations(document);
  const methods = new Map<string, OperationInfo>();
  for (const operation of operations) {
    const method = methodName(operation.operationId);
    const where = (op: OperationInfo) => `${op.method.toUpperCase()} ${op.path}`;
    if (RESERVED.has(method)) {
      throw new CodegenError(
        `operationId \`${operation.operationId}\` of ${where(operation)} in ${api.specPath} clashes with a method every client has (${[...RESERVED].join(", ")}).`,
        "Rename the operationId in the spec.",
      );
    }
    const other = methods.get(method);
    if (other !== undefined) {
      throw new CodegenError(
        `operationIds \`${other.operationId}\` (${where(other)}) and \`${operation.operationId}\` (${where(operation)}) in ${api.specPath} both become the client method \`${method}\`.`,
        "Rename one of them in the spec.",
      );
    }
    methods.set(method, operation);
  }
  return [
    tsBanner({ specPath: api.specPath, specVersion }),
    `import type { operations } from ${JSON.stringify(api.typesPackageName)};`,
    `import { defaultBaseUrl } from ${JSON.stringify(api.typesPackageName)};`,
    "import type {",
    "  ApiDefinition,",
    "  ErrorBodiesOf,",
    "  OperationDefinition,",
    "  PathParamsOf,",
    "  QueryOf,",
    "  RequestBodyOf,",
    "  RequestOptions,",
    "  SuccessDataOf,",
    '} from "@leadkit/runtime";\n',
    "/** npm name of this client package, sent as `User-Agent` (`X-Client` in browsers). */",
    `export const packageName = ${JSON.stringify(api.clientPackageName)};\n`,
    "/** Version of this client package, read from its package.json when this file was generated. */",
    `export const packageVersion = ${JSON.stringify(packageVersion(api))};\n`,
    "/** Every operation of the spec: how to call it, and whether repeating it could create a duplicate. */",
    `export const operationDefinitions = {\n${operations.map(renderDefinition).join("\n")}\n} as const satisfies Record<string, OperationDefinition>;\n`,
    "/** Every documented error status of the API, mapped to its JSON body type. */",
    "export type ErrorBodies = ErrorBodiesOf<operations>;\n",
    "/** The convenience methods: one per operation, named after its operationId. */",
    `export interface Operations {\n${operations.map((operation) => renderSignature(document, operation)).join("\n\n")}\n}\n`,
    "/** The generated half of the client; the package's `src/index.ts` adds the vendor's half. */",
    "export const api: ApiDefinition<Operations> = {",
    "  packageName,",
    "  packageVersion,",
    "  defaultBaseUrl,",
    "  operations: operationDefinitions,",
    "  bindOperations: (call) => ({",
    ...operations.map((operation) => renderBinding(document, operation)),
    "  }),",
    "  // Only when a call sets `validate`: a client that never validates does not download the validators.",
    '  loadValidation: () => import("./validation.gen.js"),',
    "};",
    "",
  ].join("\n");
}

/**
 * What a call with `validate` loads on first use, as one chunk: the runtime's checks and this
 * API's validators (a separate module, so the client's own bundle carries neither).
 */
export function renderValidationModule(context: TargetContext): string {
  const { api, specVersion } = context;
  return [
    tsBanner({ specPath: api.specPath, specVersion }),
    "// What the client's `validate` option loads on first use, in one chunk (client.gen.ts imports it",
    "// lazily): the runtime's request and response checks, and this API's validators.",
    'export { validation } from "@leadkit/runtime/validation";',
    `export { validators } from ${JSON.stringify(`${api.typesPackageName}/validate`)};`,
    "",
  ].join("\n");
}

export const clientTarget: Target = {
  name: "client",
  packageDir: (api: ApiEntry) => api.clientDir,
  ownedDirs: (api: ApiEntry) => [join(api.clientDir, "src", "generated")],
  async render(context: TargetContext): Promise<GeneratedFile[]> {
    return [
      {
        file: join(context.api.clientDir, "src", "generated", "client.gen.ts"),
        contents: renderClientModule(context),
      },
      {
        file: join(context.api.clientDir, "src", "generated", "validation.gen.ts"),
        contents: renderValidationModule(context),
      },
    ];
  },
};
