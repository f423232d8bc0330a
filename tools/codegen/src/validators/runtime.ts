// The hand-written half of every generated validators module: the public types (one Standard
// Schema v1 validator per part of an operation, the issue format, the operation table) and the
// small helpers the compiled functions call (issue records, messages, unions, deep equality,
// Unicode length). Written into each module as source, so the published validators import
// nothing at run time; only `@standard-schema/spec` is imported, for types.

/** Helper name -> its source, in the order they are written; `requires` pulls in others. */
interface Helper {
  readonly source: string;
  readonly requires?: readonly string[];
}

/** The types every generated module exports: the API the mock and MCP packages build on. */
export const PUBLIC_TYPES = `/**
 * One problem found in a value. \`message\` names the field with a dotted path and says what is
 * wrong (\`lead.category must be one of "New Vehicle Enquiry", …\`); \`path\` locates it
 * (\`["lead", "category"]\`; array items are numbers), as Standard Schema issues do.
 */
export interface ValidationIssue extends StandardSchemaV1.Issue {
  readonly message: string;
  readonly path: ReadonlyArray<string | number>;
}

/** What \`validate\` returns: the value itself when it matches, else every issue (at least one). */
export type ValidationResult<T> =
  | { readonly value: T; readonly issues?: undefined }
  | { readonly issues: readonly ValidationIssue[] };

/** The Standard Schema properties of a leadkit validator; its \`validate\` is synchronous. */
export interface ValidatorProps<T> extends StandardSchemaV1.Props<T, T> {
  readonly vendor: "leadkit";
  readonly validate: (value: unknown) => ValidationResult<T>;
}

/**
 * A validator compiled from the spec: a Standard Schema v1 object (pass it to any library that
 * accepts one), plus \`is\`, the same check as a type guard that builds no issues.
 */
export interface Validator<T> extends StandardSchemaV1<T, T> {
  readonly "~standard": ValidatorProps<T>;
  /** True when \`value\` matches the schema. */
  is(value: unknown): value is T;
}

/**
 * The validators of one operation, keyed in \`validators\` by the client's method name. A part
 * the spec gives no JSON schema has no validator.
 */
export interface OperationValidators {
  readonly operationId: string;
  /** The HTTP method, upper case. */
  readonly method: string;
  /** The path template, e.g. \`/leads/{id}\`. */
  readonly path: string;
  /** The path parameters, as an object keyed by parameter name. */
  readonly params?: Validator<unknown>;
  /** The query parameters, as an object keyed by parameter name (before serialisation). */
  readonly query?: Validator<unknown>;
  /** The request body, for the media type \`bodyMediaType\`. */
  readonly body?: Validator<unknown>;
  readonly bodyMediaType?: string;
  /** Whether the spec requires a request body (\`requestBody.required\`). */
  readonly bodyRequired?: boolean;
  /** Each documented response with a JSON body, keyed by status as the spec writes it (\`200\`, \`4XX\`, \`default\`). */
  readonly responses: { readonly [status: string]: Validator<unknown> };
}`;

/** Types and helpers every module needs. */
const CORE = `type Path = Array<string | number>;
/** An issue before it becomes a message; type mismatches say what was expected, so unions can merge them. */
interface Raw {
  readonly path: Path;
  readonly text: string;
  readonly types?: readonly string[];
  readonly values?: readonly unknown[];
}
/** A compiled check: \`p\` and \`e\` are null on the fast path, which stops at the first failure. */
type Check = (d: any, p: any, e: Raw[] | null) => boolean;

const TYPE_NAMES: Record<string, string> = {
  null: "null",
  boolean: "a boolean",
  number: "a number",
  integer: "an integer",
  string: "a string",
  array: "an array",
  object: "an object",
};

function expectation(types: readonly string[], values: readonly unknown[]): string {
  const options = types.map((type) => TYPE_NAMES[type] ?? type);
  if (values.length > 0)
    options.unshift(values.length === 1 ? JSON.stringify(values[0]) : \`one of \${values.map((value) => JSON.stringify(value)).join(", ")}\`);
  return options.length < 2 ? (options[0] ?? "valid") : \`\${options.slice(0, -1).join(", ")} or \${options[options.length - 1]}\`;
}

/** \`lead.address_attributes.postcode\`, \`charges[1].amount\`, \`["fallback-locale"]\`; the label at the root. */
function where(path: ReadonlyArray<string | number>, label: string): string {
  let out = typeof path[0] === "number" ? label : "";
  for (const key of path) {
    if (typeof key === "number") out += \`[\${key}]\`;
    else if (/^[^\\s.[\\]"]+$/.test(key)) out += out === "" ? key : \`.\${key}\`;
    else out += \`[\${JSON.stringify(key)}]\`;
  }
  return out === "" ? label : out;
}

function issuesOf(check: Check, value: unknown, label: string): ValidationIssue[] {
  const found: Raw[] = [];
  check(value, [], found);
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const { path, text } of found) {
    const message = \`\${where(path, label)} \${text}\`;
    if (seen.has(message)) continue;
    seen.add(message);
    issues.push({ message, path });
  }
  return issues.length > 0 ? issues : [{ message: \`\${label} does not match the spec\`, path: [] }];
}

function validator<T>(check: Check, label: string): Validator<T> {
  return {
    "~standard": {
      version: 1,
      vendor: "leadkit",
      validate: (value) => (check(value, null, null) ? { value: value as T } : { issues: issuesOf(check, value, label) }),
    },
    is: (value): value is T => check(value, null, null),
  };
}`;

const HELPERS: Record<string, Helper> = {
  issue: {
    source: `function issue(path: Path, text: string): Raw {
  return { path, text };
}`,
  },
  mismatch: {
    source: `function mismatch(path: Path, types: readonly string[] = [], values: readonly unknown[] = []): Raw {
  return { path, text: \`must be \${expectation(types, values)}\`, types, values };
}`,
  },
  union: {
    requires: ["issue", "mismatch"],
    source: `/**
 * Reports a failed \`anyOf\`/\`oneOf\`. Alternatives that reject the value's type merge into one
 * "must be …" issue; otherwise the alternative with the fewest issues speaks (the value's type
 * matched it, so its issues are the relevant ones).
 */
function union(d: unknown, p: Path, e: Raw[], branches: readonly Check[], one: boolean): void {
  if (one) {
    const matching = branches.flatMap((check, index) => (check(d, null, null) ? [index + 1] : []));
    if (matching.length > 1) {
      e.push(issue(p, \`must match exactly one of its \${branches.length} alternatives, but matches \${matching.length} (\${matching.join(", ")})\`));
      return;
    }
  }
  const types: string[] = [];
  const values: unknown[] = [];
  let best: Raw[][] = [];
  for (const check of branches) {
    const found: Raw[] = [];
    if (check(d, p, found)) continue;
    if (found.every((raw) => raw.path.length === p.length && (raw.types !== undefined || raw.values !== undefined))) {
      for (const raw of found) {
        for (const type of raw.types ?? []) if (!types.includes(type)) types.push(type);
        for (const value of raw.values ?? [])
          if (!values.some((known) => JSON.stringify(known) === JSON.stringify(value))) values.push(value);
      }
    } else if (best.length === 0 || found.length < (best[0] as Raw[]).length) best = [found];
    else if (found.length === (best[0] as Raw[]).length) best.push(found);
  }
  const first = best[0];
  if (first === undefined) {
    e.push(mismatch(p, types, values));
    return;
  }
  // Alternatives that each miss one property (\`dealership_id\` or \`dealership_slug\`): name them all.
  const missing = best.map((found) => (found.length === 1 && found[0]?.text === "is required" ? found[0].path[p.length] : undefined));
  if (best.length > 1 && missing.every((key) => key !== undefined)) {
    e.push(issue(p, \`must have \${[...new Set(missing)].map((key) => JSON.stringify(key)).join(" or ")}\`));
    return;
  }
  e.push(...first);
}`,
  },
  names: {
    requires: ["issue"],
    source: `function names(p: Path, e: Raw[], key: string, check: Check): void {
  const found: Raw[] = [];
  check(key, [], found);
  for (const raw of found) e.push(issue(p, \`has a property name \${JSON.stringify(key)}, which \${raw.text}\`));
}`,
  },
  length: {
    source: `/** The length in Unicode code points, as JSON Schema counts it (ported from Ajv's ucs2length). */
function length(str: string): number {
  const len = str.length;
  let count = 0;
  let pos = 0;
  while (pos < len) {
    count++;
    const value = str.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < len && (str.charCodeAt(pos) & 0xfc00) === 0xdc00) pos++;
  }
  return count;
}`,
  },
  equal: {
    source: `/** Deep equality of JSON values (as fast-deep-equal, which Ajv uses, judges them). */
function equal(a: any, b: any): boolean {
  if (a === b) return true;
  if (a && b && typeof a === "object" && typeof b === "object") {
    if (a.constructor !== b.constructor) return false;
    if (Array.isArray(a)) {
      if (a.length !== b.length) return false;
      for (let i = a.length; i-- !== 0; ) if (!equal(a[i], b[i])) return false;
      return true;
    }
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) if (!Object.hasOwn(b, key) || !equal(a[key], b[key])) return false;
    return true;
  }
  return a !== a && b !== b;
}`,
  },
  duplicate: {
    requires: ["equal"],
    source: `/** The indexes of the first two equal items, if any. */
function duplicate(items: readonly unknown[]): [number, number] | undefined {
  for (let j = 1; j < items.length; j++) for (let i = 0; i < j; i++) if (equal(items[i], items[j])) return [i, j];
  return undefined;
}`,
  },
};

/** Every top-level name the core, the helpers and the formats declare. */
export const HELPER_NAMES = [
  "Path",
  "Raw",
  "Check",
  "TYPE_NAMES",
  "expectation",
  "where",
  "issuesOf",
  "validator",
  ...Object.keys(HELPERS),
  ...["DATE", "DAYS", "TIME", "DATE_TIME_SEPARATOR", "NOT_URI_FRAGMENT", "URI", "BYTE", "Z_ANCHOR"],
  ...["fmtDate", "fmtTime", "fmtDateTime", "fmtUri", "fmtRegex", "fmtByte", "fmtInt32"],
];

/** The source of the core and of the helpers named (with what they require), in a fixed order. */
export function helperSource(used: ReadonlySet<string>): string {
  const needed = new Set<string>();
  const add = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const other of HELPERS[name]?.requires ?? []) add(other);
  };
  for (const name of used) add(name);
  return [
    CORE,
    ...Object.keys(HELPERS)
      .filter((name) => needed.has(name))
      .map((name) => HELPERS[name]?.source),
  ].join("\n\n");
}
