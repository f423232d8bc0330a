// The JSON Schemas leadkit validates against: for every operation, one self-contained JSON Schema
// 2020-12 document per part (path parameters, query, JSON request body, each JSON response body),
// with every `$ref` pointing into its own `$defs`. This is the one place where OpenAPI's schema
// dialects and conventions become plain JSON Schema; the compiler (compile.ts) and the
// differential test's oracle (Ajv) both read its output, so they judge the same semantics.
//
// What it decides, beyond copying the spec:
// - OpenAPI 3.0 documents: `nullable: true` allows null (as 3.0.0 words it, and as
//   openapi-typescript types it, with or without `type`, enums included); siblings of a `$ref`
//   are ignored (3.0 §4.7.24); boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers.
// - `readOnly` properties are rejected in requests and not required there; `writeOnly`
//   properties are rejected in responses and not required there (OpenAPI 3.0 §4.7.24.3's
//   reading of the annotations; JSON Schema 2020-12 leaves enforcement to the application).
// - Annotations (`description`, `example`, `x-*`, `discriminator`, ...) and keywords JSON Schema
//   2020-12 does not define are dropped, as Ajv ignores them outside strict mode.
// - Keywords whose meaning needs run-time annotation tracking (`unevaluatedProperties`,
//   `unevaluatedItems`, `$dynamicRef`) are refused with the schema's location.
import { CodegenError } from "../errors.js";
import {
  listOperations,
  type OpenApiDocument,
  type OperationInfo,
  pascalCase,
  resolveRef,
} from "../openapi.js";

export type JsonSchema = boolean | { readonly [keyword: string]: unknown };
type SchemaObject = Record<string, unknown>;

/** Which way the data travels: decides what `readOnly` and `writeOnly` mean. */
export type Direction = "request" | "response";

/** The part of an operation a validator checks. */
export type Part = "params" | "query" | "body" | "response";

/** Marks a property schema that rejects anything because of `readOnly`/`writeOnly` (see above). */
export const REJECT_MARKER = "x-leadkit-reject";

export interface ValidatorSchema {
  /** The exported name, e.g. `createLeadBody`, `updateLeadResponse200`. */
  readonly name: string;
  /** The key of the operation in the validators table (the client method name). */
  readonly method: string;
  readonly operation: OperationInfo;
  readonly part: Part;
  /** The response status key as the spec writes it (`200`, `4XX`, `default`). */
  readonly status?: string;
  /** The media type the schema comes from (body and responses). */
  readonly mediaType?: string;
  /** Whether the request body is required (`requestBody.required`). */
  readonly required?: boolean;
  readonly direction: Direction;
  /** What the root value is called in messages (`body`, `query`). */
  readonly label: string;
  /** The schema; `$ref`s point to `#/$defs/<id>` of `defs`. */
  readonly schema: JsonSchema;
}

/**
 * A part of an operation left without a validator because its schema uses a keyword the compiler
 * does not implement (`unevaluatedProperties`, `$dynamicRef`, ...): checking it without that
 * keyword could accept what the spec rejects, so nothing is checked rather than the wrong thing.
 */
export interface SkippedValidator {
  /** The name the validator would have had, e.g. `createBookingBody`. */
  readonly name: string;
  /** Where the keyword is: the operation and part, or the `$ref`'d schema's pointer. */
  readonly where: string;
  readonly keyword: string;
}

/** Thrown while normalizing a schema that uses a keyword the compiler does not implement. */
class UnsupportedKeyword extends Error {
  constructor(
    readonly where: string,
    readonly keyword: string,
  ) {
    super(`the schema at ${where} uses \`${keyword}\``);
  }
}

export interface ValidatorSchemas {
  readonly validators: readonly ValidatorSchema[];
  /** The parts left without a validator, and why. */
  readonly skipped: readonly SkippedValidator[];
  /** Every referenced schema, normalized, by id. */
  readonly defs: ReadonlyMap<string, JsonSchema>;
  /** The schema of a validator as a self-contained JSON Schema 2020-12 document (its `$defs` included). */
  document(validator: ValidatorSchema): SchemaObject;
}

const isRecord = (value: unknown): value is SchemaObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `application/json`, `application/problem+json`, `text/json; charset=utf-8`: a JSON body. */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  return /^[a-z0-9!#$&^_.+-]+\/([a-z0-9!#$&^_.+-]+\+)?json$/.test(essence);
}

/** The media type a JSON validator is made from: `application/json` first, else the first JSON one. */
function jsonMediaType(content: unknown): [string, unknown] | undefined {
  if (!isRecord(content)) return undefined;
  const entries = Object.entries(content).filter(([type]) => isJsonMediaType(type));
  const chosen =
    entries.find(([type]) => type.split(";")[0]?.trim().toLowerCase() === "application/json") ?? entries[0];
  if (chosen === undefined || !isRecord(chosen[1]) || chosen[1].schema === undefined) return undefined;
  return [chosen[0], chosen[1].schema];
}

/** Keywords with one subschema as their value. */
const SUBSCHEMA = ["not", "if", "then", "else", "items", "contains", "additionalProperties", "propertyNames"];
/** Keywords with an array of subschemas. */
const SUBSCHEMA_ARRAY = ["allOf", "anyOf", "oneOf", "prefixItems"];
/** Keywords with a map of subschemas. */
const SUBSCHEMA_MAP = ["properties", "patternProperties", "dependentSchemas"];
/** Assertions copied as they are (their values are checked by the compiler). */
const ASSERTIONS = [
  "type",
  "enum",
  "const",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "format",
  "maxItems",
  "minItems",
  "uniqueItems",
  "maxContains",
  "minContains",
  "maxProperties",
  "minProperties",
  "required",
  "dependentRequired",
];
/** Keywords JSON Schema 2020-12 defines whose meaning leadkit's compiled validators do not implement. */
const UNSUPPORTED = [
  "unevaluatedProperties",
  "unevaluatedItems",
  "$dynamicRef",
  "$dynamicAnchor",
  "$recursiveRef",
  "$recursiveAnchor",
];

/** A JSON pointer (`#/components/schemas/Lead`) as the path segments it names. */
function pointerSegments(ref: string): string[] {
  return ref
    .slice(2)
    .split("/")
    .map((part) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~"));
}

function resolvePointer(document: OpenApiDocument, ref: string): unknown {
  if (ref === "#") return document;
  return pointerSegments(ref).reduce<unknown>(
    (node, key) =>
      isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined,
    document,
  );
}

/** A readable `$defs` id for a pointer: the component name where there is one. */
function defName(ref: string): string {
  const segments = pointerSegments(ref);
  const base =
    segments[0] === "components" && segments[1] === "schemas" && segments.length === 3
      ? (segments[2] as string)
      : segments.join(".");
  return base.replace(/[^A-Za-z0-9_.-]+/g, "_") || "root";
}

class Normalizer {
  readonly defs = new Map<string, JsonSchema>();
  /** The validators left out, in the order they were met. */
  readonly skipped: SkippedValidator[] = [];
  /** Pointer (+ direction) -> def id. */
  private readonly ids = new Map<string, string>();
  private readonly taken = new Set<string>();
  private readonly openapi30: boolean;
  /** Whether any schema carries readOnly/writeOnly: only then do request and response schemas differ. */
  private readonly directional: boolean;

  constructor(
    private readonly document: OpenApiDocument,
    private readonly specPath: string,
  ) {
    this.openapi30 = typeof document.openapi === "string" && document.openapi.startsWith("3.0");
    this.directional = JSON.stringify(document).match(/"(readOnly|writeOnly)":true/) !== null;
  }

  /**
   * Normalizes the schema of validator `name`, or records in `skipped` the unsupported keyword
   * that stops it and returns undefined. On failure every def made meanwhile is dropped (a def
   * may already point to the one that failed), so the defs only ever hold complete schemas; they
   * are made again, with the same ids, when a later schema needs them.
   */
  part(name: string, build: () => JsonSchema): JsonSchema | undefined {
    const sizes = { ids: this.ids.size, defs: this.defs.size, taken: this.taken.size };
    try {
      return build();
    } catch (error) {
      if (!(error instanceof UnsupportedKeyword)) throw error;
      for (const key of [...this.ids.keys()].slice(sizes.ids)) this.ids.delete(key);
      for (const key of [...this.defs.keys()].slice(sizes.defs)) this.defs.delete(key);
      for (const key of [...this.taken].slice(sizes.taken)) this.taken.delete(key);
      this.skipped.push({ name, where: error.where, keyword: error.keyword });
      return undefined;
    }
  }

  private fail(where: string, problem: string, fix: string): never {
    throw new CodegenError(`${this.specPath}: the schema at ${where} ${problem}`, fix);
  }

  /** The def id of a `$ref`, normalizing its target the first time it is seen. */
  private refId(ref: string, where: string, direction: Direction): string {
    if (!ref.startsWith("#")) {
      this.fail(
        where,
        `has a $ref that is not local to the bundled document (${ref}).`,
        "Bundle the spec first.",
      );
    }
    const key = this.directional ? `${ref} ${direction}` : ref;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const target = resolvePointer(this.document, ref);
    if (target === undefined) {
      this.fail(where, `refers to ${ref}, which does not exist.`, "Fix the $ref in the spec.");
    }
    const base = this.directional ? `${defName(ref)}.${direction}` : defName(ref);
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}_${n}`;
    this.taken.add(id);
    this.ids.set(key, id);
    this.defs.set(id, true); // placeholder while a recursive schema refers to itself
    this.defs.set(id, this.schema(target, ref, direction));
    return id;
  }

  /** Whether a property schema is marked `readOnly`/`writeOnly`, on itself or behind its `$ref`s. */
  private marked(schema: unknown, keyword: "readOnly" | "writeOnly"): boolean {
    const seen = new Set<unknown>();
    let current = schema;
    while (isRecord(current) && !seen.has(current)) {
      if (current[keyword] === true) return true;
      seen.add(current);
      if (typeof current.$ref !== "string" || !current.$ref.startsWith("#")) return false;
      current = resolvePointer(this.document, current.$ref);
    }
    return false;
  }

  schema(node: unknown, where: string, direction: Direction): JsonSchema {
    if (typeof node === "boolean") return node;
    if (!isRecord(node)) this.fail(where, "is not a schema (an object or a boolean).", "Fix the schema.");
    for (const keyword of UNSUPPORTED) if (keyword in node) throw new UnsupportedKeyword(where, keyword);
    const out: SchemaObject = {};
    if (typeof node.$ref === "string") {
      out.$ref = `#/$defs/${this.refId(node.$ref, where, direction)}`;
      // OpenAPI 3.0: "This object cannot be extended with additional properties" (siblings ignored).
      if (this.openapi30) return out;
    }
    const reject = direction === "request" ? "readOnly" : "writeOnly";
    const rejected = new Set<string>();
    for (const [keyword, value] of Object.entries(node)) {
      const at = `${where}/${keyword}`;
      if (ASSERTIONS.includes(keyword)) out[keyword] = value;
      else if (SUBSCHEMA.includes(keyword)) {
        // Drafts before 2020-12 wrote tuples as `items: [...]`.
        if (keyword === "items" && Array.isArray(value)) {
          out.prefixItems = value.map((item, index) => this.schema(item, `${at}/${index}`, direction));
          if (node.additionalItems !== undefined)
            out.items = this.schema(node.additionalItems, `${where}/additionalItems`, direction);
        } else out[keyword] = this.schema(value, at, direction);
      } else if (SUBSCHEMA_ARRAY.includes(keyword)) {
        if (!Array.isArray(value)) this.fail(at, "is not an array of schemas.", "Fix the schema.");
        out[keyword] = value.map((item, index) => this.schema(item, `${at}/${index}`, direction));
      } else if (SUBSCHEMA_MAP.includes(keyword)) {
        if (!isRecord(value)) this.fail(at, "is not a map of schemas.", "Fix the schema.");
        const map: SchemaObject = {};
        for (const [name, subschema] of Object.entries(value)) {
          const path = `${at}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
          if (keyword === "properties" && this.marked(subschema, reject)) {
            rejected.add(name);
            map[name] = { not: {}, [REJECT_MARKER]: reject };
          } else map[name] = this.schema(subschema, path, direction);
        }
        out[keyword] = map;
      } else if (keyword === "dependencies" && isRecord(value)) {
        // draft-07's `dependencies`: arrays are 2020-12's dependentRequired, schemas its dependentSchemas.
        for (const [name, dependency] of Object.entries(value)) {
          const target = Array.isArray(dependency) ? "dependentRequired" : "dependentSchemas";
          const map = (out[target] ?? {}) as SchemaObject;
          map[name] = Array.isArray(dependency)
            ? dependency
            : this.schema(dependency, `${at}/${name}`, direction);
          out[target] = map;
        }
      }
    }
    if (this.openapi30) {
      for (const bound of ["Minimum", "Maximum"] as const) {
        const exclusive = node[`exclusive${bound}`];
        if (typeof exclusive === "boolean") {
          const limit = node[bound.toLowerCase()];
          delete out[`exclusive${bound}`];
          if (exclusive && typeof limit === "number") {
            out[`exclusive${bound}`] = limit;
            delete out[bound.toLowerCase()];
          }
        }
      }
    }
    if (rejected.size > 0) {
      // Not required in this direction, wherever the requirement is written in this schema.
      const unrequire = (schema: SchemaObject) => {
        if (Array.isArray(schema.required))
          schema.required = schema.required.filter((name) => !rejected.has(name as string));
      };
      unrequire(out);
      if (Array.isArray(out.allOf)) for (const member of out.allOf) if (isRecord(member)) unrequire(member);
    }
    if (this.openapi30 && node.nullable === true) return nullable(out);
    return out;
  }
}

/** `schema` or null, in the cheapest form that means exactly that. */
function nullable(schema: SchemaObject): JsonSchema {
  const applicators = ["$ref", "allOf", "anyOf", "oneOf", "not", "if", "enum", "const"];
  if (typeof schema.type === "string" && !applicators.some((keyword) => keyword in schema))
    return { ...schema, type: [schema.type, "null"] };
  if (Array.isArray(schema.type) && !applicators.some((keyword) => keyword in schema))
    return schema.type.includes("null") ? schema : { ...schema, type: [...schema.type, "null"] };
  return { anyOf: [{ type: "null" }, schema] };
}

/** Every def id a schema reaches through `$ref`, itself excluded. */
function reachableDefs(schema: JsonSchema, defs: ReadonlyMap<string, JsonSchema>): string[] {
  const found = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string") {
          const id = value.slice("#/$defs/".length);
          if (!found.has(id)) {
            found.add(id);
            visit(defs.get(id));
          }
        } else visit(value);
      }
    }
  };
  visit(schema);
  return [...found];
}

/** The status as part of a name: `201`, `4XX`, `default` -> `Default`. */
export function statusName(status: string): string {
  return /^\d/.test(status) ? status : pascalCase(status);
}

/** The raw operation object of an operation listed by `listOperations`, and its parameters. */
function operationParts(document: OpenApiDocument, operation: OperationInfo) {
  const paths = isRecord(document.paths) ? document.paths : {};
  const item = resolveRef<SchemaObject>(document, paths[operation.path]);
  const raw = (isRecord(item) ? item[operation.method] : undefined) as SchemaObject | undefined;
  // Operation-level parameters override path-level ones with the same name and location.
  const parameters = new Map<string, SchemaObject>();
  for (const list of [item?.parameters, raw?.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const parameter = resolveRef<unknown>(document, entry);
      if (isRecord(parameter) && typeof parameter.name === "string" && typeof parameter.in === "string")
        parameters.set(`${parameter.in} ${parameter.name}`, parameter);
    }
  }
  return { raw: raw ?? {}, parameters: [...parameters.values()] };
}

/**
 * The validators of a bundled document, in operation order: params, query, body, then each
 * response in document order. Parts without a JSON schema have none.
 */
export function validatorSchemas(document: OpenApiDocument, specPath = "the spec"): ValidatorSchemas {
  const normalizer = new Normalizer(document, specPath);
  const validators: ValidatorSchema[] = [];
  for (const operation of listOperations(document)) {
    const method = operation.methodName;
    const { raw, parameters } = operationParts(document, operation);
    const where = `${operation.method.toUpperCase()} ${operation.path}`;
    const common = { method, operation };
    for (const [location, part, label] of [
      ["path", "params", "path parameters"],
      ["query", "query", "query"],
    ] as const) {
      const own = parameters.filter((parameter) => parameter.in === location);
      if (own.length === 0) continue;
      const name = `${method}${part === "params" ? "Params" : "Query"}`;
      const schema = normalizer.part(name, () => {
        const properties: SchemaObject = {};
        const required: string[] = [];
        for (const parameter of own) {
          const parameterName = parameter.name as string;
          const source = parameter.schema ?? jsonMediaType(parameter.content)?.[1];
          properties[parameterName] =
            source === undefined
              ? true
              : normalizer.schema(source, `${where} parameter ${location} ${parameterName}`, "request");
          if (parameter.required === true || location === "path") required.push(parameterName);
        }
        const object: SchemaObject = { type: "object", properties };
        if (required.length > 0) object.required = required;
        return object;
      });
      if (schema === undefined) continue;
      validators.push({ ...common, name, part, direction: "request", label, schema });
    }
    const requestBody = resolveRef<unknown>(document, raw.requestBody);
    const body = isRecord(requestBody) ? jsonMediaType(requestBody.content) : undefined;
    if (body !== undefined) {
      const name = `${method}Body`;
      const schema = normalizer.part(name, () =>
        normalizer.schema(body[1], `${where} request body ${body[0]}`, "request"),
      );
      if (schema !== undefined)
        validators.push({
          ...common,
          name,
          part: "body",
          mediaType: body[0],
          required: isRecord(requestBody) && requestBody.required === true,
          direction: "request",
          label: "body",
          schema,
        });
    }
    const responses = isRecord(raw.responses) ? raw.responses : {};
    for (const [status, entry] of Object.entries(responses)) {
      const response = resolveRef<unknown>(document, entry);
      const json = isRecord(response) ? jsonMediaType(response.content) : undefined;
      if (json === undefined) continue;
      const name = `${method}Response${statusName(status)}`;
      const schema = normalizer.part(name, () =>
        normalizer.schema(json[1], `${where} response ${status} ${json[0]}`, "response"),
      );
      if (schema === undefined) continue;
      validators.push({
        ...common,
        name,
        part: "response",
        status,
        mediaType: json[0],
        direction: "response",
        label: "response body",
        schema,
      });
    }
  }
  const defs = normalizer.defs;
  return {
    validators,
    skipped: normalizer.skipped,
    defs,
    document(validator) {
      const reachable = reachableDefs(validator.schema, defs);
      const root = typeof validator.schema === "boolean" ? { not: {} } : validator.schema;
      const $defs = Object.fromEntries(reachable.sort().map((id) => [id, defs.get(id) as JsonSchema]));
      const base =
        validator.schema === true ? {} : validator.schema === false ? { not: {} } : (root as SchemaObject);
      return {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        ...base,
        ...(reachable.length > 0 ? { $defs } : {}),
      };
    },
  };
}
