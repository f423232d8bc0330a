// A stand-in for an example the spec does not give: the smallest value its JSON Schema allows
// (required properties only, the first enum value, a format's canonical form), so a mock can
// answer a documented status with a body that conforms, as Prism's static mode does. Vendor
// specs adopted by `pnpm new-api` often document an error status with a schema and no example.
import { type OpenApiDocument, resolveRef } from "../openapi.js";

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Canonical strings of the formats JSON Schema and OpenAPI name. */
const FORMATS: Record<string, string> = {
  "date-time": "1970-01-01T00:00:00Z",
  date: "1970-01-01",
  time: "00:00:00Z",
  email: "user@example.com",
  "idn-email": "user@example.com",
  uri: "https://example.com/",
  url: "https://example.com/",
  "uri-reference": "https://example.com/",
  iri: "https://example.com/",
  hostname: "example.com",
  ipv4: "127.0.0.1",
  ipv6: "::1",
  uuid: "00000000-0000-0000-0000-000000000000",
  duration: "P1D",
};

/** The object schema `allOf` describes: every part's properties and required names together. */
function mergeAllOf(document: OpenApiDocument, schema: Node, depth: number): Node {
  const merged: Node = { ...schema, properties: { ...(isNode(schema.properties) ? schema.properties : {}) } };
  const required = new Set<string>(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  delete merged.allOf;
  for (const part of schema.allOf as unknown[]) {
    let resolved = resolveRef<Node>(document, part);
    if (!isNode(resolved)) continue;
    if (Array.isArray(resolved.allOf) && depth < 8) resolved = mergeAllOf(document, resolved, depth + 1);
    Object.assign(merged.properties as Node, isNode(resolved.properties) ? resolved.properties : {});
    for (const name of Array.isArray(resolved.required) ? (resolved.required as string[]) : [])
      required.add(name);
    if (merged.type === undefined && resolved.type !== undefined) merged.type = resolved.type;
  }
  merged.required = [...required];
  return merged;
}

/** The smallest value `schema` allows, or undefined when none can be found (a recursion too deep). */
export function sampleOf(document: OpenApiDocument, raw: unknown, depth = 0): unknown {
  if (depth > 12) return undefined;
  let schema = resolveRef<Node>(document, raw);
  if (raw === true || raw === undefined) return {};
  if (!isNode(schema)) return undefined;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (Array.isArray(schema.allOf)) schema = mergeAllOf(document, schema, depth);
  for (const key of ["oneOf", "anyOf"]) {
    const options = schema[key];
    if (!Array.isArray(options) || schema.type !== undefined || schema.properties !== undefined) continue;
    for (const option of options) {
      const value = sampleOf(document, option, depth + 1);
      if (value !== undefined) return value;
    }
  }
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (type): type is string => typeof type === "string",
  );
  const type =
    types.find((candidate) => candidate !== "null") ??
    types[0] ??
    (schema.properties !== undefined || schema.required !== undefined ? "object" : undefined);
  switch (type) {
    case "object": {
      const properties = isNode(schema.properties) ? schema.properties : {};
      const value: Node = {};
      for (const name of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
        const property = sampleOf(document, properties[name] ?? {}, depth + 1);
        if (property === undefined) return undefined;
        value[name] = property;
      }
      return value;
    }
    case "array": {
      const count = typeof schema.minItems === "number" ? schema.minItems : 0;
      if (count === 0) return [];
      const item = sampleOf(document, schema.items ?? {}, depth + 1);
      return item === undefined ? undefined : Array.from({ length: count }, () => item);
    }
    case "string": {
      const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
      if (format !== undefined) return format;
      const min = typeof schema.minLength === "number" ? schema.minLength : 0;
      const max = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
      return "string".padEnd(min, "g").slice(0, Math.max(min, Math.min(max, 6)));
    }
    case "integer":
    case "number": {
      if (typeof schema.minimum === "number")
        return type === "integer" ? Math.ceil(schema.minimum) : schema.minimum;
      if (typeof schema.exclusiveMinimum === "number") return Math.floor(schema.exclusiveMinimum) + 1;
      if (typeof schema.maximum === "number" && schema.maximum < 0) return Math.floor(schema.maximum);
      return 0;
    }
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return {};
  }
}
