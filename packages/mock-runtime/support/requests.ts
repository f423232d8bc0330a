// The requests a spec documents, as the mock suite and the benchmark send them: every
// operation with its parameter examples and each request body example, and the credential the
// spec's security scheme asks for. Dev-only (not published).
import type { MockDefinition } from "../src/index.js";

/** A request the spec documents: an operation, its parameter examples, one body example. */
export interface ExampleRequest {
  readonly name: string;
  readonly operation: MockDefinition["operations"][string];
  readonly example: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body: unknown;
}

/** Every request example of the spec (an operation without a body: one request with its parameter examples). */
export function exampleRequests(definition: MockDefinition): ExampleRequest[] {
  return Object.entries(definition.operations).flatMap(([name, operation]) => {
    const seed = definition.seeds.find(
      (candidate) => candidate.collection === operation.resource?.collection,
    );
    const value = (param: string) =>
      operation.parameterExamples[param] ??
      (param === operation.resource?.idParam && seed !== undefined ? seed.id : "1");
    const path = operation.path.replace(/\{([^}]+)\}/g, (_, param: string) =>
      encodeURIComponent(String(value(param))),
    );
    const query: Record<string, string> = {};
    for (const param of operation.queryParams) {
      const example = operation.parameterExamples[param.name];
      if (example !== undefined)
        query[param.name] = Array.isArray(example) ? example.join(",") : String(example);
    }
    // An operation that needs a body the spec gives no example of has no request to send.
    if (operation.requestExamples.length === 0 && operation.body?.required) return [];
    const bodies =
      operation.requestExamples.length > 0
        ? operation.requestExamples.map((example) => ({ example: example.name, body: example.value }))
        : [{ example: "parameters", body: undefined }];
    return bodies.map(({ example, body }) => ({ name, operation, example, path, query, body }));
  });
}

/** The credential headers (or query) for a key, per the spec's security scheme. */
export function authFor(
  definition: MockDefinition,
  key: string,
): { headers: Record<string, string>; query: Record<string, string> } {
  const security = definition.security;
  if (security === undefined) return { headers: {}, query: {} };
  if (security.kind === "bearer") return { headers: { authorization: `Bearer ${key}` }, query: {} };
  if (security.kind === "basic")
    return { headers: { authorization: `Basic ${btoa(`user:${key}`)}` }, query: {} };
  if (security.kind === "header") return { headers: { [security.name]: key }, query: {} };
  return { headers: {}, query: { [security.name]: key } };
}
