// The corpus manifest (manifest.json, written by scripts/collect.mjs).
import { readFileSync } from "node:fs";

export interface CorpusDocument {
  /** The API name new-api gets. */
  readonly name: string;
  readonly package: string;
  readonly version: string;
  /** The document's path inside its package. */
  readonly file: string;
  readonly licence: string;
  /** Relative to tools/corpus. */
  readonly licenceFiles: readonly string[];
  /** The root file, relative to tools/corpus. */
  readonly spec: string;
  /** How many files the document spans (its root and what its relative $refs reach). */
  readonly files: number;
  readonly sha256: string;
  readonly covers: readonly string[];
  readonly expect: "added" | "refused";
  readonly why?: string;
  /** What new-api's message must say when it refuses the document. */
  readonly refusal?: string;
  /** Read from a devDependency's node_modules instead of a copy in specs/. */
  readonly devDependency?: boolean;
}

export const CORPUS_DIR = new URL("../", import.meta.url);

export function loadManifest(): CorpusDocument[] {
  const text = readFileSync(new URL("manifest.json", CORPUS_DIR), "utf8");
  return (JSON.parse(text) as { documents: CorpusDocument[] }).documents;
}
