// Reads a bundled OpenAPI 3.x spec the way the contract tests need it: every operation with its
// request examples (the seed examples) per media type, its documented responses with their
// examples, and its query parameters with theirs. Only local refs exist in a bundled spec.

export interface OpenApiSpec {
  readonly servers?: ReadonlyArray<{ readonly url: string }>;
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components?: { readonly securitySchemes?: Record<string, unknown> } & Record<string, unknown>;
}

export interface NamedExample {
  readonly name: string;
  readonly value: unknown;
}

export interface MediaExamples {
  readonly type: string;
  /** `example`, or every entry of `examples`, or else the schema's own `example`. */
  readonly examples: readonly NamedExample[];
}

export interface OperationExamples {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** The request body examples of its preferred media type (JSON, else the first listed). */
  readonly requestExamples: readonly NamedExample[];
  /** Every request media type with its examples, as the spec lists them. */
  readonly requestMedia: readonly MediaExamples[];
  /** Whether the spec requires a request body. */
  readonly bodyRequired: boolean;
  /**
   * Every documented status with the example of its preferred media type (JSON, else the first
   * listed; undefined when it has no body), and every media type with its examples.
   */
  readonly responses: ReadonlyArray<{
    readonly status: string;
    readonly example: unknown;
    readonly mediaType?: string | undefined;
    readonly media: readonly MediaExamples[];
  }>;
  readonly pathParams: readonly NamedExample[];
  readonly queryParams: readonly NamedExample[];
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

type Node = Record<string, unknown>;

export function resolve(spec: OpenApiSpec, value: unknown): Node {
  let node = value as Node;
  while (typeof node?.$ref === "string") {
    node = (node.$ref as string)
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<Node>((current, key) => current[key] as Node, spec as unknown as Node);
  }
  return node;
}

function examplesOf(spec: OpenApiSpec, media: Node | undefined): NamedExample[] {
  if (media === undefined) return [];
  if ("example" in media) return [{ name: "example", value: media.example }];
  const examples = Object.entries((media.examples as Record<string, Node> | undefined) ?? {}).map(
    ([name, example]) => ({
      name,
      value: resolve(spec, example).value,
    }),
  );
  if (examples.length > 0) return examples;
  const schema = resolve(spec, media.schema) as Node | undefined;
  return schema !== undefined && "example" in schema
    ? [{ name: "schema example", value: schema.example }]
    : [];
}

/** Every media type of a `content` map with its examples; JSON ones first (the clients' preference). */
function mediaOf(spec: OpenApiSpec, content: unknown): MediaExamples[] {
  const entries = Object.entries((content as Record<string, Node> | undefined) ?? {}).map(
    ([type, media]) => ({
      type,
      examples: examplesOf(spec, media),
    }),
  );
  const rank = (type: string) => (type === "application/json" ? 0 : /[/+]json(;|$)/.test(type) ? 1 : 2);
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry.type) - rank(b.entry.type) || a.index - b.index)
    .map(({ entry }) => entry);
}

export function operationsOf(spec: OpenApiSpec): OperationExamples[] {
  const operations: OperationExamples[] = [];
  for (const [path, rawItem] of Object.entries(spec.paths ?? {})) {
    const item = resolve(spec, rawItem);
    for (const method of METHODS) {
      const operation = item[method] as Node | undefined;
      if (operation === undefined) continue;
      const parameters = [
        ...((item.parameters as unknown[]) ?? []),
        ...((operation.parameters as unknown[]) ?? []),
      ].map((parameter) => resolve(spec, parameter));
      const parameterExamples = (where: string) =>
        parameters
          .filter((parameter) => parameter.in === where)
          .map((parameter) => ({
            name: parameter.name as string,
            value: parameter.example ?? (resolve(spec, parameter.schema) as Node | undefined)?.example,
          }));
      const body = resolve(spec, operation.requestBody) as Node | undefined;
      const requestMedia = mediaOf(spec, body?.content);
      operations.push({
        operationId: operation.operationId as string,
        method: method.toUpperCase(),
        path,
        requestExamples: requestMedia[0]?.examples ?? [],
        requestMedia,
        bodyRequired: body?.required === true,
        responses: Object.entries((operation.responses as Record<string, unknown>) ?? {}).map(
          ([status, response]) => {
            const media = mediaOf(spec, resolve(spec, response).content);
            return { status, example: media[0]?.examples[0]?.value, mediaType: media[0]?.type, media };
          },
        ),
        pathParams: parameterExamples("path"),
        queryParams: parameterExamples("query"),
      });
    }
  }
  return operations;
}

/**
 * The spec with every operation that has no operationId named as the client names it (the
 * generated operation table, matched by method and path), so that the validator, the server's
 * records and the tests can refer to it.
 */
export function withOperationIds(
  spec: OpenApiSpec,
  table: Readonly<
    Record<string, { readonly operationId: string; readonly method: string; readonly path: string }>
  > = {},
): OpenApiSpec {
  const copy = structuredClone(spec);
  const names = new Map(
    Object.values(table).map((entry) => [`${entry.method} ${entry.path}`, entry.operationId]),
  );
  for (const [path, rawItem] of Object.entries(copy.paths ?? {})) {
    const item = resolve(copy, rawItem);
    for (const method of METHODS) {
      const operation = item[method] as Node | undefined;
      if (operation === undefined || typeof operation.operationId === "string") continue;
      const name = names.get(`${method.toUpperCase()} ${path}`);
      if (name !== undefined) operation.operationId = name;
    }
  }
  return copy;
}
