// The check behind `pnpm sources:check`: fetch each recorded page, extract its text the way the
// capture was made, compare, and (with `update`) replace changed captures and their records.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { comparisonKey, EXTRACTION, extractText } from "./extract.js";
import { fetchPage } from "./fetch-page.js";
import {
  loadSources,
  MANUAL,
  type SourceEntry,
  type SourcesManifest,
  sha256,
  writeAtomically,
  writeManifest,
} from "./manifest.js";

export type Outcome =
  | { readonly kind: "unchanged" }
  /** The page's text differs from the capture (or there is no capture yet: `previous` is ""). */
  | { readonly kind: "changed"; readonly diff: string; readonly text: string }
  | { readonly kind: "gone"; readonly status: number }
  | { readonly kind: "unreachable"; readonly host: string; readonly reason: string };

export interface SourceResult {
  readonly api: string;
  /** The capture, relative to the workspace root. */
  readonly path: string;
  /** The record as it was before this run. */
  readonly entry: SourceEntry;
  readonly outcome: Outcome;
  /** Where the page redirected to, when not its recorded URL. */
  readonly redirectedTo?: string;
  /** Whether `update` rewrote the capture. */
  readonly updated: boolean;
}

export interface CheckOptions {
  /** redocly.yaml of the workspace (default: found from the working directory). */
  readonly configFile?: string | undefined;
  /** Only these APIs (default: every API with recorded sources). */
  readonly apis?: readonly string[];
  readonly update: boolean;
  readonly timeoutSeconds: number;
}

export interface CheckReport {
  readonly results: readonly SourceResult[];
  /** APIs with no recorded sources, so nothing was checked for them. */
  readonly withoutSources: readonly string[];
}

function readCapture(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8").replace(/\r\n?/g, "\n") : "";
}

async function checkSource(
  manifest: SourcesManifest,
  entry: SourceEntry,
  timeoutSeconds: number,
): Promise<Omit<SourceResult, "updated">> {
  const path = `${manifest.path}/${entry.file}`;
  const base = { api: manifest.api, path, entry };
  const page = await fetchPage(entry.url, timeoutSeconds);
  if (page.kind === "unreachable") return { ...base, outcome: page };
  const redirect = page.finalUrl !== entry.url ? { redirectedTo: page.finalUrl } : {};
  if (page.kind === "gone") return { ...base, ...redirect, outcome: { kind: "gone", status: page.status } };
  const text = extractText(page.html);
  if (text === "") {
    const reason =
      "the page has no text in its main content (a page that needs JavaScript, or a bot challenge)";
    return { ...base, outcome: { kind: "unreachable", host: new URL(entry.url).host, reason } };
  }
  const previous = entry.sha256 === undefined ? "" : readCapture(join(manifest.dir, entry.file));
  if (entry.sha256 !== undefined && comparisonKey(previous) === comparisonKey(text)) {
    return { ...base, ...redirect, outcome: { kind: "unchanged" } };
  }
  const diff = createTwoFilesPatch(
    `a/${path}`,
    `b/${path}`,
    previous,
    text,
    entry.captured === undefined ? "not captured yet" : `captured ${entry.captured} (${entry.extraction})`,
    entry.url,
    { context: 3, headerOptions: FILE_HEADERS_ONLY },
  );
  return { ...base, ...redirect, outcome: { kind: "changed", diff, text } };
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function checkSources(options: CheckOptions): Promise<CheckReport> {
  const workspace = loadSources({
    configFile: options.configFile,
    apis: options.apis ?? [],
    // A check compares against the captures, which must be what was recorded; an update replaces them.
    checkFiles: !options.update,
  });
  const checked = await Promise.all(
    workspace.manifests.map(async (manifest) => ({
      manifest,
      results: await Promise.all(
        manifest.sources.map((entry) => checkSource(manifest, entry, options.timeoutSeconds)),
      ),
    })),
  );
  const results: SourceResult[] = [];
  for (const { manifest, results: checkedSources } of checked) {
    let entries = [...manifest.sources];
    for (const result of checkedSources) {
      const { outcome } = result;
      if (!options.update || outcome.kind !== "changed") {
        results.push({ ...result, updated: false });
        continue;
      }
      writeAtomically(join(manifest.dir, result.entry.file), outcome.text);
      // The note described the capture being replaced.
      const { note: _replaced, ...kept } = result.entry;
      const record = { captured: todayUtc(), extraction: EXTRACTION, sha256: sha256(outcome.text) };
      entries = entries.map((entry) => (entry === result.entry ? { ...kept, ...record } : entry));
      results.push({ ...result, updated: true });
    }
    if (entries.some((entry, index) => entry !== manifest.sources[index])) {
      writeManifest({ ...manifest, sources: entries });
    }
  }
  return { results, withoutSources: workspace.withoutSources };
}

/** Whether a capture was made by hand, so its first comparison also shows the extraction's own differences. */
export function isHandCapture(entry: SourceEntry): boolean {
  return entry.extraction === MANUAL;
}
