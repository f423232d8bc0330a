// Reads a bundled OpenAPI 3.1 spec the way the contract tests need it: every operation with its
// request examples (the seed examples), its documented responses with their examples, and its
// query parameters with theirs. Only local refs exist in a bundled spec.

export interface OpenApiSpec {
  readonly servers?: ReadonlyArray<{ readonly url: string }>;
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components?: { readonly securitySchemes?: Record<string, unknown> } & Record<string, unknown>;
}

export interface NamedExample {
  readonly name: string;
  readonly value: unknown;
}

export interface OperationExamples {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** The request body examples (`example`, or every entry of `examples`). */
  readonly requestExamples: readonly NamedExample[];
  /** Every documented status with its JSON example (undefined when it has no body). */
  readonly responses: ReadonlyArray<{ readonly status: string; readonly example: unknown }>;
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

function examplesOf(media: Node | undefined): NamedExample[] {
  if (media === undefined) return [];
  if ("example" in media) return [{ name: "example", value: media.example }];
  return Object.entries((media.examples as Record<string, Node> | undefined) ?? {}).map(
    ([name, example]) => ({
      name,
      value: example.value,
    }),
  );
}

export function operationsOf(spec: OpenApiSpec): OperationExamples[] {
  const operations: OperationExamples[] = [];
  for (const [path, rawItem] of Object.entries(spec.paths)) {
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
          .map((parameter) => ({ name: parameter.name as string, value: parameter.example }));
      const body = resolve(spec, operation.requestBody) as Node | undefined;
      const json = (content: unknown) => (content as Record<string, Node> | undefined)?.["application/json"];
      operations.push({
        operationId: operation.operationId as string,
        method: method.toUpperCase(),
        path,
        requestExamples: examplesOf(json(body?.content)),
        responses: Object.entries(operation.responses as Record<string, unknown>).map(
          ([status, response]) => ({
            status,
            example: examplesOf(json(resolve(spec, response).content))[0]?.value,
          }),
        ),
        pathParams: parameterExamples("path"),
        queryParams: parameterExamples("query"),
      });
    }
  }
  return operations;
}
