// Turns an OpenAPI schema into a self-contained JSON Schema (2020-12) for an MCP tool: every
// `$ref` inlined, OpenAPI-only keywords dropped (`discriminator`, `xml`, `externalDocs`, `x-*`),
// OpenAPI 3.0's `nullable` and boolean `exclusiveMinimum`/`exclusiveMaximum` rewritten, `example`
// kept as `examples`, and the properties a direction never carries removed (`readOnly` ones from
// a request, `writeOnly` ones from a response). MCP clients differ in how much of JSON Schema
// they follow, so nothing is left to resolve: no `$ref`, no `$defs`.
//
// A schema that refers to itself (a tree, a linked list) cannot be inlined: at the second visit
// of a schema on the current path it is replaced by a permissive placeholder that names it.
// Large specs inline into large schemas, so `inlineWithin` also lowers the depth of nested refs
// until the result fits a size budget (every nested ref below that depth becomes a placeholder).
import { type OpenApiDocument, resolveRef } from "./openapi.js";

export type JsonSchema = Record<string, unknown> | boolean;
export type Direction = "request" | "response";

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const hasRefKey = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.some(hasRefKey)
    : isNode(value) && ("$ref" in value || Object.values(value).some(hasRefKey));

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = new Set([
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "additionalItems",
  "contentSchema",
]);
/** Keywords whose value is an array of schemas. */
const SCHEMA_ARRAY_KEYWORDS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties", "dependentSchemas"]);
/** OpenAPI's own keywords and JSON Schema's document plumbing: meaningless once inlined. */
const DROPPED = new Set([
  "discriminator",
  "xml",
  "externalDocs",
  "example",
  "nullable",
  "$schema",
  "$id",
  "$anchor",
  "$dynamicAnchor",
  "$dynamicRef",
  "$comment",
  "$defs",
  "definitions",
  "readOnly",
  "writeOnly",
]);
/** Keywords that only describe: a `$ref`'s siblings made of these merge into its target. */
const ANNOTATIONS = new Set(["title", "description", "default", "examples", "deprecated"]);

export interface InlineOptions {
  readonly direction: Direction;
  /** How many `$ref`s deep to inline; a ref below that becomes a placeholder. */
  readonly maxRefDepth: number;
}

const refName = (ref: string) =>
  ref
    .slice(ref.lastIndexOf("/") + 1)
    .replace(/~1/g, "/")
    .replace(/~0/g, "~");

/** A schema standing for one that is not expanded: any value, with its type kept when it is plain. */
function placeholder(target: unknown, name: string, why: string): JsonSchema {
  const schema: Node = { description: `A ${name} (${why}).` };
  if (isNode(target) && (typeof target.type === "string" || Array.isArray(target.type)))
    schema.type = target.type;
  return schema;
}

/** OpenAPI 3.0's `nullable: true` as 3.1 writes it. */
function withNull(schema: Node): Node {
  if (typeof schema.type === "string") {
    const copy: Node = { ...schema, type: [schema.type, "null"] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) copy.enum = [...schema.enum, null];
    return copy;
  }
  if (Array.isArray(schema.type))
    return schema.type.includes("null") ? schema : { ...schema, type: [...schema.type, "null"] };
  return { anyOf: [schema, { type: "null" }] };
}

export function inlineSchema(
  document: OpenApiDocument,
  schema: unknown,
  options: InlineOptions,
  stack: readonly string[] = [],
): JsonSchema {
  if (typeof schema === "boolean") return schema;
  if (!isNode(schema)) return {};
  if (typeof schema.$ref === "string") {
    const ref = schema.$ref;
    const target = resolveRef(document, { $ref: ref });
    const name = refName(ref);
    let inlined: JsonSchema;
    if (!ref.startsWith("#/") || target === undefined || (isNode(target) && typeof target.$ref === "string"))
      inlined = { description: `A ${name} (its definition could not be resolved).` };
    else if (stack.includes(ref)) inlined = placeholder(target, name, "recursive: not expanded again here");
    else if (stack.length >= options.maxRefDepth)
      inlined = placeholder(target, name, "nested too deep to expand here");
    else inlined = inlineSchema(document, target, options, [...stack, ref]);
    const { $ref: _, ...siblings } = schema;
    if (Object.keys(siblings).length === 0) return inlined;
    const rest = inlineSchema(document, siblings, options, stack) as Node;
    if (
      Object.keys(siblings).every((key) => ANNOTATIONS.has(key) || key.startsWith("x-") || DROPPED.has(key))
    )
      return typeof inlined === "boolean" ? { ...rest } : { ...inlined, ...rest };
    return { allOf: [inlined], ...rest };
  }
  const out: Node = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key) || key.startsWith("x-")) continue;
    if (SCHEMA_KEYWORDS.has(key)) {
      // `items` as an array is draft 4-7 tuple validation (`prefixItems` in 2020-12)
      if (key === "items" && Array.isArray(value))
        out.prefixItems = value.map((item) => inlineSchema(document, item, options, stack));
      else out[key] = inlineSchema(document, value, options, stack);
    } else if (SCHEMA_ARRAY_KEYWORDS.has(key) && Array.isArray(value)) {
      out[key] = value.map((item) => inlineSchema(document, item, options, stack));
    } else if (SCHEMA_MAP_KEYWORDS.has(key) && isNode(value)) {
      const map: Node = {};
      for (const [name, item] of Object.entries(value))
        map[name] = inlineSchema(document, item, options, stack);
      out[key] = map;
    } else {
      out[key] = value;
    }
  }
  // An example holding a literal `$ref` key is a reference to an example object, not data (GitHub's
  // descriptions have them): it would read as an unresolved ref, so it is left out.
  if (schema.example !== undefined && out.examples === undefined && !hasRefKey(schema.example))
    out.examples = [schema.example];
  if (Array.isArray(out.examples)) {
    const examples = out.examples.filter((example) => !hasRefKey(example));
    if (examples.length > 0) out.examples = examples;
    else delete out.examples;
  }
  // OpenAPI 3.0: booleans that qualify minimum/maximum; 2020-12 wants the bound itself
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[exclusive] !== "boolean") continue;
    if (out[exclusive] === true && typeof out[bound] === "number") {
      out[exclusive] = out[bound];
      delete out[bound];
    } else delete out[exclusive];
  }
  // The direction decides which properties exist at all
  if (isNode(out.properties)) {
    const hidden = options.direction === "request" ? "readOnly" : "writeOnly";
    const dropped = Object.entries(schema.properties as Node)
      .filter(([, raw]) => {
        // on the property itself (also beside a `$ref`), or on the schema it refers to
        const target = resolveRef<unknown>(document, raw);
        return (isNode(raw) && raw[hidden] === true) || (isNode(target) && target[hidden] === true);
      })
      .map(([name]) => name);
    if (dropped.length > 0) {
      out.properties = Object.fromEntries(
        Object.entries(out.properties).filter(([name]) => !dropped.includes(name)),
      );
      if (Array.isArray(out.required))
        out.required = out.required.filter((name) => !dropped.includes(name as string));
    }
  }
  return schema.nullable === true ? withNull(out) : out;
}

/** Bytes of a schema as a tool listing sends it. */
export const schemaSize = (schema: unknown) => JSON.stringify(schema).length;

/** Ref depths tried in turn until a schema fits its budget; the root ref is always expanded. */
const DEPTHS = [12, 8, 6, 4, 3, 2, 1];

/**
 * `build` at the deepest ref depth whose result fits in `budget` bytes; undefined when even the
 * shallowest does not (the caller then leaves the schema out, or reports it).
 */
export function inlineWithin<T>(budget: number, build: (maxRefDepth: number) => T): T | undefined {
  for (const depth of DEPTHS) {
    const schema = build(depth);
    if (schemaSize(schema) <= budget) return schema;
  }
  return undefined;
}
