// What a code sample sends for one operation, read from the bundled spec: the path and query
// parameter values, the request body and how the API key travels. Examples come first (the
// spec's own, which lint checks against the schemas); a value is made up from the schema only
// when the spec has none, so an adopted vendor spec without examples still gets samples.
import { type OpenApiDocument, type OperationInfo, resolveRef, serverUrls } from "@leadkit/codegen";

type Node = Record<string, unknown>;

function isRecord(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface RequestExample {
  /** Path parameters in path order, each with its example value (`<name>` when the spec gives a string none). */
  readonly path: ReadonlyArray<readonly [name: string, value: unknown]>;
  /** Path parameters shown as a `<name>` placeholder for want of an example. */
  readonly placeholders: ReadonlySet<string>;
  /** Required query parameters and those the spec gives an example, in document order. */
  readonly query: ReadonlyArray<readonly [name: string, value: unknown]>;
  /** Required header parameters (curl sends them; the client methods take no headers). */
  readonly headers: ReadonlyArray<readonly [name: string, value: unknown]>;
  /** The request body, when the operation has one. */
  readonly body:
    | { readonly value: unknown; readonly mediaType: string; readonly required: boolean }
    | undefined;
}

/** The first example a spec node carries: `example`, else the first of `examples` (OpenAPI map or JSON Schema array). */
function ownExample(document: OpenApiDocument, node: Node): { value: unknown } | undefined {
  if ("example" in node) return { value: node.example };
  if (Array.isArray(node.examples) && node.examples.length > 0) return { value: node.examples[0] };
  if (isRecord(node.examples)) {
    for (const example of Object.values(node.examples)) {
      const resolved = resolveRef<unknown>(document, example);
      if (isRecord(resolved) && "value" in resolved) return { value: resolved.value };
    }
  }
  return undefined;
}

/**
 * A value the schema accepts, for specs without examples: the schema's example, default,
 * const or first enum value, else one built from its type (required properties only).
 */
export function schemaSample(document: OpenApiDocument, schema: unknown, depth = 0): unknown {
  const node = resolveRef<unknown>(document, schema);
  if (!isRecord(node) || depth > 8) return null;
  const own = ownExample(document, node);
  if (own !== undefined) return own.value;
  if ("default" in node) return node.default;
  if ("const" in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  if (Array.isArray(node.allOf)) {
    const parts = node.allOf.map((part) => schemaSample(document, part, depth + 1));
    if (parts.every(isRecord)) return Object.assign({}, ...parts, sampleObject(document, node, depth));
  }
  for (const key of ["oneOf", "anyOf"]) {
    const options = node[key];
    if (Array.isArray(options) && options.length > 0) return schemaSample(document, options[0], depth + 1);
  }
  const types = Array.isArray(node.type) ? node.type : [node.type];
  const type = types.find((candidate) => candidate !== "null") ?? types[0];
  switch (type) {
    case "string":
      return node.format === "date-time"
        ? "2024-01-01T00:00:00Z"
        : node.format === "date"
          ? "2024-01-01"
          : node.format === "email"
            ? "user@example.com"
            : "string";
    case "integer":
    case "number":
      return typeof node.minimum === "number" ? node.minimum : 1;
    case "boolean":
      return true;
    case "array":
      return [schemaSample(document, node.items, depth + 1)];
    case "null":
      return null;
    default:
      return isRecord(node.properties) ? sampleObject(document, node, depth) : {};
  }
}

function sampleObject(document: OpenApiDocument, node: Node, depth: number): Node {
  const properties = isRecord(node.properties) ? node.properties : {};
  const required = Array.isArray(node.required) ? node.required : [];
  const result: Node = {};
  for (const name of required) {
    if (typeof name !== "string") continue;
    const property = resolveRef<unknown>(document, properties[name]);
    if (isRecord(property) && property.readOnly === true) continue;
    result[name] = schemaSample(document, property, depth + 1);
  }
  return result;
}

function parameterExample(document: OpenApiDocument, parameter: Node): { value: unknown; explicit: boolean } {
  const own = ownExample(document, parameter);
  if (own !== undefined) return { ...own, explicit: true };
  const schema = resolveRef<unknown>(document, parameter.schema);
  const fromSchema = isRecord(schema) ? ownExample(document, schema) : undefined;
  if (fromSchema !== undefined) return { ...fromSchema, explicit: true };
  return { value: schemaSample(document, schema), explicit: false };
}

/** The raw operation object and its parameters (path-level first, operation-level overriding). */
export function operationObject(
  document: OpenApiDocument,
  operation: OperationInfo,
): { raw: Node; parameters: Node[] } {
  const paths = isRecord(document.paths) ? document.paths : {};
  const item = resolveRef<Node>(document, paths[operation.path]);
  const raw = (isRecord(item) ? item[operation.method] : undefined) as Node;
  const byKey = new Map<string, Node>();
  for (const parameter of [
    ...(Array.isArray(item?.parameters) ? item.parameters : []),
    ...(Array.isArray(raw?.parameters) ? raw.parameters : []),
  ]) {
    const resolved = resolveRef<unknown>(document, parameter);
    if (isRecord(resolved) && typeof resolved.name === "string")
      byKey.set(`${resolved.in}:${resolved.name}`, resolved);
  }
  return { raw: isRecord(raw) ? raw : {}, parameters: [...byKey.values()] };
}

export function requestExample(document: OpenApiDocument, operation: OperationInfo): RequestExample {
  const { raw, parameters } = operationObject(document, operation);
  const parameter = (where: string, name: string) =>
    parameters.find((candidate) => candidate.in === where && candidate.name === name);
  const placeholders = new Set<string>();
  const path = operation.pathParams.map((name) => {
    const found = parameter("path", name);
    const example = found === undefined ? undefined : parameterExample(document, found);
    if (example?.explicit) return [name, example.value] as const;
    const schema = resolveRef<unknown>(document, found?.schema);
    const chosen =
      isRecord(schema) && ("default" in schema || "const" in schema || Array.isArray(schema.enum));
    if (example !== undefined && (chosen || typeof example.value !== "string"))
      return [name, example.value] as const;
    // A made-up "string" would read like a real id: without an example, say what goes there.
    placeholders.add(name);
    return [name, `<${name}>`] as const;
  });
  const pick = (where: string) =>
    parameters
      .filter((candidate) => candidate.in === where)
      .flatMap((candidate) => {
        const example = parameterExample(document, candidate);
        return candidate.required === true || example.explicit
          ? [[candidate.name as string, example.value] as const]
          : [];
      });
  const headers = pick("header").filter(
    ([name]) =>
      parameter("header", name)?.required === true &&
      !["accept", "content-type", "authorization"].includes(name.toLowerCase()),
  );
  return { path, placeholders, query: pick("query"), headers, body: bodyExample(document, raw.requestBody) };
}

function bodyExample(document: OpenApiDocument, requestBody: unknown): RequestExample["body"] {
  const body = resolveRef<unknown>(document, requestBody);
  if (!isRecord(body) || !isRecord(body.content)) return undefined;
  const types = Object.keys(body.content);
  // The clients send JSON; another media type is shown only when the operation takes no JSON.
  const mediaType = types.find((type) => /^application\/(.+\+)?json$/.test(type)) ?? types[0];
  if (mediaType === undefined) return undefined;
  const media = resolveRef<unknown>(document, body.content[mediaType]);
  const node = isRecord(media) ? media : {};
  const value = ownExample(document, node)?.value ?? schemaSample(document, node.schema);
  return { value, mediaType, required: body.required === true };
}

/** The operation's first server URL (its own `servers`, else the path's, else the spec's), variables filled in. */
export function serverUrl(document: OpenApiDocument, operation: OperationInfo): string {
  const { raw } = operationObject(document, operation);
  const paths = isRecord(document.paths) ? document.paths : {};
  const item = resolveRef<Node>(document, paths[operation.path]);
  const servers = [raw.servers, item?.servers, document.servers].find(
    (candidate) => Array.isArray(candidate) && candidate.length > 0,
  ) as unknown[] | undefined;
  const server = servers?.[0];
  const url =
    isRecord(server) && typeof server.url === "string" ? server.url : (serverUrls(document)[0] ?? "");
  const variables = isRecord(server) && isRecord(server.variables) ? server.variables : {};
  return url
    .replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const variable = variables[name];
      return isRecord(variable) && typeof variable.default === "string" ? variable.default : whole;
    })
    .replace(/\/$/, "");
}

/** How the API key travels for this operation, from its security requirement (or the spec's). */
export type KeyPlacement =
  | { readonly in: "header"; readonly name: string; readonly prefix: string }
  | { readonly in: "query"; readonly name: string }
  | { readonly in: "cookie"; readonly name: string }
  | { readonly in: "basic" }
  | { readonly in: "none" };

export function keyPlacement(document: OpenApiDocument, operation: OperationInfo): KeyPlacement {
  const { raw } = operationObject(document, operation);
  const requirements = Array.isArray(raw.security) ? raw.security : document.security;
  if (!Array.isArray(requirements) || requirements.length === 0) return { in: "none" };
  // An empty requirement (`{}`) makes auth optional: the first non-empty one is what a caller uses.
  const requirement = requirements.find(
    (candidate) => isRecord(candidate) && Object.keys(candidate).length > 0,
  );
  if (!isRecord(requirement)) return { in: "none" };
  const schemes = (
    isRecord(document.components) && isRecord(document.components.securitySchemes)
      ? document.components.securitySchemes
      : {}
  ) as Node;
  for (const name of Object.keys(requirement)) {
    const scheme = resolveRef<unknown>(document, schemes[name]);
    if (!isRecord(scheme)) continue;
    if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "basic") return { in: "basic" };
    if (scheme.type === "apiKey" && typeof scheme.name === "string") {
      if (scheme.in === "query") return { in: "query", name: scheme.name };
      if (scheme.in === "cookie") return { in: "cookie", name: scheme.name };
      // An API key in `Authorization` goes with a `Bearer ` prefix: what the scaffolded client
      // sends for such a scheme (tools/scaffold's authFromSpec), so both samples agree.
      if (scheme.name.toLowerCase() === "authorization")
        return { in: "header", name: "Authorization", prefix: "Bearer " };
      return { in: "header", name: scheme.name, prefix: "" };
    }
    // http bearer, oauth2 and openIdConnect all send a bearer token.
    return { in: "header", name: "Authorization", prefix: "Bearer " };
  }
  return { in: "none" };
}
