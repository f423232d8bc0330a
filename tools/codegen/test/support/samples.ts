// Seeded sample data for a JSON Schema: values built to match it, and near misses made by
// mutating one spot of such a value (the wrong type, a missing or unknown property, an enum in
// the wrong case, a broken format, a number past its bound, ...). The differential test feeds both
// to the compiled validators and to Ajv; whether a sample really is valid is the oracle's call.
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = boolean | Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** mulberry32: a small, fast, seeded PRNG. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Valid and invalid values of the formats ajv-formats checks, edge cases included. */
const FORMAT_SAMPLES: Record<string, { valid: string[]; invalid: string[] }> = {
  email: {
    valid: ["jane@example.com", "a.b+c@sub.example.co", "x@y.z", "o'brien@example.ie"],
    invalid: [
      "jane",
      "jane@",
      "@example.com",
      "jane@@example.com",
      "jane@example..com",
      "jane @example.com",
      "jane@-x.com",
    ],
  },
  "date-time": {
    valid: [
      "2024-05-14T16:20:11Z",
      "2024-05-14T16:20:11.512Z",
      "2024-02-29T00:00:00+10:00",
      "2016-12-31T23:59:60Z",
      "2024-05-14t16:20:11z",
      "2024-05-14 16:20:11-05:00",
    ],
    invalid: [
      "2024-05-14",
      "2024-05-14T16:20:11",
      "2023-02-29T00:00:00Z",
      "2024-13-01T00:00:00Z",
      "2024-05-14T24:00:00Z",
      "2024-05-14T16:20:11+25:00",
      "yesterday",
      "2024-05-14T16:20:60Z",
    ],
  },
  date: {
    valid: ["2024-05-14", "2000-02-29", "1999-12-31"],
    invalid: ["2024-5-14", "1900-02-29", "2024-04-31", "14/05/2024", "2024-05-14T00:00:00Z"],
  },
  time: { valid: ["16:20:11Z", "23:59:60Z", "08:00:00+02:00"], invalid: ["16:20:11", "25:00:00Z", "16:20Z"] },
  uri: {
    valid: [
      "https://example.com",
      "https://api.github.com/repos/o/r/issues?page=2#x",
      "mailto:jane@example.com",
      "urn:isbn:0451450523",
      "http://[::1]:8080/x",
    ],
    invalid: ["example.com", "/relative/path", "https://exa mple.com", "just text", "http://[::1/x", ""],
  },
  "uri-reference": { valid: ["/relative/path", "https://example.com", "#frag"], invalid: ["\\\\x", "a b"] },
  "uri-template": {
    valid: ["https://api.github.com/repos/{owner}/{repo}", "{/path}{?query,page}", "plain"],
    invalid: ["https://x/{owner", "{ bad }", "a<b"],
  },
  uuid: {
    valid: ["123e4567-e89b-12d3-a456-426614174000"],
    invalid: ["123e4567e89b12d3a456426614174000", "xyz"],
  },
  hostname: { valid: ["example.com", "a-b.c"], invalid: ["-a.com", "a..b"] },
  ipv4: { valid: ["127.0.0.1"], invalid: ["256.0.0.1", "1.2.3"] },
  ipv6: { valid: ["::1", "2001:db8::1"], invalid: [":::1", "2001:db8::g"] },
  byte: { valid: ["aGVsbG8=", ""], invalid: ["aGVsbG8", "###"] },
  regex: { valid: ["^a+$", "[a-z]"], invalid: ["(", "a\\Z"] },
};

/** Strings made to match a regular expression (the subset patterns in specs use). */
class PatternSampler {
  private pos = 0;
  constructor(
    private readonly source: string,
    private readonly rand: () => number,
  ) {}

  sample(): string | undefined {
    try {
      this.pos = 0;
      const out = this.alternation();
      return this.pos === this.source.length ? out : undefined;
    } catch {
      return undefined;
    }
  }

  private peek() {
    return this.source[this.pos];
  }

  private alternation(): string {
    const options = [this.sequence()];
    while (this.peek() === "|") {
      this.pos++;
      options.push(this.sequence());
    }
    return options[Math.floor(this.rand() * options.length)] as string;
  }

  private sequence(): string {
    let out = "";
    while (this.pos < this.source.length && this.peek() !== "|" && this.peek() !== ")") {
      const atom = this.atom();
      out += this.quantified(atom);
    }
    return out;
  }

  private quantified(atom: () => string): string {
    const c = this.peek();
    let min = 1;
    let max = 1;
    if (c === "?") [min, max] = [0, 1];
    else if (c === "*") [min, max] = [0, 3];
    else if (c === "+") [min, max] = [1, 3];
    else if (c === "{") {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos));
      if (match === null) throw new Error("unsupported quantifier");
      min = Number(match[1]);
      max = match[2] === undefined ? min : match[3] === "" ? min + 3 : Number(match[3]);
      this.pos += match[0].length - 1;
    } else return atom();
    this.pos++;
    if (this.peek() === "?") this.pos++;
    const count = min + Math.floor(this.rand() * (max - min + 1));
    return Array.from({ length: count }, atom).join("");
  }

  private atom(): () => string {
    const c = this.source[this.pos++];
    if (c === "^" || c === "$") return () => "";
    if (c === "(") {
      if (this.source.startsWith("?:", this.pos)) this.pos += 2;
      const start = this.pos;
      this.alternation();
      if (this.source[this.pos++] !== ")") throw new Error("unbalanced");
      const end = this.pos - 1;
      return () => new PatternSampler(this.source.slice(start, end), this.rand).sample() ?? "";
    }
    if (c === "[") {
      const end = this.source.indexOf("]", this.pos + 1);
      const body = this.source.slice(this.pos, end);
      this.pos = end + 1;
      const chars = this.charClass(body);
      return () => chars[Math.floor(this.rand() * chars.length)] as string;
    }
    if (c === ".") return () => "abcxyz019 -"[Math.floor(this.rand() * 11)] as string;
    if (c === "\\") {
      const e = this.source[this.pos++] as string;
      if (e === "p" && this.source.startsWith("{Lu}", this.pos)) {
        this.pos += 4;
        return () => "ÄBZ"[Math.floor(this.rand() * 3)] as string;
      }
      const classes: Record<string, string> = { d: "0123456789", w: "abcXYZ_09", s: " " };
      const set = classes[e];
      if (set !== undefined) return () => set[Math.floor(this.rand() * set.length)] as string;
      return () => e;
    }
    if (c === undefined) throw new Error("end");
    return () => c;
  }

  private charClass(body: string): string[] {
    if (body.startsWith("^"))
      return ["a", "Z", "5", "-"].filter((ch) => !new RegExp(`[${body.slice(1)}]`, "u").test(ch));
    const chars: string[] = [];
    for (let i = 0; i < body.length; i++) {
      const from = body[i] === "\\" ? (body[++i] as string) : (body[i] as string);
      if (body[i + 1] === "-" && i + 2 < body.length) {
        const to = body[i + 2] as string;
        for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++)
          chars.push(String.fromCharCode(code));
        i += 2;
      } else chars.push(from === "d" && body[i - 1] === "\\" ? "7" : from);
    }
    return chars.length > 0 ? chars : ["a"];
  }
}

export class Sampler {
  private readonly enums: unknown[][] = [];

  constructor(
    private readonly defs: Record<string, Schema>,
    private readonly rand: () => number,
  ) {
    const collect = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (isRecord(node)) {
        if (Array.isArray(node.enum)) this.enums.push(node.enum);
        Object.values(node).forEach(collect);
      }
    };
    collect(defs);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)] as T;
  }

  private chance(p: number): boolean {
    return this.rand() < p;
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.rand() * (max - min + 1));
  }

  private readonly folded = new WeakMap<object, Record<string, unknown>>();

  /** The schema with `$ref` and `allOf` folded in (the same every time, so it is cached). */
  private fold(schema: Schema, depth = 0): Record<string, unknown> {
    if (typeof schema === "boolean") return schema ? {} : { not: {} };
    const known = this.folded.get(schema);
    if (known !== undefined) return known;
    let out: Record<string, unknown> = { ...schema };
    if (typeof out.$ref === "string" && depth < 12) {
      const target = this.defs[(out.$ref as string).slice("#/$defs/".length)] ?? true;
      const { $ref: _, ...rest } = out;
      out = merge(this.fold(target, depth + 1), rest);
    }
    if (Array.isArray(out.allOf)) {
      const { allOf, ...rest } = out;
      out = (allOf as Schema[]).reduce<Record<string, unknown>>(
        (acc, part) => merge(acc, this.fold(part, depth + 1)),
        rest,
      );
    }
    this.folded.set(schema, out);
    return out;
  }

  /** The folded schema with one `anyOf`/`oneOf` branch chosen (and `then`, half the time). */
  private flatten(schema: Schema, depth = 0): Record<string, unknown> {
    let out = this.fold(schema, depth);
    for (const keyword of ["anyOf", "oneOf"]) {
      if (Array.isArray(out[keyword])) {
        const { [keyword]: branches, ...rest } = out;
        out = merge(rest, this.flatten(this.pick(branches as Schema[]), depth + 1));
      }
    }
    if (out.if !== undefined) {
      const { if: condition, then, else: otherwise, ...rest } = out;
      out =
        then !== undefined && this.chance(0.5)
          ? merge(
              merge(rest, this.flatten(condition as Schema, depth + 1)),
              this.flatten(then as Schema, depth + 1),
            )
          : otherwise !== undefined
            ? merge(rest, this.flatten(otherwise as Schema, depth + 1))
            : rest;
    }
    return out;
  }

  /** A value built to match `schema`. */
  valid(schema: Schema, depth = 0): Json {
    const s = this.flatten(schema);
    if ("const" in s) return s.const as Json;
    if (Array.isArray(s.enum)) return this.pick(s.enum) as Json;
    const types = Array.isArray(s.type)
      ? (s.type as string[])
      : typeof s.type === "string"
        ? [s.type]
        : this.guessTypes(s);
    const type = this.pick(types.length > 0 ? types : ["string"]);
    switch (type) {
      case "null":
        return null;
      case "boolean":
        return this.chance(0.5);
      case "integer":
      case "number":
        return this.number(s, type === "integer");
      case "string":
        return this.string(s);
      case "array":
        return this.array(s, depth);
      default:
        return this.object(s, depth);
    }
  }

  private guessTypes(s: Record<string, unknown>): string[] {
    if (s.properties || s.required || s.additionalProperties !== undefined) return ["object"];
    if (s.items || s.prefixItems) return ["array"];
    if (s.minLength !== undefined || s.pattern || s.format) return ["string"];
    if (s.minimum !== undefined || s.maximum !== undefined || s.multipleOf) return ["number"];
    return ["string", "number", "boolean", "null", "object", "array"];
  }

  private number(s: Record<string, unknown>, integer: boolean): number {
    const min = (s.minimum as number | undefined) ?? (s.exclusiveMinimum as number | undefined) ?? -1000;
    const max = (s.maximum as number | undefined) ?? (s.exclusiveMaximum as number | undefined) ?? 100000;
    if (typeof s.multipleOf === "number")
      return s.multipleOf * this.int(Math.ceil(min / s.multipleOf) + 1, Math.ceil(min / s.multipleOf) + 20);
    const value = min + this.rand() * (max - min);
    return integer || this.chance(0.6)
      ? Math.min(Math.max(Math.round(value), Math.ceil(min)), Math.floor(max))
      : value;
  }

  private string(s: Record<string, unknown>): string {
    const formats = typeof s.format === "string" ? FORMAT_SAMPLES[s.format] : undefined;
    if (formats !== undefined) return this.pick(formats.valid);
    if (typeof s.pattern === "string") {
      const sampled = new PatternSampler(s.pattern, this.rand).sample();
      if (sampled !== undefined) return sampled;
    }
    const min = (s.minLength as number | undefined) ?? 0;
    const max = Math.min((s.maxLength as number | undefined) ?? min + 12, min + 12);
    const alphabet = ["a", "b", "z", "Q", "7", " ", "-", "é", "😀"];
    return Array.from({ length: this.int(min, max) }, () => this.pick(alphabet)).join("");
  }

  private array(s: Record<string, unknown>, depth: number): Json[] {
    const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as Schema[]) : [];
    const min = Math.max((s.minItems as number | undefined) ?? 0, typeof s.contains === "object" ? 1 : 0);
    const max = Math.min(
      (s.maxItems as number | undefined) ?? min + 3,
      s.items === false ? prefix.length : min + 3,
      depth > 2 ? min : Infinity,
    );
    const length = this.int(min, Math.max(min, max));
    const out: Json[] = [];
    for (let i = 0; i < length; i++) {
      const itemSchema =
        i < prefix.length ? (prefix[i] as Schema) : ((s.items as Schema | undefined) ?? true);
      let item =
        i === 0 && s.contains !== undefined
          ? this.valid(s.contains as Schema, depth + 1)
          : this.valid(itemSchema, depth + 1);
      for (
        let tries = 0;
        s.uniqueItems === true &&
        tries < 5 &&
        out.some((other) => JSON.stringify(other) === JSON.stringify(item));
        tries++
      )
        item = this.valid(itemSchema, depth + 1);
      out.push(item);
    }
    return out;
  }

  private object(s: Record<string, unknown>, depth: number): { [key: string]: Json } {
    const out: { [key: string]: Json } = {};
    const properties = isRecord(s.properties) ? (s.properties as Record<string, Schema>) : {};
    const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
    for (const [name, schema] of Object.entries(properties)) {
      // A property that can never be valid (`false`, or readOnly/writeOnly in this direction) is left out.
      const never =
        schema === false ||
        (isRecord(schema) && isRecord(schema.not) && Object.keys(schema.not).length === 0);
      if (never) continue;
      if (required.has(name) || (depth < 3 && this.chance(0.6))) out[name] = this.valid(schema, depth + 1);
    }
    const dependent = isRecord(s.dependentRequired) ? (s.dependentRequired as Record<string, string[]>) : {};
    for (const [name, others] of Object.entries(dependent))
      if (name in out) for (const other of others) required.add(other);
    const schemas = isRecord(s.dependentSchemas) ? (s.dependentSchemas as Record<string, Schema>) : {};
    for (const [name, schema] of Object.entries(schemas))
      if (name in out && isRecord(schema) && Array.isArray(schema.required))
        for (const other of schema.required as string[]) required.add(other);
    for (const name of required)
      if (!(name in out)) out[name] = this.valid(properties[name] ?? true, depth + 1);
    if (s.additionalProperties !== false && depth < 4 && this.chance(0.3)) {
      const schema = (s.additionalProperties as Schema | undefined) ?? true;
      out[this.pick(["extra", "x_custom", "note"])] = this.valid(
        schema === true ? { type: "string" } : schema,
        depth + 1,
      );
    }
    return out;
  }

  /**
   * A copy of `value` changed at one random spot, most often into something a schema rejects.
   * The spot is found by a random walk from the root; only the containers on the way are copied.
   */
  mutate(value: Json): Json | undefined {
    const children = (node: Json): Array<string | number> =>
      Array.isArray(node)
        ? node.map((_, index) => index)
        : node !== null && typeof node === "object"
          ? Object.keys(node)
          : [];
    const change = (node: Json): Json | typeof REMOVE => {
      const keys = children(node);
      if (keys.length === 0 || this.chance(0.25)) return this.replacement(node);
      const key = this.pick(keys);
      const child = (node as Record<string | number, Json>)[key] as Json;
      const changed = change(child);
      if (Array.isArray(node)) {
        const copy = [...node];
        if (changed === REMOVE) copy.splice(key as number, 1);
        else copy[key as number] = changed;
        return copy;
      }
      const copy = { ...(node as { [key: string]: Json }) };
      if (changed === REMOVE) delete copy[key as string];
      else copy[key as string] = changed;
      return copy;
    };
    const changed = change(value);
    return changed === REMOVE ? undefined : changed;
  }

  private replacement(value: Json): Json | typeof REMOVE {
    const other = (): Json =>
      this.pick<Json>([
        "text",
        "",
        0,
        -1,
        1.5,
        42,
        2 ** 53,
        true,
        false,
        null,
        [],
        {},
        [1, "a"],
        { id: 1 },
        { id: "1" },
        NaN,
        Infinity,
      ]);
    const roll = this.rand();
    if (roll < 0.1) return REMOVE;
    if (roll < 0.4) return other();
    if (typeof value === "string") {
      const enumValues = this.enums.find((values) => values.includes(value));
      const options: Array<() => Json> = [
        () => value.toUpperCase(),
        () => value.toLowerCase(),
        () => `${value} `,
        () => value.slice(1),
        () => `${value}${value}`,
        () => (this.enums.length > 0 ? (this.pick(this.pick(this.enums)) as Json) : value),
        () =>
          this.pick(
            Object.values(FORMAT_SAMPLES).flatMap((samples) => [...samples.invalid, ...samples.valid]),
          ),
        () => "😀".repeat(this.int(1, 4)),
      ];
      if (enumValues !== undefined) options.push(() => this.pick(enumValues) as Json);
      return this.pick(options)();
    }
    if (typeof value === "number") {
      return this.pick<() => Json>([
        () => value + 1,
        () => value - 1,
        () => -value,
        () => value + 0.5,
        () => value * 1000,
        () => 0,
        () => 2 ** 31,
      ])();
    }
    if (Array.isArray(value)) {
      return this.pick<() => Json>([
        () => [],
        () => [...value, ...value.slice(0, 1)],
        () => [...value, other()],
        () => value.slice(1),
      ])();
    }
    if (value !== null && typeof value === "object") {
      return this.pick<() => Json>([
        () => ({ ...value, [this.pick(["unknown", "extra", "Id", "id"])]: other() }),
        () => Object.fromEntries(Object.entries(value).slice(1)),
        () => ({}),
        () => Object.values(value),
      ])();
    }
    return other();
  }
}

const REMOVE = Symbol("remove");

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (key === "properties" && isRecord(out.properties) && isRecord(value))
      out.properties = { ...out.properties, ...value };
    else if (key === "required" && Array.isArray(out.required) && Array.isArray(value))
      out.required = [...new Set([...(out.required as string[]), ...(value as string[])])];
    else if (key === "type" && out.type !== undefined) {
      const left = Array.isArray(out.type) ? out.type : [out.type];
      const right = Array.isArray(value) ? value : [value];
      const both = left.filter(
        (type) => right.includes(type) || (type === "integer" && right.includes("number")),
      );
      out.type = both.length > 0 ? both : right;
    } else out[key] = value;
  }
  return out;
}
