// Raising a spec's `info.version` in place: only the scalar's own characters change, so the
// file's formatting, comments and quoting stay exactly as its author wrote them (YAML or JSON).
import { readFile, rename, writeFile } from "node:fs/promises";
import { isMap, isScalar, parseDocument } from "yaml";
import { ReleaseError } from "./errors.js";

/** Rewrites `info.version` of the spec file to `version`; returns the version it replaced. */
export async function setInfoVersion(file: string, label: string, version: string): Promise<string> {
  const text = await readFile(file, "utf8");
  const document = parseDocument(text, { keepSourceTokens: true });
  const info = document.get("info", true);
  const node = isMap(info) ? info.get("version", true) : undefined;
  if (!isScalar(node) || node.range === undefined || node.range === null || typeof node.value !== "string") {
    throw new ReleaseError(
      `${label} has no info.version string of its own (is \`info\` a $ref?), so spec:diff cannot raise it to ${version}.`,
      `Fix: set info.version to ${version} by hand, then run \`pnpm spec:diff --write\` again.`,
    );
  }
  const [start, end] = node.range;
  const source = text.slice(start, end);
  const quote = source.startsWith('"') ? '"' : source.startsWith("'") ? "'" : "";
  const updated = `${text.slice(0, start)}${quote}${version}${quote}${text.slice(end)}`;
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, updated);
  await rename(temporary, file);
  return node.value;
}
