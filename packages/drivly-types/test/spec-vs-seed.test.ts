// The Drivly spec against the vendor page it was written from (specs/drivly/sources/update-lead.txt).
// The page is parsed on its own terms (property name, type line, `required`, `Available options:`),
// so any drift in the hand-authored spec (a property, an enum value, its order, nullability, a
// parameter) fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const SEED_URL = new URL("../../../specs/drivly/sources/update-lead.txt", import.meta.url);
const SPEC_URL = new URL("../../../specs/drivly/openapi.yaml", import.meta.url);

// ---------------------------------------------------------------------------------------------
// The vendor page
// ---------------------------------------------------------------------------------------------

type Scalar = "string" | "number" | "boolean";

type SeedType =
  | { kind: "scalar"; scalar: Scalar }
  | { kind: "enum" }
  | { kind: "enumArray" }
  | { kind: "relationArray"; related: string }
  /** The page shows no type line for the property. */
  | { kind: "untyped" };

interface SeedProperty {
  name: string;
  type: SeedType;
  nullable: boolean;
  required: boolean;
  options?: string[];
}

interface SeedParameter {
  name: string;
  scalar: Scalar;
  required: boolean;
  description: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const SCALAR_TYPE = /^(string|number|boolean)( \| null)?$/;
const ENUM_TYPE = /^enum<string>(\[\])?( \| null)?$/;
const RELATION_TYPE = /^\(number \| ([A-Za-z][A-Za-z0-9]*) · object\)\[\]( \| null)?$/;

/** Parses a type line of the page; `undefined` when the line is not a type (the next property's name). */
function parseTypeLine(line: string): { type: SeedType; nullable: boolean } | undefined {
  let match = SCALAR_TYPE.exec(line);
  if (match)
    return { type: { kind: "scalar", scalar: match[1] as Scalar }, nullable: match[2] !== undefined };
  match = ENUM_TYPE.exec(line);
  if (match) return { type: { kind: match[1] ? "enumArray" : "enum" }, nullable: match[2] !== undefined };
  match = RELATION_TYPE.exec(line);
  if (match) {
    return { type: { kind: "relationArray", related: match[1] as string }, nullable: match[2] !== undefined };
  }
  return undefined;
}

/** The page's lines, trimmed, without blank lines. */
function seedLines(): string[] {
  return readFileSync(SEED_URL, "utf8")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** The lines strictly between the line `from` and the next line `to` (both must exist, in order). */
function section(lines: string[], from: string, to: string): string[] {
  const start = lines.indexOf(from);
  if (start < 0) throw new Error(`seed: no "${from}" line`);
  const end = lines.indexOf(to, start + 1);
  if (end < 0) throw new Error(`seed: no "${to}" line after "${from}"`);
  return lines.slice(start + 1, end);
}

function parseBody(lines: string[]): SeedProperty[] {
  const body = section(lines, "Body", "Response");
  if (body[0] !== "application/json")
    throw new Error(`seed: Body starts with "${body[0]}", not application/json`);
  const properties: SeedProperty[] = [];
  let i = 1;
  while (i < body.length) {
    const name = body[i++] as string;
    if (!NAME.test(name)) throw new Error(`seed: expected a property name, got "${name}"`);
    if (properties.some((p) => p.name === name)) throw new Error(`seed: property "${name}" listed twice`);
    const typed = i < body.length ? parseTypeLine(body[i] as string) : undefined;
    if (typed) i++;
    const property: SeedProperty = {
      name,
      type: typed?.type ?? { kind: "untyped" },
      nullable: typed?.nullable ?? false,
      required: false,
    };
    if (body[i] === "required") {
      property.required = true;
      i++;
    }
    if (body[i] === "Available options:") {
      i++;
      if (property.type.kind !== "enum" && property.type.kind !== "enumArray") {
        throw new Error(`seed: "${name}" lists options but is not an enum`);
      }
      const options: string[] = [];
      for (;;) {
        const line = body[i++];
        if (line === undefined) throw new Error(`seed: the options of "${name}" do not end`);
        if (line.endsWith(",")) {
          options.push(line.slice(0, -1));
        } else {
          options.push(line);
          break;
        }
      }
      property.options = options;
    } else if (property.type.kind === "enum" || property.type.kind === "enumArray") {
      throw new Error(`seed: enum "${name}" has no "Available options:"`);
    }
    properties.push(property);
  }
  return properties;
}

function parseParameters(lines: string[], from: string, to: string): SeedParameter[] {
  const block = section(lines, from, to);
  const parameters: SeedParameter[] = [];
  let i = 0;
  while (i < block.length) {
    const name = block[i++] as string;
    const typeLine = block[i++] as string;
    if (!NAME.test(name)) throw new Error(`seed: expected a parameter name in ${from}, got "${name}"`);
    const typed = parseTypeLine(typeLine);
    if (typed?.type.kind !== "scalar" || typed.nullable) {
      throw new Error(`seed: parameter "${name}" has type line "${typeLine}"`);
    }
    const required = block[i] === "required";
    if (required) i++;
    const description = block[i++];
    if (description === undefined) throw new Error(`seed: parameter "${name}" has no description`);
    parameters.push({ name, scalar: typed.type.scalar, required, description });
  }
  return parameters;
}

/** The JSON examples of the page: the curl `--data` body and the response that follows it. */
function parseExamples(lines: string[]): {
  request: Record<string, unknown>;
  response: Record<string, unknown>;
} {
  const dataStart = lines.indexOf("--data '");
  const dataEnd = lines.indexOf("'", dataStart + 1);
  if (dataStart < 0 || dataEnd < 0) throw new Error("seed: no curl --data body");
  const request = JSON.parse(lines.slice(dataStart + 1, dataEnd).join("\n"));
  if (lines[dataEnd + 1] !== "{") throw new Error("seed: no response example after the curl call");
  const responseEnd = lines.findIndex((line, index) => index > dataEnd && line.startsWith("Make sure"));
  const response = JSON.parse(lines.slice(dataEnd + 1, responseEnd).join("\n"));
  return { request, response };
}

const lines = seedLines();
const seedBody = parseBody(lines);
const seedPathParams = parseParameters(lines, "Path Parameters", "Query Parameters");
const seedQueryParams = parseParameters(lines, "Query Parameters", "Body");
const seedExamples = parseExamples(lines);

// ---------------------------------------------------------------------------------------------
// The spec
// ---------------------------------------------------------------------------------------------

type Node = Record<string, unknown>;

const spec = parse(readFileSync(SPEC_URL, "utf8")) as Node;

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function node(value: unknown, where: string): Node {
  if (!isNode(value)) throw new Error(`spec: ${where} is not an object`);
  return value;
}

/** Follows `$ref`s (local JSON pointers) to the object they name; `refs` collects their names. */
function deref(value: unknown, refs: string[] = []): Node {
  let current = node(value, "schema");
  for (let hops = 0; typeof current.$ref === "string"; hops++) {
    if (hops > 20) throw new Error(`spec: $ref loop at ${current.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`spec: non-local $ref ${ref}`);
    refs.push(ref);
    let target: unknown = spec;
    for (const key of ref.slice(2).split("/")) {
      target = node(target, ref)[key.replaceAll("~1", "/").replaceAll("~0", "~")];
    }
    current = node(target, ref);
  }
  return current;
}

interface Alternative {
  /** A JSON Schema type other than "null". */
  type: string;
  schema: Node;
  /** The `$ref`s followed to reach this alternative. */
  refs: string[];
}

interface Split {
  nullable: boolean;
  alternatives: Alternative[];
}

/** What a schema accepts: null or not, and one entry per non-null type (through $ref, oneOf, anyOf, allOf). */
function split(value: unknown, seenRefs: string[] = []): Split {
  const refs = [...seenRefs];
  const schema = deref(value, refs);
  const result: Split = { nullable: false, alternatives: [] };
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants !== undefined) {
    if (!Array.isArray(variants)) throw new Error("spec: oneOf/anyOf is not an array");
    for (const variant of variants) {
      const part = split(variant, refs);
      result.nullable ||= part.nullable;
      result.alternatives.push(...part.alternatives);
    }
  }
  if (schema.allOf !== undefined) {
    if (!Array.isArray(schema.allOf) || schema.allOf.length !== 1) {
      throw new Error("spec: only a single-member allOf is understood here");
    }
    const part = split(schema.allOf[0], refs);
    result.nullable ||= part.nullable;
    result.alternatives.push(...part.alternatives);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const enumValues = Array.isArray(schema.enum) ? schema.enum : undefined;
    for (const type of types) {
      if (typeof type !== "string") throw new Error("spec: a type is not a string");
      if (type === "null") {
        // With an `enum`, null is only accepted when the enum lists it.
        if (enumValues === undefined || enumValues.includes(null)) result.nullable = true;
      } else {
        result.alternatives.push({ type, schema, refs });
      }
    }
  } else if (schema.enum !== undefined) {
    throw new Error("spec: an enum without a type");
  }
  return result;
}

/** The only non-null alternative of a schema (fails when there are several). */
function only(s: Split, what: string): Alternative {
  expect(
    s.alternatives.map((a) => a.type),
    `${what}: non-null types`,
  ).toHaveLength(1);
  return s.alternatives[0] as Alternative;
}

/** The enum of a string alternative, without `null`. */
function enumOf(alternative: Alternative): unknown[] | undefined {
  const values = alternative.schema.enum;
  return Array.isArray(values) ? values.filter((v) => v !== null) : undefined;
}

/** Properties and required names of an object schema (allOf members merged). */
function objectShape(value: unknown): { properties: Record<string, unknown>; required: string[] } {
  const schema = deref(value);
  const properties: Record<string, unknown> = { ...(isNode(schema.properties) ? schema.properties : {}) };
  const required = Array.isArray(schema.required) ? [...(schema.required as string[])] : [];
  for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const shape = objectShape(member);
    Object.assign(properties, shape.properties);
    required.push(...shape.required);
  }
  return { properties, required };
}

const paths = node(spec.paths, "paths");
const pathItem = node(paths["/leads/{id}"], "paths./leads/{id}");
const operation = node(pathItem.patch, "PATCH /leads/{id}");
const requestBody = deref(operation.requestBody);
const bodySchemaRef = node(
  node(requestBody.content, "requestBody.content")["application/json"],
  "application/json",
).schema;
const body = objectShape(bodySchemaRef);
const parameters = [
  ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
  ...(Array.isArray(operation.parameters) ? operation.parameters : []),
].map((parameter) => deref(parameter));

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe("the vendor page parser", () => {
  it("reads all 84 body properties, two of them required", () => {
    expect(seedBody).toHaveLength(84);
    expect(seedBody.filter((p) => p.required).map((p) => p.name)).toEqual(["updatedAt", "createdAt"]);
  });

  it("agrees with the page's own JSON examples (same property names, same order)", () => {
    const names = seedBody.map((p) => p.name);
    expect(Object.keys(seedExamples.request)).toEqual(names);
    expect(Object.keys(node(seedExamples.response.doc, "response example doc"))).toEqual(names);
  });

  it("reads types, nullability and options as written", () => {
    const byName = new Map(seedBody.map((p) => [p.name, p]));
    expect(byName.get("updatedAt")).toEqual({
      name: "updatedAt",
      type: { kind: "scalar", scalar: "string" },
      nullable: false,
      required: true,
    });
    expect(byName.get("searches")?.type).toEqual({ kind: "relationArray", related: "Search" });
    expect(byName.get("latestEvent")?.type).toEqual({ kind: "untyped" });
    expect(byName.get("processStatuses")?.options?.[2]).toBe("First Communication Attempt (phone and text)");
    expect(byName.get("timeToPurchase")?.options).toHaveLength(19);
    expect(seedBody.filter((p) => p.type.kind === "untyped").map((p) => p.name)).toEqual([
      "latestEvent",
      "salesRep",
      "customers",
    ]);
  });
});

describe("PATCH /leads/{id} request body", () => {
  it("has exactly the 84 properties of the page, in the page's order", () => {
    expect(Object.keys(body.properties)).toHaveLength(84);
    expect(Object.keys(body.properties)).toEqual(seedBody.map((p) => p.name));
  });

  it("requires exactly updatedAt and createdAt", () => {
    expect([...new Set(body.required)].sort()).toEqual(["createdAt", "updatedAt"]);
    expect(requestBody.required).toBe(true);
  });

  it.each(seedBody.map((p) => [p.name, p] as const))("%s matches the page", (name, seed) => {
    const schema = body.properties[name];
    expect(schema, `${name} is missing from the spec`).toBeDefined();
    const s = split(schema);
    const where = `${name}`;
    switch (seed.type.kind) {
      case "scalar": {
        expect(s.nullable, `${where}: nullable`).toBe(seed.nullable);
        const alternative = only(s, where);
        expect(alternative.type, `${where}: type`).toBe(seed.type.scalar);
        expect(alternative.schema.enum, `${where}: enum`).toBeUndefined();
        break;
      }
      case "enum": {
        expect(s.nullable, `${where}: nullable`).toBe(seed.nullable);
        const alternative = only(s, where);
        expect(alternative.type, `${where}: type`).toBe("string");
        expect(enumOf(alternative), `${where}: enum`).toEqual(seed.options);
        break;
      }
      case "enumArray": {
        expect(s.nullable, `${where}: nullable`).toBe(seed.nullable);
        const array = only(s, where);
        expect(array.type, `${where}: type`).toBe("array");
        const items = split(array.schema.items);
        expect(items.nullable, `${where}: items nullable`).toBe(false);
        const item = only(items, `${where} items`);
        expect(item.type, `${where}: items type`).toBe("string");
        expect(enumOf(item), `${where}: enum`).toEqual(seed.options);
        break;
      }
      case "relationArray": {
        expect(s.nullable, `${where}: nullable`).toBe(seed.nullable);
        const array = only(s, where);
        expect(array.type, `${where}: type`).toBe("array");
        const items = split(array.schema.items);
        expect(items.nullable, `${where}: items nullable`).toBe(false);
        expect(items.alternatives.map((a) => a.type).sort(), `${where}: items types`).toEqual([
          "number",
          "object",
        ]);
        const populated = items.alternatives.find((a) => a.type === "object") as Alternative;
        expect(populated.refs, `${where}: populated document schema`).toContain(
          `#/components/schemas/${seed.type.related}`,
        );
        break;
      }
      case "untyped": {
        // The page gives no type; the spec's choice must be marked as a guess and must accept
        // the page's example value (a number).
        const own = deref(schema);
        expect(own["x-source"], `${where}: x-source`).toBe("inferred");
        expect(String(own.description), `${where}: description`).toMatch(/Inferred:/);
        expect(typeof seedExamples.request[name], `${where}: example type`).toBe("number");
        expect(
          s.alternatives.map((a) => a.type),
          `${where}: accepts the example`,
        ).toContain("number");
        break;
      }
    }
  });
});

describe("PATCH /leads/{id} response and parameters", () => {
  it("answers 200 with { doc: Lead, message: string }, both required", () => {
    const responses = node(operation.responses, "responses");
    const ok = deref(responses["200"]);
    const schema = node(node(ok.content, "200 content")["application/json"], "200 application/json").schema;
    const shape = objectShape(schema);
    expect([...shape.required].sort()).toEqual(["doc", "message"]);
    expect(deref(shape.properties.doc)).toBe(deref(bodySchemaRef));
    expect(only(split(shape.properties.message), "message").type).toBe("string");
    expect(lines.slice(lines.indexOf("Response") + 1, lines.indexOf("Response") + 8)).toEqual([
      "ok",
      "doc",
      "Lead · object",
      "required",
      "message",
      "string",
      "required",
    ]);
  });

  it.each([
    ...seedPathParams.map((p) => ["path", p.name, p] as const),
    ...seedQueryParams.map((p) => ["query", p.name, p] as const),
  ])("%s parameter %s matches the page", (location, _name, seed) => {
    const matches = parameters.filter((p) => p.name === seed.name && p.in === location);
    expect(matches, `${location} parameter ${seed.name}`).toHaveLength(1);
    const parameter = matches[0] as Node;
    expect(Boolean(parameter.required)).toBe(seed.required);
    expect(String(parameter.description)).toContain(seed.description);
    const s = split(parameter.schema);
    expect(s.nullable).toBe(false);
    expect(only(s, seed.name).type).toBe(seed.scalar);
  });

  it("has the page's parameters: path id, query depth, locale, fallback-locale", () => {
    expect(seedPathParams.map((p) => [p.name, p.scalar, p.required])).toEqual([["id", "string", true]]);
    expect(seedQueryParams.map((p) => [p.name, p.scalar, p.required])).toEqual([
      ["depth", "number", false],
      ["locale", "string", false],
      ["fallback-locale", "string", false],
    ]);
    expect(parameters.map((p) => `${p.in} ${p.name}`).sort()).toEqual([
      "path id",
      "query depth",
      "query fallback-locale",
      "query locale",
    ]);
  });

  it("authenticates with the Authorization header, applied at the root", () => {
    expect(section(lines, "Authorizations", "Path Parameters")).toEqual([
      "Authorization",
      "string",
      "header",
      "required",
    ]);
    const schemes = node(node(spec.components, "components").securitySchemes, "securitySchemes");
    const security = spec.security as Array<Record<string, unknown>>;
    expect(security).toHaveLength(1);
    const [schemeName] = Object.keys(security[0] as Node);
    const scheme = node(schemes[schemeName as string], `securitySchemes.${schemeName}`);
    expect([scheme.type, scheme.in, scheme.name]).toEqual(["apiKey", "header", "Authorization"]);
    expect(String(scheme.description)).toContain("Bearer <apiKey>");
  });
});
