// Example values as source text, laid out the way a person writes them: short objects and arrays
// of plain values on one line, everything else one entry per line. TypeScript gets identifier
// keys bare and trailing commas; JSON stays JSON.
import { propertyKey } from "@leadkit/codegen";

const INLINE_WIDTH = 72;

interface Style {
  readonly key: (name: string) => string;
  readonly trailingComma: boolean;
}

const TS: Style = { key: propertyKey, trailingComma: true };
const JSON_STYLE: Style = { key: (name) => JSON.stringify(name), trailingComma: false };

function isPlain(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

function plain(value: unknown): string {
  return JSON.stringify(value) ?? "undefined";
}

function inline(value: unknown, style: Style): string | undefined {
  if (isPlain(value)) return plain(value);
  if (Array.isArray(value)) return value.every(isPlain) ? `[${value.map(plain).join(", ")}]` : undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  if (!entries.every(([, item]) => isPlain(item))) return undefined;
  return `{ ${entries.map(([key, item]) => `${style.key(key)}: ${plain(item)}`).join(", ")} }`;
}

function layout(value: unknown, indent: string, style: Style): string {
  const short = inline(value, style);
  if (short !== undefined && (isPlain(value) || short.length + indent.length <= INLINE_WIDTH)) return short;
  const inner = `${indent}  `;
  const lines = Array.isArray(value)
    ? value.map((item) => `${inner}${layout(item, inner, style)}`)
    : Object.entries(value as Record<string, unknown>).map(
        ([key, item]) => `${inner}${style.key(key)}: ${layout(item, inner, style)}`,
      );
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  const body = style.trailingComma ? lines.map((line) => `${line},`).join("\n") : lines.join(",\n");
  return `${open}\n${body}\n${indent}${close}`;
}

/** `value` as a TypeScript expression; lines after the first are indented by `indent`. */
export function tsLiteral(value: unknown, indent = ""): string {
  return layout(value, indent, TS);
}

/** `value` as JSON text, laid out like `tsLiteral` (parses back to the same value). */
export function jsonText(value: unknown): string {
  return layout(value, "", JSON_STYLE);
}

/** A call's argument list: on one line when it fits, else one argument per line. */
export function callArguments(args: readonly unknown[], indent: string): string {
  const short = args.map((arg) => inline(arg, TS));
  const oneLine = short.every((text) => text !== undefined) ? short.join(", ") : undefined;
  if (oneLine !== undefined && oneLine.length + indent.length <= INLINE_WIDTH) return oneLine;
  if (args.length === 1) return tsLiteral(args[0], indent);
  const inner = `${indent}  `;
  return `\n${args.map((arg) => `${inner}${tsLiteral(arg, inner)},`).join("\n")}\n${indent}`;
}
