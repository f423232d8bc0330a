// Request validation plumbing: raw path and query strings become the JSON values their schemas
// describe (the validators judge JSON, and `depth=2` means the number 2), and every validator's
// issues become one shape, `{ part, path, message }`, that vendors word their errors from.
// The mock has no schema compiler of its own: the validators are the types package's.
import type { Issue, ParameterDefinition, ScalarType, StandardValidator } from "./definition.js";

/** Which part of the request an issue is about. */
export type RequestPart = "auth" | "path" | "query" | "header" | "body";

export interface Violation {
  readonly part: RequestPart;
  /** Where in that part: `["lead", "phone"]`, `["depth"]`; empty for the part as a whole. */
  readonly path: ReadonlyArray<string | number>;
  /** What is wrong, naming the field: `lead.phone must be a string`. */
  readonly message: string;
}

function coerceScalar(raw: string, type: ScalarType): unknown {
  switch (type) {
    case "number":
    case "integer": {
      // Only text that is a number becomes one: `2` and `2.5`, not `` or `0x10`; anything else
      // stays a string, so the validator names the parameter and says it must be a number.
      if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw.trim())) return raw;
      return Number(raw);
    }
    case "boolean":
      return raw === "true" ? true : raw === "false" ? false : raw;
    default:
      return raw;
  }
}

/** A parameter's raw values (one per occurrence) as its schema's type. */
export function coerceParameter(values: readonly string[], parameter: ParameterDefinition): unknown {
  if (parameter.type === "array") {
    // form style: `a=1&a=2` (explode, the default) or `a=1,2`
    const items = values.length === 1 ? (values[0] as string).split(",") : values;
    return items.map((item) => coerceScalar(item, parameter.items ?? "string"));
  }
  return coerceScalar(values[values.length - 1] as string, parameter.type);
}

/** The query of a URL as the operation's parameters: coerced, and only those the spec names. */
export function coerceQuery(
  search: URLSearchParams,
  parameters: readonly ParameterDefinition[],
): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const parameter of parameters) {
    const values = search.getAll(parameter.name);
    if (values.length > 0) query[parameter.name] = coerceParameter(values, parameter);
  }
  return query;
}

/** Every query parameter as it arrived (`a=1&a=2` -> `["1", "2"]`), for the request log. */
export function rawQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}

function pathKey(segment: PropertyKey | { readonly key: PropertyKey }): string | number {
  const key = typeof segment === "object" && segment !== null ? segment.key : segment;
  return typeof key === "number" ? key : String(key);
}

/** Standard Schema issues as violations of one part of the request. */
export function toViolations(part: RequestPart, issues: readonly Issue[]): Violation[] {
  return issues.map((issue) => ({ part, path: (issue.path ?? []).map(pathKey), message: issue.message }));
}

/**
 * Runs a Standard Schema validator. leadkit's are synchronous; one that returns a promise is
 * awaited, so any compliant validator works (at the cost of a tick).
 */
export async function validate(
  validator: StandardValidator | undefined,
  value: unknown,
  part: RequestPart,
): Promise<Violation[]> {
  if (validator === undefined) return [];
  let result = validator["~standard"].validate(value);
  if (typeof (result as PromiseLike<unknown>).then === "function") result = await result;
  const issues = (result as { issues?: readonly Issue[] }).issues;
  return issues === undefined ? [] : toViolations(part, issues);
}

/**
 * The text of a violation without the field name it starts with (`lead.phone must be a string`
 * -> `must be a string`), for vendors that key messages by field. leadkit's validators write the
 * path dotted (`a.b[0].c`, `["odd key"]`); other messages are returned whole.
 */
export function messageText(violation: Violation): string {
  let rendered = "";
  for (const key of violation.path) {
    if (typeof key === "number") rendered += `[${key}]`;
    else if (/^[^\s.[\]"]+$/.test(key)) rendered += rendered === "" ? key : `.${key}`;
    else rendered += `[${JSON.stringify(key)}]`;
  }
  if (rendered !== "" && violation.message.startsWith(`${rendered} `))
    return violation.message.slice(rendered.length + 1);
  return violation.message;
}

/** `lead.address_attributes.postcode`, `charges[1].amount`: a violation's path as one string. */
export function dottedPath(path: ReadonlyArray<string | number>): string {
  return path
    .map((key, index) => (typeof key === "number" ? `[${key}]` : index === 0 ? key : `.${key}`))
    .join("");
}
