// Compiles the normalized JSON Schemas of schemas.ts into plain TypeScript functions, ahead of
// time, with Ajv's semantics for every keyword (JSON Schema 2020-12, `strictNumbers`, Unicode
// patterns and lengths, ajv-formats' formats), so the published validators need no library.
//
// Every compiled function has the signature `(d, p, e) => boolean`. On the fast path `p` and `e`
// are null and the function returns false at the first failure, building nothing. When that
// fails, the same function runs again with a path array and an issue array and reports every
// problem it finds (the runtime half, runtime.ts, turns them into messages).
//
// Referenced schemas become one function each (recursion works, nothing is duplicated); the
// branches of `anyOf`/`oneOf`, `not`, `if`, `contains` and `propertyNames` become functions
// because they are evaluated silently first; everything else is inlined into its parent.
import { CodegenError } from "../errors.js";
import { formatCode } from "./formats.js";
import { type JsonSchema, REJECT_MARKER } from "./schemas.js";

type SchemaObject = Record<string, unknown>;
type JsonType = "null" | "boolean" | "number" | "string" | "array" | "object";
const ALL_TYPES: readonly JsonType[] = ["null", "boolean", "number", "string", "array", "object"];
const TYPES = new Set(["null", "boolean", "integer", "number", "string", "array", "object"]);

const isRecord = (value: unknown): value is SchemaObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const lit = (value: unknown) => JSON.stringify(value);
const isPrimitive = (value: unknown) => value === null || typeof value !== "object";

/** `d.lead` or `d["fallback-locale"]`. */
function member(object: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) && key !== "__proto__"
    ? `${object}.${key}`
    : `${object}[${lit(key)}]`;
}

/** Ajv's type checks (`strictNumbers`: NaN and Infinity are not numbers). */
function typeCondition(type: string, d: string): string {
  switch (type) {
    case "null":
      return `${d} === null`;
    case "boolean":
      return `typeof ${d} === "boolean"`;
    case "string":
      return `typeof ${d} === "string"`;
    case "number":
      return `(typeof ${d} === "number" && isFinite(${d}))`;
    case "integer":
      return `Number.isInteger(${d})`;
    case "array":
      return `Array.isArray(${d})`;
    default:
      return `(${d} !== null && typeof ${d} === "object" && !Array.isArray(${d}))`;
  }
}

/** Per-function counters for the names of locals. */
interface Scope {
  next: number;
}

/** Where generated code is: the data expression, its path variable, and the function's scope. */
interface Site {
  readonly d: string;
  readonly p: string;
  readonly scope: Scope;
  readonly indent: string;
}

export interface CompiledValidators {
  /** Module-level declarations and functions, in a deterministic order. */
  readonly code: string;
  /** The runtime helpers (runtime.ts) the code calls. */
  readonly helpers: ReadonlySet<string>;
}

export class Compiler {
  private readonly chunks: string[] = [];
  private readonly declared = new Map<string, string>();
  private readonly defFunctions = new Map<string, string>();
  private readonly names = new Set<string>();
  readonly helpers = new Set<string>();

  constructor(
    private readonly defs: ReadonlyMap<string, JsonSchema>,
    private readonly where: string,
  ) {}

  /** Names the module declares elsewhere (exports, helpers): generated names avoid them. */
  reserve(names: Iterable<string>): void {
    for (const name of names) this.names.add(name);
  }

  private fail(problem: string): never {
    throw new CodegenError(`${this.where}: ${problem}`, "Fix the schema in the spec.");
  }

  private uniqueName(base: string): string {
    const clean = base.replace(/[^A-Za-z0-9_$]/g, "_");
    let name = clean;
    for (let n = 2; this.names.has(name); n++) name = `${clean}_${n}`;
    this.names.add(name);
    return name;
  }

  /** A module-level constant, shared by every use of the same value. */
  private constant(prefix: string, source: string): string {
    const known = this.declared.get(source);
    if (known !== undefined) return known;
    const name = this.uniqueName(prefix);
    this.declared.set(source, name);
    this.chunks.push(`const ${name} = ${source};`);
    return name;
  }

  private declaration(name: string, source: string): void {
    if (this.declared.has(`decl ${name}`)) return;
    this.declared.set(`decl ${name}`, name);
    this.chunks.push(source);
  }

  private regex(pattern: unknown): string {
    if (typeof pattern !== "string") this.fail(`\`pattern\` ${lit(pattern)} is not a string.`);
    try {
      new RegExp(pattern, "u");
    } catch {
      this.fail(
        `the pattern ${lit(pattern)} is not a valid regular expression (with the u flag, as JSON Schema requires).`,
      );
    }
    return this.constant("PATTERN", `new RegExp(${lit(pattern)}, "u")`);
  }

  /** The function validating a whole schema; a referenced schema gets one function for all uses. */
  functionFor(schema: JsonSchema, nameHint = "v"): string {
    const name = this.uniqueName(nameHint);
    const scope: Scope = { next: 0 };
    const body = this.statements(schema, { d: "d", p: "p", scope, indent: "  " });
    this.chunks.push(
      `function ${name}(d: any, p: any, e: Raw[] | null): boolean {\n  let ok = true;\n${body.join("\n")}\n  return ok;\n}`,
    );
    return name;
  }

  refFunction(ref: string): string {
    const id = ref.startsWith("#/$defs/")
      ? ref.slice("#/$defs/".length)
      : this.fail(`unexpected $ref ${ref}.`);
    const known = this.defFunctions.get(id);
    if (known !== undefined) return known;
    const schema = this.defs.get(id);
    if (schema === undefined) this.fail(`$ref to unknown schema ${id}.`);
    // Named before its body is compiled: a recursive schema calls its own function.
    const name = this.uniqueName(`s_${id}`);
    this.defFunctions.set(id, name);
    const scope: Scope = { next: 0 };
    const body = this.statements(schema, { d: "d", p: "p", scope, indent: "  " });
    this.chunks.push(
      `function ${name}(d: any, p: any, e: Raw[] | null): boolean {\n  let ok = true;\n${body.join("\n")}\n  return ok;\n}`,
    );
    return name;
  }

  /** Fails the function: on the fast path it returns false; otherwise it records `issue` and goes on. */
  private failWith(issue: string, indent: string): string {
    return `${indent}if (e === null) return false;\n${indent}ok = false;\n${indent}e.push(${issue});`;
  }

  /** Fails the function after a nested function has recorded its own issues. */
  private failNested(indent: string): string {
    return `${indent}if (e === null) return false;\n${indent}ok = false;`;
  }

  private issue(path: string, text: string): string {
    this.helpers.add("issue");
    return `issue(${path}, ${text})`;
  }

  private mismatch(path: string, types: readonly string[] | undefined, values: string | undefined): string {
    this.helpers.add("mismatch");
    return `mismatch(${path}, ${types === undefined ? "undefined" : lit(types)}, ${values ?? "undefined"})`;
  }

  /** The JSON types a schema can accept at its root (for telling `oneOf` branches apart). */
  rootTypes(schema: JsonSchema, seen = new Set<string>()): Set<JsonType> {
    if (schema === true) return new Set(ALL_TYPES);
    if (schema === false || !isRecord(schema)) return new Set();
    let types = new Set<JsonType>(ALL_TYPES);
    const intersect = (other: Set<JsonType>) => {
      types = new Set([...types].filter((type) => other.has(type)));
    };
    const typeOf = (value: unknown): JsonType =>
      value === null ? "null" : Array.isArray(value) ? "array" : (typeof value as JsonType);
    if (schema.type !== undefined) {
      const listed = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
      intersect(new Set(listed.map((type) => (type === "integer" ? "number" : type)) as JsonType[]));
    }
    if ("const" in schema) intersect(new Set([typeOf(schema.const)]));
    if (Array.isArray(schema.enum)) intersect(new Set(schema.enum.map(typeOf)));
    if (typeof schema.$ref === "string") {
      const id = schema.$ref.slice("#/$defs/".length);
      if (!seen.has(id)) {
        seen.add(id);
        intersect(this.rootTypes(this.defs.get(id) ?? true, seen));
      }
    }
    if (Array.isArray(schema.allOf))
      for (const part of schema.allOf) intersect(this.rootTypes(part as JsonSchema, new Set(seen)));
    for (const keyword of ["anyOf", "oneOf"]) {
      const branches = schema[keyword];
      if (Array.isArray(branches)) {
        const union = new Set<JsonType>();
        for (const branch of branches)
          for (const type of this.rootTypes(branch as JsonSchema, new Set(seen))) union.add(type);
        intersect(union);
      }
    }
    return types;
  }

  /**
   * An inline boolean expression for a schema that only checks `type`, `enum` or `const` (or
   * refers to one): a union branch tested without a call.
   */
  private simpleTest(schema: JsonSchema, d: string, depth = 0): string | undefined {
    if (typeof schema === "boolean") return schema ? "true" : "false";
    if (!isRecord(schema) || depth > 4) return undefined;
    const keys = Object.keys(schema);
    if (keys.length === 1 && typeof schema.$ref === "string") {
      const target = this.defs.get(schema.$ref.slice("#/$defs/".length));
      return target === undefined ? undefined : this.simpleTest(target, d, depth + 1);
    }
    if (keys.length === 0 || !keys.every((key) => key === "type" || key === "enum" || key === "const"))
      return undefined;
    const conditions: string[] = [];
    if (schema.type !== undefined) conditions.push(this.typeTest(schema.type, d));
    if (Array.isArray(schema.enum))
      conditions.push(this.enumTest(schema.enum, d, this.constant("VALUES", lit(schema.enum))));
    if ("const" in schema) conditions.push(this.constTest(schema.const, d));
    return conditions.length === 1 ? (conditions[0] as string) : `(${conditions.join(" && ")})`;
  }

  private typeList(type: unknown): string[] {
    const list = Array.isArray(type) ? type : [type];
    for (const entry of list)
      if (typeof entry !== "string" || !TYPES.has(entry))
        this.fail(`\`type\` ${lit(type)} is not a JSON Schema type.`);
    return list as string[];
  }

  private typeTest(type: unknown, d: string): string {
    const list = this.typeList(type);
    // "number" includes "integer".
    const effective = list.includes("number") ? list.filter((entry) => entry !== "integer") : list;
    const conditions = effective.map((entry) => typeCondition(entry, d));
    return conditions.length === 1 ? (conditions[0] as string) : `(${conditions.join(" || ")})`;
  }

  /** Small enums compare in line; larger ones look the value up in a Set (one hash, not n comparisons). */
  private enumTest(values: readonly unknown[], d: string, constant?: string): string {
    if (values.length === 0) return "false";
    const primitives = values.filter(isPrimitive);
    const objects = values.filter((value) => !isPrimitive(value));
    const tests: string[] = [];
    if (primitives.length > 0 && primitives.length <= 4)
      tests.push(...primitives.map((value) => `${d} === ${lit(value)}`));
    else if (primitives.length > 0) {
      const source = constant !== undefined && objects.length === 0 ? constant : lit(primitives);
      tests.push(`${this.constant("ENUM", `new Set<unknown>(${source})`)}.has(${d})`);
    }
    if (objects.length > 0) {
      this.helpers.add("equal");
      const list = this.constant("VALUES", lit(objects));
      tests.push(`${list}.some((value) => equal(${d}, value))`);
    }
    return tests.length === 1 ? (tests[0] as string) : `(${tests.join(" || ")})`;
  }

  private constTest(value: unknown, d: string): string {
    if (isPrimitive(value)) return `${d} === ${lit(value)}`;
    this.helpers.add("equal");
    return `equal(${d}, ${this.constant("CONST", lit(value))})`;
  }

  /** The statements checking `schema` against the data at `site`. */
  private statements(schema: JsonSchema, site: Site): string[] {
    const { d, p, indent } = site;
    if (schema === true) return [];
    if (schema === false) return [this.failWith(this.issue(p, '"is not allowed"'), indent)];
    if (!isRecord(schema)) this.fail(`a schema is neither an object nor a boolean: ${lit(schema)}.`);
    if (typeof schema[REJECT_MARKER] === "string") {
      const text =
        schema[REJECT_MARKER] === "readOnly"
          ? "is read-only: the server sets it, so a request must not send it"
          : "is write-only: a response must not contain it";
      return [this.failWith(this.issue(p, lit(text)), indent)];
    }
    const out: string[] = [];
    const inner = `${indent}  `;
    const values = Array.isArray(schema.enum)
      ? this.constant("VALUES", lit(schema.enum))
      : "const" in schema
        ? this.constant("VALUES", lit([schema.const]))
        : undefined;
    let label: string | undefined;
    let only: string | undefined;
    if (schema.type !== undefined) {
      const list = this.typeList(schema.type);
      only = list.length === 1 ? (list[0] === "integer" ? "number" : list[0]) : undefined;
      label = `b${site.scope.next++}`;
      out.push(
        `${indent}if (!(${this.typeTest(schema.type, d)})) {\n${this.failWith(
          this.mismatch(p, values === undefined ? list : undefined, values),
          inner,
        )}\n${inner}break ${label};\n${indent}}`,
      );
    }
    if (Array.isArray(schema.enum)) {
      out.push(
        `${indent}if (!(${this.enumTest(schema.enum, d, values)})) {\n${this.failWith(this.mismatch(p, undefined, values), inner)}\n${indent}}`,
      );
    } else if (schema.enum !== undefined) this.fail("`enum` is not an array.");
    if ("const" in schema) {
      out.push(
        `${indent}if (!(${this.constTest(schema.const, d)})) {\n${this.failWith(this.mismatch(p, undefined, values), inner)}\n${indent}}`,
      );
    }
    this.group(out, "string", only, d, indent, (at) => this.stringKeywords(schema, { ...site, indent: at }));
    this.group(out, "number", only, d, indent, (at) => this.numberKeywords(schema, { ...site, indent: at }));
    this.group(out, "array", only, d, indent, (at) => this.arrayKeywords(schema, { ...site, indent: at }));
    this.group(out, "object", only, d, indent, (at) => this.objectKeywords(schema, { ...site, indent: at }));
    out.push(...this.applicators(schema, site));
    if (label === undefined) return out;
    return [`${indent}${label}: {`, ...out.map((line) => `  ${line.replace(/\n/g, "\n  ")}`), `${indent}}`];
  }

  /** Keywords of one JSON type, guarded by a type check unless `type` already ensured it. */
  private group(
    out: string[],
    type: "string" | "number" | "array" | "object",
    only: string | undefined,
    d: string,
    indent: string,
    render: (indent: string) => string[],
  ): void {
    if (only !== undefined && only !== type) return; // `type` excludes this JSON type: nothing applies
    if (only === type) {
      out.push(...render(indent));
      return;
    }
    const lines = render(`${indent}  `);
    if (lines.length === 0) return;
    out.push(`${indent}if (${typeCondition(type, d)}) {`, ...lines, `${indent}}`);
  }

  private nonNegativeInteger(schema: SchemaObject, keyword: string): number | undefined {
    const value = schema[keyword];
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
      this.fail(`\`${keyword}\` ${lit(value)} is not a non-negative integer.`);
    return value;
  }

  private stringKeywords(schema: SchemaObject, site: Site): string[] {
    const { d, p, indent } = site;
    const inner = `${indent}  `;
    const out: string[] = [];
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const minLength = this.nonNegativeInteger(schema, "minLength");
    const maxLength = this.nonNegativeInteger(schema, "maxLength");
    if ((minLength !== undefined && minLength > 0) || maxLength !== undefined) {
      this.helpers.add("length");
      const n = `n${site.scope.next++}`;
      out.push(`${indent}const ${n} = length(${d});`);
      if (minLength !== undefined && minLength > 0)
        out.push(
          `${indent}if (${n} < ${minLength}) {\n${this.failWith(this.issue(p, lit(`must be at least ${plural(minLength, "character")} long`)), inner)}\n${indent}}`,
        );
      if (maxLength !== undefined)
        out.push(
          `${indent}if (${n} > ${maxLength}) {\n${this.failWith(this.issue(p, lit(`must be at most ${plural(maxLength, "character")} long`)), inner)}\n${indent}}`,
        );
    }
    if (schema.pattern !== undefined) {
      const regex = this.regex(schema.pattern);
      out.push(
        `${indent}if (!${regex}.test(${d})) {\n${this.failWith(this.issue(p, lit(`must match the pattern /${schema.pattern}/`)), inner)}\n${indent}}`,
      );
    }
    out.push(...this.format(schema, site, "string"));
    return out;
  }

  private format(schema: SchemaObject, site: Site, type: "string" | "number"): string[] {
    if (typeof schema.format !== "string") return [];
    const code = formatCode(schema.format);
    if (code === undefined || code.type !== type) return [];
    for (const [name, source] of code.declarations) this.declaration(name, source);
    const inner = `${site.indent}  `;
    return [
      `${site.indent}if (!${code.test(site.d)}) {\n${this.failWith(this.issue(site.p, lit(`must be ${code.description}`)), inner)}\n${site.indent}}`,
    ];
  }

  private numberKeywords(schema: SchemaObject, site: Site): string[] {
    const { d, p, indent } = site;
    const inner = `${indent}  `;
    const out: string[] = [];
    const limit = (keyword: string, failing: string, text: string) => {
      const value = schema[keyword];
      if (value === undefined) return;
      if (typeof value !== "number") this.fail(`\`${keyword}\` ${lit(value)} is not a number.`);
      out.push(
        `${indent}if (${d} ${failing} ${lit(value)}) {\n${this.failWith(this.issue(p, lit(`${text} ${value}`)), inner)}\n${indent}}`,
      );
    };
    limit("maximum", ">", "must be <=");
    limit("minimum", "<", "must be >=");
    limit("exclusiveMaximum", ">=", "must be <");
    limit("exclusiveMinimum", "<=", "must be >");
    if (schema.multipleOf !== undefined) {
      const m = schema.multipleOf;
      if (typeof m !== "number" || !(m > 0)) this.fail(`\`multipleOf\` ${lit(m)} is not a positive number.`);
      // Ajv's test, to the last rounding error: the quotient is an integer.
      out.push(
        `${indent}if (${d} / ${lit(m)} !== parseInt(String(${d} / ${lit(m)}))) {\n${this.failWith(this.issue(p, lit(`must be a multiple of ${m}`)), inner)}\n${indent}}`,
      );
    }
    out.push(...this.format(schema, site, "number"));
    return out;
  }

  private arrayKeywords(schema: SchemaObject, site: Site): string[] {
    const { d, p, indent, scope } = site;
    const inner = `${indent}  `;
    const out: string[] = [];
    const items = (n: number) => `${n} item${n === 1 ? "" : "s"}`;
    const minItems = this.nonNegativeInteger(schema, "minItems");
    const maxItems = this.nonNegativeInteger(schema, "maxItems");
    if (minItems !== undefined && minItems > 0)
      out.push(
        `${indent}if (${d}.length < ${minItems}) {\n${this.failWith(this.issue(p, lit(`must have at least ${items(minItems)}`)), inner)}\n${indent}}`,
      );
    if (maxItems !== undefined)
      out.push(
        `${indent}if (${d}.length > ${maxItems}) {\n${this.failWith(this.issue(p, lit(`must have at most ${items(maxItems)}`)), inner)}\n${indent}}`,
      );
    const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as JsonSchema[]) : [];
    prefix.forEach((item, index) => {
      const x = `x${scope.next++}`;
      const px = `p${scope.next++}`;
      const body = this.statements(item, { d: x, p: px, scope, indent: inner });
      if (body.length === 0) return;
      out.push(
        `${indent}if (${d}.length > ${index}) {\n${inner}const ${x} = ${d}[${index}];\n${inner}const ${px} = ${p} && [...${p}, ${index}];\n${body.join("\n")}\n${indent}}`,
      );
    });
    if (schema.items === false) {
      out.push(
        `${indent}if (${d}.length > ${prefix.length}) {\n${this.failWith(this.issue(p, lit(`must have at most ${items(prefix.length)}`)), inner)}\n${indent}}`,
      );
    } else if (schema.items !== undefined && schema.items !== true) {
      const i = `i${scope.next++}`;
      const x = `x${scope.next++}`;
      const px = `p${scope.next++}`;
      const deeper = `${inner}`;
      const body = this.statements(schema.items as JsonSchema, { d: x, p: px, scope, indent: deeper });
      if (body.length > 0)
        out.push(
          `${indent}for (let ${i} = ${prefix.length}; ${i} < ${d}.length; ${i}++) {\n${inner}const ${x} = ${d}[${i}];\n${inner}const ${px} = ${p} && [...${p}, ${i}];\n${body.join("\n")}\n${indent}}`,
        );
    }
    if (schema.contains !== undefined) {
      const minContains = this.nonNegativeInteger(schema, "minContains") ?? 1;
      const maxContains = this.nonNegativeInteger(schema, "maxContains");
      const test =
        this.simpleTest(schema.contains as JsonSchema, "x") ??
        `${this.functionFor(schema.contains as JsonSchema, "containsSchema")}(x, null, null)`;
      const c = `c${scope.next++}`;
      out.push(`${indent}let ${c} = 0;\n${indent}for (const x of ${d}) if (${test}) ${c}++;`);
      if (minContains > 0)
        out.push(
          `${indent}if (${c} < ${minContains}) {\n${this.failWith(this.issue(p, lit(`must contain at least ${items(minContains)} matching its \`contains\` schema`)), inner)}\n${indent}}`,
        );
      if (maxContains !== undefined)
        out.push(
          `${indent}if (${c} > ${maxContains}) {\n${this.failWith(this.issue(p, lit(`must contain at most ${items(maxContains)} matching its \`contains\` schema`)), inner)}\n${indent}}`,
        );
    }
    if (schema.uniqueItems === true) {
      this.helpers.add("duplicate");
      const dup = `u${scope.next++}`;
      out.push(
        `${indent}const ${dup} = duplicate(${d});\n${indent}if (${dup} !== undefined) {\n${this.failWith(
          this.issue(p, `\`must not contain duplicates (items \${${dup}[0]} and \${${dup}[1]} are equal)\``),
          inner,
        )}\n${indent}}`,
      );
    }
    return out;
  }

  private objectKeywords(schema: SchemaObject, site: Site): string[] {
    const { d, p, indent, scope } = site;
    const inner = `${indent}  `;
    const out: string[] = [];
    const props = (n: number) => `${n} propert${n === 1 ? "y" : "ies"}`;
    if (schema.required !== undefined) {
      if (!Array.isArray(schema.required) || !schema.required.every((name) => typeof name === "string"))
        this.fail(`\`required\` ${lit(schema.required)} is not an array of strings.`);
      for (const name of new Set(schema.required as string[]))
        out.push(
          `${indent}if (${member(d, name)} === undefined) {\n${this.failWith(this.issue(`[...${p}, ${lit(name)}]`, '"is required"'), inner)}\n${indent}}`,
        );
    }
    const minProperties = this.nonNegativeInteger(schema, "minProperties");
    const maxProperties = this.nonNegativeInteger(schema, "maxProperties");
    if ((minProperties !== undefined && minProperties > 0) || maxProperties !== undefined) {
      const n = `n${scope.next++}`;
      out.push(`${indent}const ${n} = Object.keys(${d}).length;`);
      if (minProperties !== undefined && minProperties > 0)
        out.push(
          `${indent}if (${n} < ${minProperties}) {\n${this.failWith(this.issue(p, lit(`must have at least ${props(minProperties)}`)), inner)}\n${indent}}`,
        );
      if (maxProperties !== undefined)
        out.push(
          `${indent}if (${n} > ${maxProperties}) {\n${this.failWith(this.issue(p, lit(`must have at most ${props(maxProperties)}`)), inner)}\n${indent}}`,
        );
    }
    if (isRecord(schema.dependentRequired)) {
      for (const [name, required] of Object.entries(schema.dependentRequired)) {
        if (!Array.isArray(required)) this.fail(`\`dependentRequired.${name}\` is not an array.`);
        const checks = (required as string[]).map(
          (other) =>
            `${inner}if (${member(d, other)} === undefined) {\n${this.failWith(
              this.issue(`[...${p}, ${lit(other)}]`, lit(`is required when ${lit(name)} is present`)),
              `${inner}  `,
            )}\n${inner}}`,
        );
        if (checks.length > 0)
          out.push(`${indent}if (${member(d, name)} !== undefined) {\n${checks.join("\n")}\n${indent}}`);
      }
    }
    const properties = isRecord(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
    for (const [name, subschema] of Object.entries(properties)) {
      const x = `x${scope.next++}`;
      const px = `p${scope.next++}`;
      const body = this.statements(subschema, { d: x, p: px, scope, indent: inner });
      if (body.length === 0) continue;
      out.push(
        `${indent}const ${x} = ${member(d, name)};\n${indent}if (${x} !== undefined) {\n${inner}const ${px} = ${p} && [...${p}, ${lit(name)}];\n${body.join("\n")}\n${indent}}`,
      );
    }
    if (isRecord(schema.dependentSchemas)) {
      for (const [name, subschema] of Object.entries(schema.dependentSchemas)) {
        const body = this.statements(subschema as JsonSchema, { ...site, indent: inner });
        if (body.length > 0)
          out.push(`${indent}if (${member(d, name)} !== undefined) {\n${body.join("\n")}\n${indent}}`);
      }
    }
    const patterns = isRecord(schema.patternProperties)
      ? Object.entries(schema.patternProperties as Record<string, JsonSchema>)
      : [];
    const additional = schema.additionalProperties as JsonSchema | undefined;
    const checkAdditional = additional !== undefined && additional !== true;
    if (patterns.length > 0 || checkAdditional) {
      const k = `k${scope.next++}`;
      const loop: string[] = [];
      const deeper = `${inner}  `;
      const known = `known${scope.next++}`;
      if (checkAdditional) {
        const names = Object.keys(properties);
        const test =
          names.length === 0
            ? "false"
            : names.length <= 8
              ? names.map((name) => `${k} === ${lit(name)}`).join(" || ")
              : `${this.constant("NAMES", `new Set<string>(${lit(names)})`)}.has(${k})`;
        loop.push(`${inner}let ${known} = ${test};`);
      }
      for (const [pattern, subschema] of patterns) {
        const regex = this.regex(pattern);
        const x = `x${scope.next++}`;
        const px = `p${scope.next++}`;
        const body = this.statements(subschema, { d: x, p: px, scope, indent: deeper });
        const mark = checkAdditional ? `\n${deeper}${known} = true;` : "";
        if (body.length === 0 && mark === "") continue;
        loop.push(
          `${inner}if (${regex}.test(${k})) {${mark}\n${deeper}const ${x} = ${d}[${k}];\n${deeper}const ${px} = ${p} && [...${p}, ${k}];\n${body.join("\n")}\n${inner}}`,
        );
      }
      if (checkAdditional) {
        const x = `x${scope.next++}`;
        const px = `p${scope.next++}`;
        const body =
          additional === false
            ? [this.failWith(this.issue(px, '"is not allowed"'), deeper)]
            : this.statements(additional as JsonSchema, { d: x, p: px, scope, indent: deeper });
        loop.push(
          `${inner}if (!${known}) {\n${deeper}const ${x} = ${d}[${k}];\n${deeper}const ${px} = ${p} && [...${p}, ${k}];\n${body.join("\n")}\n${inner}}`,
        );
      }
      if (loop.length > 0) out.push(`${indent}for (const ${k} in ${d}) {\n${loop.join("\n")}\n${indent}}`);
    }
    if (schema.propertyNames !== undefined && schema.propertyNames !== true) {
      this.helpers.add("names");
      const check = this.functionFor(schema.propertyNames as JsonSchema, "propertyNamesSchema");
      const k = `k${scope.next++}`;
      out.push(
        `${indent}for (const ${k} in ${d}) {\n${inner}if (!${check}(${k}, null, null)) {\n${this.failNested(`${inner}  `)}\n${inner}  names(${p}, e, ${k}, ${check});\n${inner}}\n${indent}}`,
      );
    }
    return out;
  }

  /** `$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`: independent of the data's type. */
  private applicators(schema: SchemaObject, site: Site): string[] {
    const { d, p, indent } = site;
    const inner = `${indent}  `;
    const out: string[] = [];
    if (typeof schema.$ref === "string") {
      const fn = this.refFunction(schema.$ref);
      out.push(`${indent}if (!${fn}(${d}, ${p}, e)) {\n${this.failNested(inner)}\n${indent}}`);
    }
    if (Array.isArray(schema.allOf))
      for (const part of schema.allOf) out.push(...this.statements(part as JsonSchema, site));
    for (const keyword of ["anyOf", "oneOf"] as const) {
      const branches = schema[keyword];
      if (branches === undefined) continue;
      if (!Array.isArray(branches) || branches.length === 0)
        this.fail(`\`${keyword}\` is not a non-empty array.`);
      this.helpers.add("union");
      const functions = branches.map((branch) => this.functionFor(branch as JsonSchema, keyword));
      const list = this.constant("BRANCHES", `[${functions.join(", ")}]`);
      const tests = branches.map(
        (branch, index) =>
          this.simpleTest(branch as JsonSchema, d) ?? `${functions[index]}(${d}, null, null)`,
      );
      // Branches that accept disjoint JSON types cannot both match: `oneOf` is then `anyOf`.
      const typeSets = branches.map((branch) => this.rootTypes(branch as JsonSchema));
      const disjoint = typeSets.every((set, index) =>
        typeSets.slice(index + 1).every((other) => [...set].every((type) => !other.has(type))),
      );
      if (keyword === "anyOf" || disjoint) {
        out.push(
          `${indent}if (!(${tests.join(" || ")})) {\n${this.failNested(inner)}\n${inner}union(${d}, ${p}, e, ${list}, false);\n${indent}}`,
        );
      } else {
        const n = `m${site.scope.next++}`;
        out.push(
          `${indent}let ${n} = 0;\n${tests.map((test) => `${indent}if (${test}) ${n}++;`).join("\n")}\n${indent}if (${n} !== 1) {\n${this.failNested(inner)}\n${inner}union(${d}, ${p}, e, ${list}, true);\n${indent}}`,
        );
      }
    }
    if (schema.not !== undefined) {
      const test =
        this.simpleTest(schema.not as JsonSchema, d) ??
        `${this.functionFor(schema.not as JsonSchema, "notSchema")}(${d}, null, null)`;
      const text = this.notText(schema.not as JsonSchema);
      out.push(`${indent}if (${test}) {\n${this.failWith(this.issue(p, lit(text)), inner)}\n${indent}}`);
    }
    if (schema.if !== undefined && (schema.then !== undefined || schema.else !== undefined)) {
      const test =
        this.simpleTest(schema.if as JsonSchema, d) ??
        `${this.functionFor(schema.if as JsonSchema, "ifSchema")}(${d}, null, null)`;
      const then =
        schema.then === undefined
          ? []
          : this.statements(schema.then as JsonSchema, { ...site, indent: inner });
      const otherwise =
        schema.else === undefined
          ? []
          : this.statements(schema.else as JsonSchema, { ...site, indent: inner });
      out.push(
        `${indent}if (${test}) {\n${then.join("\n")}\n${indent}} else {\n${otherwise.join("\n")}\n${indent}}`,
      );
    }
    return out;
  }

  /** What `not` forbids, in words, when the excluded schema is a simple one. */
  private notText(schema: JsonSchema): string {
    if (schema === true || (isRecord(schema) && Object.keys(schema).length === 0)) return "is not allowed";
    if (isRecord(schema)) {
      const keys = Object.keys(schema);
      if (keys.length === 1 && schema.type !== undefined) {
        const names: Record<string, string> = {
          null: "null",
          boolean: "a boolean",
          number: "a number",
          integer: "an integer",
          string: "a string",
          array: "an array",
          object: "an object",
        };
        return `must not be ${this.typeList(schema.type)
          .map((type) => names[type])
          .join(" or ")}`;
      }
      if (keys.length === 1 && Array.isArray(schema.enum))
        return `must not be ${schema.enum.length === 1 ? lit(schema.enum[0]) : `one of ${schema.enum.map(lit).join(", ")}`}`;
      if (keys.length === 1 && "const" in schema) return `must not be ${lit(schema.const)}`;
      if (keys.length === 1 && Array.isArray(schema.required))
        return `must not have ${(schema.required as string[]).map(lit).join(" and ")}`;
    }
    return "must not match the schema its `not` excludes";
  }

  /** Everything compiled so far, declarations first. */
  code(): string {
    return this.chunks.join("\n\n");
  }
}
