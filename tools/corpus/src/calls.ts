// The calls the corpus test makes through a generated client: one per operation that has an
// example for everything it needs (every required parameter and the request body, in one of
// its media types), with the arguments in the convenience method's order and the value it must
// resolve with when the contract server answers with the spec's success example.
import {
  type MediaExamples,
  type OpenApiSpec,
  type OperationExamples,
  operationsOf,
  resolve,
  withOperationIds,
} from "../../../packages/runtime/support/spec.js";

export interface Definition {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly queryParams: readonly string[];
  readonly returnsData: boolean;
  readonly parseAs?: "text" | "blob";
  readonly bodies?: Readonly<Record<string, unknown>>;
}

export type Expected =
  | { readonly kind: "none" }
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "blob" };

export interface PlannedCall {
  /** The client method. */
  readonly method: string;
  readonly route: string;
  readonly args: readonly unknown[];
  readonly expected: Expected;
}

export interface Skipped {
  readonly method: string;
  readonly route: string;
  readonly why: string;
}

type Node = Record<string, unknown>;

/** A value for a path parameter without an example: from its schema, else "1". */
function placeholder(schema: Node | undefined): unknown {
  if (schema === undefined) return "1";
  if ("example" in schema) return schema.example;
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.type === "integer" || schema.type === "number") return 1;
  if (schema.format === "uuid") return "3fa85f64-5717-4562-b3fc-2c963f66afa6";
  return "1";
}

/** The example a body of this media type is sent as: binary as a Blob, the rest as the spec gives it. */
function bodyOf(media: MediaExamples, value: unknown): unknown {
  const type = media.type.split(";")[0]?.trim() ?? "";
  const textual = /^text\/|[/+]xml$|json$|^application\/x-www-form-urlencoded$|^multipart\//.test(type);
  if (textual || /^(\*|application)\/\*$/.test(type)) return value;
  return new Blob([typeof value === "string" ? value : JSON.stringify(value ?? "")]);
}

function expectedOf(operation: OperationExamples, definition: Definition): Expected | string {
  if (!definition.returnsData) return { kind: "none" };
  const success =
    operation.responses.find((response) => response.status.startsWith("2")) ??
    operation.responses.find((response) => response.status === "default");
  const media = success?.media[0];
  if (media === undefined) return { kind: "none" };
  if (definition.parseAs === "blob") return { kind: "blob" };
  const value = media.examples[0]?.value;
  if (value === undefined) return `its ${success?.status} response has no example`;
  if (definition.parseAs === "text")
    return { kind: "text", value: typeof value === "string" ? value : JSON.stringify(value) };
  return { kind: "json", value };
}

export function planCalls(
  spec: OpenApiSpec,
  definitions: Readonly<Record<string, Definition>>,
): { calls: PlannedCall[]; skipped: Skipped[] } {
  const named = withOperationIds(spec, definitions);
  const methods = new Map(
    Object.entries(definitions).map(([method, definition]) => [definition.operationId, method]),
  );
  const calls: PlannedCall[] = [];
  const skipped: Skipped[] = [];
  for (const operation of operationsOf(named)) {
    const method = methods.get(operation.operationId) as string;
    const definition = definitions[method] as Definition;
    const route = `${operation.method} ${operation.path}`;
    const skip = (why: string) => skipped.push({ method, route, why });
    const item = resolve(named, named.paths[operation.path]);
    const raw = item[operation.method.toLowerCase()] as Node;
    const parameters = [
      ...((item.parameters as unknown[]) ?? []),
      ...((raw.parameters as unknown[]) ?? []),
    ].map((parameter) => resolve(named, parameter));
    const required = (where: string) => parameters.filter((p) => p.in === where && p.required === true);
    if (required("cookie").length > 0) {
      skip("it requires a cookie parameter");
      continue;
    }
    const exampleOf = (name: string, where: string) =>
      (where === "path" ? operation.pathParams : operation.queryParams).find((p) => p.name === name)?.value;
    const missing = [...required("query"), ...required("header")].filter(
      (p) =>
        (p.in === "query"
          ? exampleOf(p.name as string, "query")
          : (p.example ?? resolve(named, p.schema)?.example)) === undefined,
    );
    if (missing.length > 0) {
      skip(`no example for the required ${missing.map((p) => `${p.in} parameter ${p.name}`).join(", ")}`);
      continue;
    }
    const args: unknown[] = [];
    for (const param of operation.pathParams) {
      const declared = parameters.find((p) => p.in === "path" && p.name === param.name);
      args.push(param.value ?? placeholder(resolve(named, declared?.schema)));
    }
    const options: Node = {};
    const headers = Object.fromEntries(
      required("header").map((p) => [
        p.name as string,
        String(p.example ?? resolve(named, p.schema)?.example),
      ]),
    );
    if (Object.keys(headers).length > 0) options.headers = headers;
    if (raw.requestBody !== undefined) {
      const bodies = Object.keys(definition.bodies ?? { "application/json": undefined });
      const media = operation.requestMedia.find((candidate) => candidate.examples.length > 0);
      if (media === undefined && operation.bodyRequired) {
        skip("no example of its required request body");
        continue;
      }
      args.push(media === undefined ? undefined : bodyOf(media, media.examples[0]?.value));
      if (media !== undefined && media.type !== bodies[0] && bodies.length > 1)
        options.contentType = media.type;
    }
    if (definition.queryParams.length > 0)
      args.push(
        Object.fromEntries(
          required("query").map((p) => [p.name as string, exampleOf(p.name as string, "query")]),
        ),
      );
    args.push(Object.keys(options).length > 0 ? options : undefined);
    const expected = expectedOf(operation, definition);
    if (typeof expected === "string") {
      skip(expected);
      continue;
    }
    if (
      !operation.responses.some(
        (response) => response.status.startsWith("2") || response.status === "default",
      )
    ) {
      skip("it documents no success response");
      continue;
    }
    calls.push({ method, route, args, expected });
  }
  return { calls, skipped };
}
