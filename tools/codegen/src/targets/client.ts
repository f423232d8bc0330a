// The client package of an API (`packages/<api>`): one generated module with the operation
// table the runtime needs (method, path, parameters, whether a retry could create a duplicate,
// how to send the body and read the response) and one typed convenience method per operation,
// named as `listOperations` names it. The package's
// hand-written `src/index.ts` adds only what differs per vendor (auth header, error class name).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tsBanner } from "../banner.js";
import { CodegenError } from "../errors.js";
import {
  listOperations,
  type MediaInfo,
  type OpenApiDocument,
  type OperationInfo,
  propertyKey,
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

/** What the convenience method takes as the body of one media type (see `bodyType` in the types target). */
function requestBodyType(operation: OperationInfo, media: MediaInfo): string {
  if (media.kind === "text") return "string";
  if (media.kind === "binary") return "BinaryBody";
  const type = media.type === "application/json" ? "" : `, ${JSON.stringify(media.type)}`;
  return `RequestBodyOf<${operation.typeRef}${type}>`;
}

/** What the convenience method resolves with. */
function successType(operation: OperationInfo): string {
  const media = operation.responseMedia[0];
  const op = operation.typeRef;
  if (operation.successStatus === undefined || media === undefined) return `SuccessDataOf<${op}>`;
  if (media.kind === "text" || media.kind === "form") return "string";
  if (media.kind !== "json") return "Blob";
  const type = media.type === "application/json" ? "" : `, ${JSON.stringify(media.type)}`;
  return operation.successStatus === "default"
    ? `ResponseBodyOf<${op}, "default"${type}>`
    : `SuccessDataOf<${op}${type}>`;
}

/**
 * The convenience method's positional parameters: path params, body, query, options. With
 * several request media types there is one signature per type: `media` is the one this
 * signature sends and `choice` its position (the first, preferred, needs no `contentType`).
 */
function methodParameters(
  document: OpenApiDocument,
  operation: OperationInfo,
  media: MediaInfo | undefined = operation.requestMedia[0],
  choice = 0,
): Parameter[] {
  const op = operation.typeRef;
  const { queryRequired, bodyRequired } = operationObject(document, operation);
  const bodyName = operation.method === "patch" ? "patch" : "body";
  const taken = new Set([bodyName, "query", "options"]);
  const parameters: Parameter[] = operation.pathParams.map((name) => {
    let id = identifier(name);
    while (taken.has(id)) id = `${id}Param`;
    taken.add(id);
    return { name: id, type: `PathParamsOf<${op}>[${JSON.stringify(name)}]`, optional: false };
  });
  if (operation.hasRequestBody) {
    const type = media === undefined ? `RequestBodyOf<${op}>` : requestBodyType(operation, media);
    parameters.push({ name: bodyName, type, optional: !bodyRequired });
  }
  if (operation.queryParams.length > 0)
    parameters.push({ name: "query", type: `QueryOf<${op}>`, optional: !queryRequired });
  if (operation.requestMedia.length > 1 && media !== undefined) {
    const contentType = `{ readonly contentType${choice === 0 ? "?" : ""}: ${JSON.stringify(media.type)} }`;
    parameters.push({ name: "options", type: `RequestOptions & ${contentType}`, optional: choice === 0 });
  } else {
    parameters.push({ name: "options", type: "RequestOptions", optional: true });
  }
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

/** A value of the operation table as TypeScript source: strings quoted, arrays inline. */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  return JSON.stringify(value);
}

/**
 * The runtime serialiser of a request media type, as source (`undefined`: openapi-fetch's JSON).
 * Typed `as BodySerializer`: a call's type cannot be inferred from this file alone, which the
 * packages' file-by-file build (isolatedDeclarations) needs.
 */
function serializer(media: MediaInfo): string {
  const parts = media.jsonParts.length > 0 ? literal(media.jsonParts) : "";
  switch (media.kind) {
    case "json":
      return media.type === "application/json"
        ? "undefined"
        : `asJson(${JSON.stringify(media.type)}) as BodySerializer`;
    case "form":
      return `asForm(${parts}) as BodySerializer`;
    case "multipart":
      return `asMultipart(${parts}) as BodySerializer`;
    default:
      return `asRaw(${JSON.stringify(media.type)}) as BodySerializer`;
  }
}

/**
 * What the table says beyond a JSON request and a JSON (or empty) response: the serialiser of
 * each request media type (the default first), how the success body is read, and what to
 * `Accept`. Empty for an all-JSON operation, whose entry stays as small as it was.
 */
function mediaFields(operation: OperationInfo): Array<[string, string]> {
  const { requestMedia, responseMedia } = operation;
  const fields: Array<[string, string]> = [];
  const onlyJson = requestMedia.length === 1 && requestMedia[0]?.type === "application/json";
  if (requestMedia.length > 0 && !onlyJson) {
    const entries = requestMedia.map((media) => `${JSON.stringify(media.type)}: ${serializer(media)}`);
    fields.push(["bodies", `{ ${entries.join(", ")} }`]);
  }
  const kind = responseMedia[0]?.kind;
  if (kind !== undefined && kind !== "json")
    fields.push(["parseAs", JSON.stringify(kind === "text" || kind === "form" ? "text" : "blob")]);
  if (responseMedia.length > 1) fields.push(["accept", JSON.stringify(responseMedia[0]?.type)]);
  return fields;
}

function renderDefinition(operation: OperationInfo): string {
  const fields: Array<[string, string]> = [
    ["operationId", JSON.stringify(operation.name)],
    ["method", JSON.stringify(operation.method.toUpperCase())],
    ["path", JSON.stringify(operation.path)],
    ["pathParams", literal(operation.pathParams)],
    ["queryParams", literal(operation.queryParams)],
    ["returnsData", JSON.stringify(operation.successStatus !== undefined)],
    ["mayCreate", JSON.stringify(mayCreate(operation))],
    ...mediaFields(operation),
  ];
  const body = fields.map(([key, value]) => `    ${key}: ${value},`).join("\n");
  return `  ${operation.methodName}: {\n${body}\n  },`;
}

function renderSignature(document: OpenApiDocument, operation: OperationInfo): string {
  const resolves =
    operation.successStatus === undefined
      ? "Resolves when the call succeeds"
      : `Resolves with the ${operation.successStatus} body`;
  const retry = mayCreate(operation)
    ? "May create a resource: retried only when the server provably did not process it."
    : "Idempotent: retried on connection errors, timeouts, 408, 429 and 5xx.";
  const doc = [
    `${operation.summary ?? operation.name}: \`${operation.method.toUpperCase()} ${operation.path}\`.`,
    "",
    `${resolves}; rejects with the API's error class for an error status.`,
    retry,
  ];
  const [preferred, ...others] = operation.requestMedia;
  if (others.length > 0 && preferred !== undefined)
    doc.push(
      "",
      `Sends the body as ${preferred.type}; pass \`contentType\` in the options for ${others.map((media) => media.type).join(", ")}.`,
    );
  const signatures = (operation.requestMedia.length > 1 ? operation.requestMedia : [undefined]).map(
    (media, choice) => {
      const parameters = methodParameters(document, operation, media, choice)
        .map((p) => `    ${p.name}${p.optional ? "?" : ""}: ${p.type},`)
        .join("\n");
      return `  ${operation.methodName}(\n${parameters}\n  ): Promise<${successType(operation)}>;`;
    },
  );
  return `  /**\n${doc.map((line) => (line ? `   * ${line}` : "   *")).join("\n")}\n   */\n${signatures.join("\n")}`;
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
  const method = operation.methodName;
  const definition = `operationDefinitions.${method}`;
  const request = `{ ${init.join(", ")} }`;
  const media = mediaFields(operation).length > 0;
  const sent = media ? `withMedia(${definition}, ${request}, options)` : request;
  if (operation.requestMedia.length > 1) {
    // Overloads (one per media type) give no contextual parameter types: one implementation
    // takes them all, and `call` resolves to whatever the chosen overload promises. `async`:
    // a `contentType` the operation does not offer rejects the call (withMedia throws).
    const typed = parameters.map((p) =>
      p.name === "options"
        ? "options?: RequestOptions & { readonly contentType?: string }"
        : `${p.name}: unknown`,
    );
    return `    ${method}: async (${typed.join(", ")}) =>\n      call<never>(${definition}, ${sent}, options),`;
  }
  return `    ${method}: ${media ? "async " : ""}(${names.join(", ")}) =>\n      call(${definition}, ${sent}, options),`;
}

function packageVersion(api: ApiEntry): string {
  const manifest = JSON.parse(readFileSync(join(api.clientDir, "package.json"), "utf8")) as {
    version?: unknown;
  };
  if (typeof manifest.version !== "string") {
    throw new CodegenError(
      `${api.clientPackageName} has no \`version\` in its package.json; the client sends it in its User-Agent.`,
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
    const method = operation.methodName;
    const where = (op: OperationInfo) => `${op.method.toUpperCase()} ${op.path}`;
    if (RESERVED.has(method)) {
      throw new CodegenError(
        `operationId \`${operation.name}\` of ${where(operation)} in ${api.specPath} clashes with a method every client has (${[...RESERVED].join(", ")}).`,
        "Rename the operationId in the spec.",
      );
    }
    const other = methods.get(method);
    if (other !== undefined) {
      throw new CodegenError(
        `operationIds \`${other.name}\` (${where(other)}) and \`${operation.name}\` (${where(operation)}) in ${api.specPath} both become the client method \`${method}\`.`,
        "Rename one of them in the spec.",
      );
    }
    methods.set(method, operation);
  }
  const unnamed = operations.some((operation) => operation.operationId === undefined);
  const uses = {
    BodySerializer: operations.some((operation) =>
      operation.requestMedia.some((media) => serializer(media) !== "undefined"),
    ),
    BinaryBody: operations.some((operation) =>
      operation.requestMedia.some((media) => media.kind === "binary"),
    ),
    ResponseBodyOf: operations.some((operation) => successType(operation).startsWith("ResponseBodyOf")),
  };
  // The runtime's type helpers every client imports, plus the ones only some specs need.
  const helpers = [
    "ApiDefinition",
    "ErrorBodiesOf",
    "OperationDefinition",
    "PathParamsOf",
    "QueryOf",
    "RequestBodyOf",
    "RequestOptions",
    "SuccessDataOf",
    ...Object.keys(uses).filter((name) => uses[name as keyof typeof uses]),
  ].sort();
  // The media helpers (values) this spec's operations use; a JSON-only client imports none.
  const tables = operations
    .flatMap(mediaFields)
    .map(([, value]) => value)
    .join(" ");
  const values = ["asForm", "asJson", "asMultipart", "asRaw"].filter((name) => tables.includes(`${name}(`));
  if (operations.some((operation) => mediaFields(operation).length > 0)) values.push("withMedia");
  const errorOperations = unnamed ? "OperationTypes" : "operations";
  const version = packageVersion(api);
  return [
    tsBanner({ specPath: api.specPath, specVersion }),
    `import type { ${unnamed ? "operations, paths" : "operations"} } from ${JSON.stringify(api.typesPackageName)};`,
    `import { defaultBaseUrl } from ${JSON.stringify(api.typesPackageName)};`,
    ...(values.length > 0 ? [`import { ${values.join(", ")} } from "@leadkit/runtime";`] : []),
    "import type {",
    ...helpers.map((name) => `  ${name},`),
    '} from "@leadkit/runtime";\n',
    "/** npm name of this client package. */",
    `export const packageName = ${JSON.stringify(api.clientPackageName)};\n`,
    "/** Version of this client package, read from its package.json when this file was generated. */",
    `export const packageVersion = ${JSON.stringify(version)};\n`,
    "/** Every operation of the spec: how to call it, and whether repeating it could create a duplicate. */",
    `export const operationDefinitions = {\n${operations.map(renderDefinition).join("\n")}\n} as const;\n`,
    // Not `as const satisfies …`: a declaration emitted from this file alone (isolatedDeclarations,
    // which the packages' builds use) cannot be inferred through `satisfies`.
    "/** Compile-time check (no JavaScript) that every entry is an `OperationDefinition`. */",
    "type Checked<T extends Record<string, OperationDefinition>> = T;",
    "type CheckedDefinitions = Checked<typeof operationDefinitions>;\n",
    ...(unnamed
      ? [
          "/** Every operation's type by name (openapi-typescript's `operations` holds only those with an operationId). */",
          `type OperationTypes = {\n${operations.map((operation) => `  ${propertyKey(operation.name)}: ${operation.typeRef};`).join("\n")}\n};\n`,
        ]
      : []),
    "/** Every documented error status of the API, mapped to its JSON body type. */",
    `export type ErrorBodies = ErrorBodiesOf<${errorOperations}>;\n`,
    `/** The convenience methods: one per operation, named after its operationId${unnamed ? " (or its method and path when it has none)" : ""}. */`,
    `export interface Operations {\n${operations.map((operation) => renderSignature(document, operation)).join("\n\n")}\n}\n`,
    "/** The generated half of the client; the package's `src/index.ts` adds the vendor's half. */",
    "export const api: ApiDefinition<Operations> = {",
    `  userAgent: ${JSON.stringify(`${api.clientPackageName.slice(1).replace("/", "-")}/${version}`)},`,
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
