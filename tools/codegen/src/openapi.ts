// Reads what the generators need from a bundled OpenAPI 3.1 document: its version, servers and
// a flat list of operations. Only local `#/components/...` refs exist after bundling.

export type OpenApiDocument = Record<string, unknown>;

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface OperationInfo {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string | undefined;
  /** Path parameter names in the order they appear in the path template. */
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly hasRequestBody: boolean;
  /** Response status codes in document order, e.g. ["200", "400"]. */
  readonly statuses: readonly string[];
  /** The first 2XX status with a body, the data a convenience method returns. */
  readonly successStatus: string | undefined;
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

export function listOperations(document: OpenApiDocument): OperationInfo[] {
  const paths = isRecord(document.paths) ? document.paths : {};
  const operations: OperationInfo[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveRef<Record<string, unknown>>(document, rawItem);
    if (!isRecord(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation) || typeof operation.operationId !== "string") continue;
      const parameters = [...shared, ...(Array.isArray(operation.parameters) ? operation.parameters : [])]
        .map((parameter) => resolveRef<Record<string, unknown>>(document, parameter))
        .filter(isRecord);
      const named = (where: string) =>
        parameters.filter((p) => p.in === where && typeof p.name === "string").map((p) => p.name as string);
      const declaredPathParams = new Set(named("path"));
      const templateOrder = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
      const responses = isRecord(operation.responses) ? operation.responses : {};
      const statuses = Object.keys(responses);
      const successStatus = statuses.find((status) => {
        if (!/^2\d\d$/.test(status)) return false;
        const response = resolveRef<Record<string, unknown>>(document, responses[status]);
        return isRecord(response) && isRecord(response.content);
      });
      operations.push({
        operationId: operation.operationId,
        method,
        path,
        summary: typeof operation.summary === "string" ? operation.summary : undefined,
        pathParams: templateOrder.filter((name) => declaredPathParams.has(name)),
        queryParams: named("query"),
        hasRequestBody: operation.requestBody !== undefined,
        statuses,
        successStatus,
      });
    }
  }
  return operations;
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
