// The templates' tiny language, and the two things done with a template: render it for a new
// API, and match it against an existing API's hand-maintained file (the drift test).
//
//   {{name}}             a value: derived from the API's name and spec, or given (its title)
//   {{#slot}}…{{/slot}}  prose or code that differs per API (the vendor's example, its auth):
//                        rendered with its default text for a new API; when matching, anything
//
// Matching renders the values that are derived from an API exactly, captures the given ones
// (`title`, `displayName`) at their first use and requires the same text at every other use.
import { CodegenError } from "@leadkit/codegen";

export type Part =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "value"; readonly name: string }
  | { readonly kind: "slot"; readonly name: string; readonly parts: readonly Part[] };

const TOKEN = /\{\{([#/]?)([A-Za-z][\w]*)\}\}/g;

/** Parses a template into parts; `file` names it in errors. */
export function parseTemplate(source: string, file = "template"): Part[] {
  const root: Part[] = [];
  const stack: Array<{ name: string; parts: Part[] }> = [];
  let current = root;
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    const [token, sigil, name] = match as unknown as [string, string, string];
    const index = match.index ?? 0;
    if (index > last) current.push({ kind: "text", text: source.slice(last, index) });
    last = index + token.length;
    if (sigil === "#") {
      const slot = { name, parts: [] as Part[] };
      current.push({ kind: "slot", name, parts: slot.parts });
      stack.push(slot);
      current = slot.parts;
    } else if (sigil === "/") {
      const open = stack.pop();
      if (open?.name !== name)
        throw new Error(`${file}: {{/${name}}} closes ${open ? `{{#${open.name}}}` : "nothing"}`);
      current = stack.at(-1)?.parts ?? root;
    } else {
      current.push({ kind: "value", name });
    }
  }
  if (stack.length > 0) throw new Error(`${file}: {{#${stack.at(-1)?.name}}} is never closed`);
  if (last < source.length) current.push({ kind: "text", text: source.slice(last) });
  return root;
}

/** Renders a template: values substituted, slots with their default text. */
export function renderTemplate(
  parts: readonly Part[],
  values: Readonly<Record<string, string>>,
  file = "template",
): string {
  return parts
    .map((part) => {
      if (part.kind === "text") return part.text;
      if (part.kind === "slot") return renderTemplate(part.parts, values, file);
      const value = values[part.name];
      if (value === undefined) throw new Error(`${file}: no value for {{${part.name}}}`);
      return value;
    })
    .join("");
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function matcherSource(
  parts: readonly Part[],
  known: Readonly<Record<string, string>>,
  given: ReadonlySet<string>,
  seen: Set<string>,
  file: string,
): string {
  return parts
    .map((part) => {
      if (part.kind === "text") return escapeRegex(part.text);
      if (part.kind === "slot") return "[\\s\\S]*?";
      const value = known[part.name];
      if (value !== undefined) return escapeRegex(value);
      if (!given.has(part.name)) throw new Error(`${file}: {{${part.name}}} is neither derived nor given`);
      if (seen.has(part.name)) return `\\k<${part.name}>`;
      seen.add(part.name);
      return `(?<${part.name}>[^\\n]+?)`;
    })
    .join("");
}

export interface MatchResult {
  readonly ok: boolean;
  /** The given values as the file spells them (e.g. its title). */
  readonly captured: Readonly<Record<string, string>>;
  /** When it does not match: where the file stops following the template. */
  readonly mismatch?: string;
}

/**
 * Whether `actual` is what the template says for an API, slots aside. On a mismatch, says
 * which line of the file first departs from the template and what the template expected there.
 */
export function matchTemplate(
  parts: readonly Part[],
  actual: string,
  known: Readonly<Record<string, string>>,
  given: ReadonlySet<string>,
  file = "template",
): MatchResult {
  const full = new RegExp(`^${matcherSource(parts, known, given, new Set(), file)}$`);
  const match = full.exec(actual);
  if (match !== null) return { ok: true, captured: { ...match.groups } };
  // The longest prefix of the template the file follows, to point at the first difference.
  let matched = 0;
  let end = 0;
  for (let count = 1; count <= parts.length; count++) {
    const prefix = new RegExp(`^${matcherSource(parts.slice(0, count), known, given, new Set(), file)}`);
    const partial = prefix.exec(actual);
    if (partial === null) break;
    matched = count;
    end = partial[0].length;
  }
  const line = actual.slice(0, end).split("\n").length;
  const next = parts[matched];
  const expected =
    next === undefined
      ? "the end of the file"
      : next.kind === "text"
        ? JSON.stringify(next.text.slice(0, 160))
        : next.kind === "value"
          ? `{{${next.name}}} = ${JSON.stringify(known[next.name] ?? "(given)")}`
          : `{{#${next.name}}}`;
  const got = JSON.stringify(actual.slice(end, end + 160));
  return {
    ok: false,
    captured: {},
    mismatch: `line ${line}: the template expects ${expected}, the file has ${got}`,
  };
}

/** Fails with a readable message when a rendered file is not valid JSON. */
export function parseRenderedJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CodegenError(`The template ${file} rendered invalid JSON: ${(error as Error).message}`);
  }
}
