// Reads what the generators need from a bundled OpenAPI 3.x document: its version, servers and
// a flat list of operations. Only local `#/components/...` refs exist after bundling.

export type OpenApiDocument = Record<string, unknown>;

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * How a body of one media type is sent or read, decided here once from the media type so that
 * the runtime never has to guess: `json` (`application/json`, `+json` vendor types),
 * `form` (`application/x-www-form-urlencoded`), `multipart` (`multipart/form-data`), `text`
 * (`text/*`, XML, YAML: sent and returned as a string) and `binary` (everything else, e.g.
 * `application/octet-stream`, `image/png`: a `Blob`).
 */
export type BodyKind = "json" | "form" | "multipart" | "text" | "binary";

export interface MediaInfo {
  /** The media type as the spec writes it, e.g. `application/vnd.api+json`. */
  readonly type: string;
  readonly kind: BodyKind;
  /**
   * `form` and `multipart`: the properties sent as JSON text, because their `encoding` says
   * `application/json` or (multipart) because they are objects, or arrays of objects (OpenAPI's
   * default content type for such parts).
   */
  readonly jsonParts: readonly string[];
}

export interface OperationInfo {
  /** The spec's operationId; undefined when it has none. */
  readonly operationId: string | undefined;
  /**
   * The operation's name everywhere leadkit names it (types, client, docs, tables): the
   * operationId, or, when the spec gives none, a name derived from method and path
   * (see `derivedName`). Unique within the spec.
   */
  readonly name: string;
  /** The client method name: `name` as a camelCase identifier (`issues/create` -> `issuesCreate`). */
  readonly methodName: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string | undefined;
  /**
   * The operation's type in openapi-typescript's output: `operations["<operationId>"]`, or
   * `paths["<path>"]["<method>"]` for an operation without an id (openapi-typescript lists
   * only operations with ids in `operations`).
   */
  readonly typeRef: string;
  /** Path parameter names in the order they appear in the path template. */
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly hasRequestBody: boolean;
  /** The request body's media types, preferred first: JSON, then the spec's order. */
  readonly requestMedia: readonly MediaInfo[];
  /** Response status codes in document order, e.g. ["200", "400"]. */
  readonly statuses: readonly string[];
  /**
   * The status whose body a convenience method returns: the first 2XX (`200`, or a `2XX`
   * range) with content; `default` when the operation documents no 2XX status at all.
   */
  readonly successStatus: string | undefined;
  /** The media types of that response, preferred first (JSON, then the spec's order). */
  readonly responseMedia: readonly MediaInfo[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Resolves a local JSON pointer ref such as `#/components/parameters/Depth`. */
export function resolveRef<T = unknown>(document: OpenApiDocument, value: unknown): T {
  let current = value;
  const seen = new Set<string>();
  while (isRecord(current) && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (!ref.startsWith("#/") || seen.has(ref)) return current as T;
    seen.add(ref);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), document);
  }
  return current as T;
}

export function specVersion(document: OpenApiDocument): string {
  const info = document.info;
  if (!isRecord(info) || typeof info.version !== "string") {
    throw new Error("The spec has no info.version.");
  }
  return info.version;
}

export function specTitle(document: OpenApiDocument): string {
  const info = document.info;
  return isRecord(info) && typeof info.title === "string" ? info.title : "";
}

export function serverUrls(document: OpenApiDocument): string[] {
  const servers = document.servers;
  if (!Array.isArray(servers)) return [];
  return servers.flatMap((server) =>
    isRecord(server) && typeof server.url === "string" ? [server.url] : [],
  );
}

/** The kind of a media type (see `BodyKind`); `schema` tells a wildcard's JSON from its binary. */
export function mediaKind(type: string, schema?: unknown): BodyKind {
  const media = type.split(";")[0]?.trim().toLowerCase() ?? "";
  if (/^[^/]+\/([^;]*\+)?json$/.test(media)) return "json";
  if (media === "application/x-www-form-urlencoded") return "form";
  if (media === "multipart/form-data") return "multipart";
  if (/^text\/|[/+]xml$|[/+]x?-?yaml$/.test(media)) return "text";
  // `*/*` or `application/*` with a structured schema is what server frameworks write for JSON.
  if (
    /^(\*|application)\/\*$/.test(media) &&
    isRecord(schema) &&
    schema.format !== "binary" &&
    schema.type !== "string"
  )
    return "json";
  return "binary";
}

/** Properties of a form or multipart body sent as JSON text (see `MediaInfo.jsonParts`). */
function jsonParts(document: OpenApiDocument, kind: BodyKind, media: Record<string, unknown>): string[] {
  if (kind !== "form" && kind !== "multipart") return [];
  const schema = resolveRef<Record<string, unknown>>(document, media.schema);
  const encoding = isRecord(media.encoding) ? media.encoding : {};
  const properties = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  const structured = (value: unknown): boolean => {
    const property = resolveRef<Record<string, unknown>>(document, value);
    if (!isRecord(property)) return false;
    if (property.type === "object" || isRecord(property.properties)) return true;
    if (property.type === "array") return structured(property.items);
    return ["allOf", "oneOf", "anyOf"].some((key) => Array.isArray(property[key]));
  };
  return Object.keys({ ...properties, ...encoding }).filter((name) => {
    const declared = isRecord(encoding[name]) ? encoding[name].contentType : undefined;
    if (typeof declared === "string") return mediaKind(declared) === "json";
    return kind === "multipart" && structured(properties[name]);
  });
}

/** The media types of a `content` map, preferred first: `application/json`, other JSON, the rest. */
function mediaOf(document: OpenApiDocument, content: unknown): MediaInfo[] {
  if (!isRecord(content)) return [];
  const media = Object.entries(content).map(([type, value]) => {
    const object = isRecord(value) ? value : {};
    const kind = mediaKind(type, resolveRef(document, object.schema));
    return { type, kind, jsonParts: jsonParts(document, kind, object) };
  });
  const rank = (info: MediaInfo) => (info.type === "application/json" ? 0 : info.kind === "json" ? 1 : 2);
  return media
    .map((info, index) => ({ info, index }))
    .sort((a, b) => rank(a.info) - rank(b.info) || a.index - b.index)
    .map(({ info }) => info);
}

/**
 * The name of an operation without an operationId: the method, then each path segment in
 * PascalCase, a `{parameter}` as `By<Parameter>` (`GET /pets/{petId}` -> `getPetsByPetId`,
 * `POST /stores/{storeId}/orders` -> `postStoresByStoreIdOrders`, `GET /` -> `getRoot`).
 * It depends only on the operation's own method and path, so it is stable as the spec grows;
 * `listOperations` adds `2`, `3`, ... in document order in the rare case two come out equal
 * (`/pets` and `/pets/`) or one equals an operationId.
 */
export function derivedName(method: HttpMethod, path: string): string {
  const words = path
    .split("/")
    .filter(Boolean)
    .flatMap((segment) =>
      segment
        .split(/(\{[^}]*\})/)
        .filter(Boolean)
        .map((part) => (part.startsWith("{") ? `By${pascalCase(part.slice(1, -1))}` : pascalCase(part))),
    );
  return `${method}${words.join("") || "Root"}`;
}

/**
 * Every operation of the document, in document order, each with the name everything leadkit
 * generates calls it by (types, client, docs, tables). Named operations keep their
 * operationId; operations without one get `derivedName`, made unique against every other name.
 */
export function listOperations(document: OpenApiDocument): OperationInfo[] {
  const paths = isRecord(document.paths) ? document.paths : {};
  const found: Array<Omit<OperationInfo, "name" | "methodName" | "typeRef">> = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveRef<Record<string, unknown>>(document, rawItem);
    if (!isRecord(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      const parameters = [...shared, ...(Array.isArray(operation.parameters) ? operation.parameters : [])]
        .map((parameter) => resolveRef<Record<string, unknown>>(document, parameter))
        .filter(isRecord);
      const named = (where: string) => [
        ...new Set(
          parameters.filter((p) => p.in === where && typeof p.name === "string").map((p) => p.name as string),
        ),
      ];
      const declaredPathParams = new Set(named("path"));
      const templateOrder = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
      const responses = isRecord(operation.responses) ? operation.responses : {};
      const statuses = Object.keys(responses);
      const contentOf = (status: string) =>
        resolveRef<Record<string, unknown> | undefined>(document, responses[status])?.content;
      const hasContent = (status: string) =>
        isRecord(contentOf(status)) && Object.keys(contentOf(status) as object).length > 0;
      const successStatus =
        statuses.find((status) => /^2(\d\d|XX)$/i.test(status) && hasContent(status)) ??
        (statuses.some((status) => /^2/.test(status)) || !hasContent("default") ? undefined : "default");
      const requestBody = resolveRef<Record<string, unknown> | undefined>(document, operation.requestBody);
      found.push({
        operationId: typeof operation.operationId === "string" ? operation.operationId : undefined,
        method,
        path,
        summary: typeof operation.summary === "string" ? operation.summary : undefined,
        pathParams: templateOrder.filter((name) => declaredPathParams.has(name)),
        queryParams: named("query"),
        hasRequestBody: operation.requestBody !== undefined,
        requestMedia: mediaOf(document, requestBody?.content),
        statuses,
        successStatus,
        responseMedia: successStatus === undefined ? [] : mediaOf(document, contentOf(successStatus)),
      });
    }
  }
  // Spec ids first: a derived name never takes a name the spec gave.
  const taken = new Set(
    found.flatMap((operation) =>
      operation.operationId === undefined ? [] : [operation.operationId, methodName(operation.operationId)],
    ),
  );
  return found.map((operation) => {
    const { operationId, method, path } = operation;
    if (operationId !== undefined) {
      return {
        ...operation,
        name: operationId,
        methodName: methodName(operationId),
        typeRef: `operations[${JSON.stringify(operationId)}]`,
      };
    }
    const base = derivedName(method, path);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    return {
      ...operation,
      name,
      methodName: name,
      typeRef: `paths[${JSON.stringify(path)}][${JSON.stringify(method)}]`,
    };
  });
}

/**
 * The client method name of an operationId: unchanged when it already is an identifier
 * (`createLead`), else camelCased from its words, as vendor-published specs use ids such as
 * GitHub's `issues/list-for-repo` (-> `issuesListForRepo`).
 */
export function methodName(operationId: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(operationId)) return operationId;
  const words = operationId.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words
    .map((word, index) =>
      index === 0
        ? word.charAt(0).toLowerCase() + word.slice(1)
        : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join("");
  return /^[A-Za-z_$]/.test(camel) ? camel : `_${camel}`;
}

/** A property key as TypeScript source: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/** `createLead` -> `CreateLead`, `dealer-studio` -> `DealerStudio`. */
export function pascalCase(value: string): string {
  return value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

export function schemaNames(document: OpenApiDocument): string[] {
  const components = document.components;
  if (!isRecord(components) || !isRecord(components.schemas)) return [];
  return Object.keys(components.schemas);
}
