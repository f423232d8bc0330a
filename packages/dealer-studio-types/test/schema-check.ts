// Small helpers for spec-vs-seed.test.ts: pull the JSON examples out of a captured vendor page,
// resolve local `$ref`s, and validate with ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1).
//
// Object schemas that declare `properties` are validated closed unless they say
// `additionalProperties` (what `redocly lint` does with `allowAdditionalProperties: false`), so
// an unknown key in an example fails.
import { Ajv2020 } from "ajv/dist/2020.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = { [key: string]: unknown };

/**
 * Every JSON object that follows an `Example` heading on a captured page, in page order.
 * The capture runs text together (`...}Charge breakdown...`), so the object is cut out by
 * matching braces, not by line.
 */
export function extractExamples(page: string): Json[] {
  const examples: Json[] = [];
  // "Example" is its own line, but may follow the previous example's closing brace directly.
  const marker = /(^|\n|\})Example[ \t]*\n/g;
  for (let match = marker.exec(page); match !== null; match = marker.exec(page)) {
    const start = page.indexOf("{", match.index + match[0].length);
    if (start === -1) continue;
    examples.push(JSON.parse(page.slice(start, matchingBrace(page, start) + 1)) as Json);
  }
  return examples;
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{") depth++;
    else if (ch === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unbalanced braces from offset ${start}`);
}

/** The node a local `$ref` (`#/a/b`) points at. */
export function pointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !(key in node))
      throw new Error(`unresolved $ref ${ref}`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * `schema` with every `$ref` replaced by its target. In OpenAPI 3.1 a `$ref` may have
 * siblings (e.g. a property's own `description`); the siblings win over the target's keys.
 */
export function deref(root: unknown, node: unknown, seen: string[] = []): unknown {
  if (Array.isArray(node)) return node.map((item) => deref(root, item, seen));
  if (node === null || typeof node !== "object") return node;
  const { $ref, ...siblings } = node as Record<string, unknown>;
  let base: Record<string, unknown> = {};
  let chain = seen;
  if (typeof $ref === "string") {
    if (seen.includes($ref)) throw new Error(`cyclic $ref ${$ref}`);
    chain = [...seen, $ref];
    base = deref(root, pointer(root, $ref), chain) as Record<string, unknown>;
  }
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(siblings)) out[key] = deref(root, value, chain);
  return out;
}

export function jsonType(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** The JSON types a (resolved) schema admits; `undefined` when it does not constrain the type. */
export function schemaTypes(schema: Schema): string[] | undefined {
  const type = schema.type;
  if (type === undefined) return undefined;
  return Array.isArray(type) ? (type as string[]) : [type as string];
}

export function typeAllows(schema: Schema, value: Json): boolean {
  const types = schemaTypes(schema);
  if (types === undefined) return true;
  const actual = jsonType(value);
  return types.includes(actual) || (actual === "integer" && types.includes("number"));
}

const ajv = new Ajv2020({ strict: false, allErrors: true });

/**
 * A copy of `schema` whose object schemas are closed with `unevaluatedProperties: false` (which,
 * unlike `additionalProperties`, sees the properties declared in allOf/anyOf/oneOf members).
 * Composition members stay open: the schema that composes them decides which keys are unknown.
 */
function closed(schema: unknown, member = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => closed(item, member));
  if (schema === null || typeof schema !== "object") return schema;
  const result: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "example" || key === "examples" || key === "enum" || key === "const") result[key] = value;
    else if (key === "allOf" || key === "anyOf" || key === "oneOf") result[key] = closed(value, true);
    else if (key === "properties" && value !== null && typeof value === "object") {
      result[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closed(sub)]));
    } else result[key] = closed(value);
  }
  if (!member && "properties" in result && !("additionalProperties" in result))
    result.unevaluatedProperties = false;
  return result;
}

/** Errors (empty when valid) of `value` against a fully dereferenced `schema`, by ajv. */
export function validate(schema: Schema, value: Json): string[] {
  const check = ajv.compile(closed(schema) as Schema);
  if (check(value)) return [];
  return (check.errors ?? []).map((error) => `$${error.instancePath}: ${error.message ?? error.keyword}`);
}
