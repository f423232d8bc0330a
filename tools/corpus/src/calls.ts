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
  /** The path parameters, in the order the convenience method takes them. */
  readonly pathParams?: readonly string[];
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
  /** The spec's request body example the call sends, where the spec gives it. */
  readonly requestExample?: {
    readonly method: string;
    readonly path: string;
    readonly mediaType: string;
    readonly value: unknown;
  };
}

export interface Skipped {
  readonly method: string;
  readonly route: string;
  readonly why: string;
}

type Node = Record<string, unknown>;

/**
 * A value for a path parameter without an example: from its schema, else "1"; for a union
 * (`oneOf: [integer, string]`: an ID or a name) a value only its string branch accepts, since
 * "1" would match both. Undefined when the schema constrains a string in a way a made-up value
 * would break (a pattern, a minimum length): such an operation has no example to call it with.
 */
function placeholder(spec: OpenApiSpec, schema: Node | undefined): unknown {
  if (schema === undefined) return "1";
  if ("example" in schema) return schema.example;
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.type === "integer" || schema.type === "number") return 1;
  if (schema.format === "uuid") return "3fa85f64-5717-4562-b3fc-2c963f66afa6";
  if (typeof schema.pattern === "string" || (typeof schema.minLength === "number" && schema.minLength > 1))
    return undefined;
  const union = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (Array.isArray(union)) {
    const branches = union.map((branch) => resolve(spec, branch));
    const text = branches.find((branch) => branch.type === "string");
    const value = placeholder(spec, text ?? branches[0]);
    return text !== undefined && value === "1" ? "example" : value;
  }
  return "1";
}

/** The first example that has a value (a vendor's `examples` entry may have a summary only). */
const firstValue = (media: MediaExamples) => media.examples.find((example) => example.value !== undefined);

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
    // In the method's order (the path template's), which need not be the order they are declared in.
    const order =
      definition.pathParams ??
      [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
    const pathArgs = order.map((name) => {
      const declared = parameters.find((p) => p.in === "path" && p.name === name);
      const value = operation.pathParams.find((param) => param.name === name)?.value;
      return { name, value: value ?? placeholder(named, resolve(named, declared?.schema)) };
    });
    const unknown = pathArgs.filter((arg) => arg.value === undefined);
    if (unknown.length > 0) {
      skip(
        `no example for the path parameter ${unknown.map((arg) => arg.name).join(", ")}, which its schema constrains (pattern or length)`,
      );
      continue;
    }
    const args: unknown[] = pathArgs.map((arg) => arg.value);
    const options: Node = {};
    let requestExample: PlannedCall["requestExample"];
    const headers = Object.fromEntries(
      required("header").map((p) => [
        p.name as string,
        String(p.example ?? resolve(named, p.schema)?.example),
      ]),
    );
    if (Object.keys(headers).length > 0) options.headers = headers;
    if (raw.requestBody !== undefined) {
      const bodies = Object.keys(definition.bodies ?? { "application/json": undefined });
      const media = operation.requestMedia.find((candidate) => firstValue(candidate) !== undefined);
      if (media === undefined && operation.bodyRequired) {
        skip("no example of its required request body");
        continue;
      }
      args.push(media === undefined ? undefined : bodyOf(media, firstValue(media)?.value));
      if (media !== undefined)
        requestExample = {
          method: operation.method,
          path: operation.path,
          mediaType: media.type,
          value: firstValue(media)?.value,
        };
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
    calls.push({
      method,
      route,
      args,
      expected,
      ...(requestExample === undefined ? {} : { requestExample }),
    });
  }
  return { calls, skipped };
}
