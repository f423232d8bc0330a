// A throwaway workspace for the CLI: a redocly.yaml listing the APIs and, per API, a sources/
// folder with its manifest and captures, as `pnpm sources:check --config` reads them.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli.js";
import { EXTRACTION, extractText } from "../../src/extract.js";
import { sha256 } from "../../src/manifest.js";

export interface PageSource {
  readonly api: string;
  readonly file: string;
  readonly url: string;
  /** The capture to start from: the extraction of this HTML (made as `--update` makes it), or given text. */
  readonly capturedFrom?: { readonly html: string } | { readonly text: string; readonly extraction: string };
}

export interface TempWorkspace {
  readonly dir: string;
  readonly configFile: string;
  sourcesDir(api: string): string;
  capture(api: string, file: string): string;
  manifest(api: string): { sources: Array<Record<string, string>> };
  writeManifest(api: string, manifest: unknown): void;
  remove(): void;
}

const extracted = new Map<string, string>();
/** The fixtures are extracted once per test file, not once per workspace. */
function captureOf(html: string): string {
  let text = extracted.get(html);
  if (text === undefined) {
    text = extractText(html);
    extracted.set(html, text);
  }
  return text;
}

export function createWorkspace(pages: readonly PageSource[], apis?: readonly string[]): TempWorkspace {
  const dir = mkdtempSync(join(tmpdir(), "leadkit-sources-"));
  const names = apis ?? [...new Set(pages.map((page) => page.api))];
  const apisYaml = names.map((api) => `  ${api}:\n    root: specs/${api}/openapi.yaml`).join("\n");
  writeFileSync(join(dir, "redocly.yaml"), `apis:\n${apisYaml}\n`);
  const sourcesDir = (api: string) => join(dir, "specs", api, "sources");
  for (const api of names) {
    mkdirSync(sourcesDir(api), { recursive: true });
    const sources = pages
      .filter((page) => page.api === api)
      .map((page) => {
        if (page.capturedFrom === undefined) return { file: page.file, url: page.url };
        const text = "html" in page.capturedFrom ? captureOf(page.capturedFrom.html) : page.capturedFrom.text;
        const extraction = "html" in page.capturedFrom ? EXTRACTION : page.capturedFrom.extraction;
        writeFileSync(join(sourcesDir(api), page.file), text);
        return { file: page.file, url: page.url, captured: "2026-12-01", extraction, sha256: sha256(text) };
      });
    if (sources.length > 0) {
      writeFileSync(join(sourcesDir(api), "sources.json"), `${JSON.stringify({ sources }, null, 2)}\n`);
    }
  }
  return {
    dir,
    configFile: join(dir, "redocly.yaml"),
    sourcesDir,
    capture: (api, file) => readFileSync(join(sourcesDir(api), file), "utf8"),
    manifest: (api) => JSON.parse(readFileSync(join(sourcesDir(api), "sources.json"), "utf8")),
    writeManifest: (api, manifest) =>
      writeFileSync(join(sourcesDir(api), "sources.json"), `${JSON.stringify(manifest, null, 2)}\n`),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process, as `leadkit-sources <args>`, collecting what it prints. */
export async function run(...args: string[]): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, {
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    color: false,
  });
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

/** The lines a unified diff adds and removes (without their +/- and the file headers). */
export function changedLines(diff: string): { added: string[]; removed: string[] } {
  const lines = diff.split("\n").filter((line) => !line.startsWith("+++") && !line.startsWith("---"));
  return {
    added: lines.filter((line) => line.startsWith("+")).map((line) => line.slice(1)),
    removed: lines.filter((line) => line.startsWith("-")).map((line) => line.slice(1)),
  };
}
