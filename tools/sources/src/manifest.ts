// specs/<api>/sources/sources.json: where each captured page came from and how it was captured.
// Reading validates everything a check relies on and reports every problem at once; writing is
// atomic, so an interrupted update never leaves half a manifest behind.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
// The workspace reader alone: the package root also loads openapi-typescript and TypeScript (~1 s).
import { type ApiEntry, loadWorkspace, selectApis } from "@leadkit/codegen/workspace";
import { SourcesError } from "./errors.js";
import { EXTRACTION } from "./extract.js";

export const MANIFEST_FILE = "sources.json";

/** `manual`: captured by hand before this tool existed, with no recorded extraction. */
export const MANUAL = "manual";

export interface SourceEntry {
  /** The capture, a file name inside the sources folder. */
  readonly file: string;
  /** The vendor page, http(s). */
  readonly url: string;
  /** YYYY-MM-DD (UTC) the capture was made; absent (with the next two) until the page is captured. */
  readonly captured?: string;
  /** How the text was made from the page: `leadkit-text/1` or `manual`. */
  readonly extraction?: string;
  /** SHA-256 of the capture file: captures are evidence, edited only by re-capturing. */
  readonly sha256?: string;
  /** Anything a reader should know about this capture; dropped when `--update` replaces it. */
  readonly note?: string;
}

export interface SourcesManifest {
  readonly api: string;
  /** Absolute path of the sources folder. */
  readonly dir: string;
  /** The sources folder relative to the workspace root, `/`-separated (for messages and diffs). */
  readonly path: string;
  readonly comment?: string;
  readonly sources: readonly SourceEntry[];
}

export interface SourcesWorkspace {
  readonly root: string;
  readonly manifests: readonly SourcesManifest[];
  /** APIs of redocly.yaml that record no sources (an API added from a published spec has none). */
  readonly withoutSources: readonly string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$/;
const KEYS = new Set(["file", "url", "captured", "extraction", "sha256", "note"]);
const RECORD_KEYS = ["captured", "extraction", "sha256"] as const;

export const EXAMPLE = [
  "Example:",
  "  {",
  '    "sources": [',
  "      {",
  '        "file": "create-lead.txt",',
  '        "url": "https://vendor.example/docs/create-lead",',
  '        "captured": "2026-12-04",',
  `        "extraction": "${EXTRACTION}",`,
  '        "sha256": "<sha-256 of the file, written by --update>"',
  "      }",
  "    ]",
  "  }",
].join("\n");

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

/** The problem with a page URL, or undefined when it is a usable http(s) URL. */
export function urlProblem(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return "is missing (the page's http or https address)";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `\`${value}\` is not an absolute URL (write it as https://host/path)`;
  }
  if (url.username !== "" || url.password !== "") {
    return "must not carry credentials: the manifest is committed";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return `\`${value}\` is not an http or https URL`;
  }
  return undefined;
}

function isValidDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * Reads and validates one manifest. With `checkFiles`, every capture must exist and match its
 * recorded sha256 (a check compares against the captures; an update is allowed to replace them).
 */
export function readManifest(
  api: string,
  dir: string,
  root: string,
  options: { checkFiles: boolean },
): SourcesManifest {
  const file = join(dir, MANIFEST_FILE);
  const path = toPosix(relative(root, dir)) || ".";
  const shown = `${path}/${MANIFEST_FILE}`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "does not exist"
        : `is not valid JSON (${(error as Error).message})`;
    throw new SourcesError(`${shown} ${reason}.`, EXAMPLE);
  }
  const problems: string[] = [];
  const list = (raw as { sources?: unknown } | null)?.sources;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw) || !Array.isArray(list)) {
    throw new SourcesError(`${shown} must be an object with a \`sources\` array.`, EXAMPLE);
  }
  const comment = (raw as { $comment?: unknown }).$comment;
  const extraKeys = Object.keys(raw).filter((key) => key !== "sources" && key !== "$comment");
  if (extraKeys.length > 0) problems.push(`unknown key(s) ${extraKeys.map((k) => `\`${k}\``).join(", ")}`);
  const seen = new Set<string>();
  const sources: SourceEntry[] = [];
  list.forEach((item: unknown, index) => {
    const where = `sources[${index}]`;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      problems.push(`${where} must be an object`);
      return;
    }
    const entry = item as Record<string, unknown>;
    const unknown = Object.keys(entry).filter((key) => !KEYS.has(key));
    if (unknown.length > 0)
      problems.push(`${where} has unknown key(s) ${unknown.map((k) => `\`${k}\``).join(", ")}`);
    const name = entry.file;
    if (typeof name !== "string" || !FILE.test(name)) {
      problems.push(`${where}.file must be a .txt file name inside ${path}/ (got ${JSON.stringify(name)})`);
    } else if (seen.has(name)) {
      problems.push(`${where}.file \`${name}\` is listed twice`);
    } else {
      seen.add(name);
    }
    const urlIssue = urlProblem(entry.url);
    if (urlIssue !== undefined) problems.push(`${where}.url ${urlIssue}`);
    if (entry.note !== undefined && typeof entry.note !== "string")
      problems.push(`${where}.note must be a string`);
    const recorded = RECORD_KEYS.filter((key) => entry[key] !== undefined);
    if (recorded.length > 0 && recorded.length < RECORD_KEYS.length) {
      const missing = RECORD_KEYS.filter((key) => entry[key] === undefined);
      problems.push(
        `${where} records a capture without ${missing.map((k) => `\`${k}\``).join(", ")}: ` +
          "give all of captured, extraction and sha256, or none for a page not captured yet",
      );
    }
    if (
      entry.captured !== undefined &&
      (typeof entry.captured !== "string" || !isValidDate(entry.captured))
    ) {
      problems.push(
        `${where}.captured must be a date written YYYY-MM-DD (got ${JSON.stringify(entry.captured)})`,
      );
    }
    if (entry.extraction !== undefined && entry.extraction !== EXTRACTION && entry.extraction !== MANUAL) {
      problems.push(
        `${where}.extraction must be \`${EXTRACTION}\` or \`${MANUAL}\` (got ${JSON.stringify(entry.extraction)})`,
      );
    }
    if (entry.sha256 !== undefined && (typeof entry.sha256 !== "string" || !SHA256.test(entry.sha256))) {
      problems.push(`${where}.sha256 must be 64 lower-case hex digits (got ${JSON.stringify(entry.sha256)})`);
    }
    if (options.checkFiles && typeof name === "string" && FILE.test(name)) {
      const capture = join(dir, name);
      const exists = existsSync(capture);
      if (typeof entry.sha256 !== "string") {
        if (exists) {
          problems.push(
            `${path}/${name} exists but ${where} records no capture of it: re-capture it with \`pnpm sources:check --update\``,
          );
        }
      } else if (!exists) {
        problems.push(
          `${path}/${name} is missing: restore it (\`git checkout -- ${path}/${name}\`) or re-capture it with \`pnpm sources:check --update\``,
        );
      } else if (sha256(readFileSync(capture, "utf8")) !== entry.sha256) {
        problems.push(
          `${path}/${name} was edited after it was captured (its sha256 differs from ${where}.sha256). ` +
            `Captures are evidence: restore it (\`git checkout -- ${path}/${name}\`) or re-capture it with \`pnpm sources:check --update\``,
        );
      }
    }
    sources.push(entry as unknown as SourceEntry);
  });
  if (problems.length > 0) {
    throw new SourcesError(
      `${shown} is not valid:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`,
      "The format is described in tools/sources/README.md.",
    );
  }
  return { api, dir, path, sources, ...(typeof comment === "string" ? { comment } : {}) };
}

/** Writes a manifest atomically (temporary file, then rename), formatted as Biome formats it. */
export function writeManifest(manifest: SourcesManifest): void {
  const body = {
    ...(manifest.comment === undefined ? {} : { $comment: manifest.comment }),
    sources: manifest.sources.map((entry) => ({
      file: entry.file,
      url: entry.url,
      ...(entry.sha256 === undefined
        ? {}
        : { captured: entry.captured, extraction: entry.extraction, sha256: entry.sha256 }),
      ...(entry.note === undefined ? {} : { note: entry.note }),
    })),
  };
  writeAtomically(join(manifest.dir, MANIFEST_FILE), `${JSON.stringify(body, null, 2)}\n`);
}

export function writeAtomically(file: string, text: string): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/** A folder holds captures when it has anything but its README (and the manifest). */
function holdsCaptures(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some(
    (name) => name !== "README.md" && name !== MANIFEST_FILE && !name.startsWith("."),
  );
}

/**
 * The sources manifests of the workspace's APIs (redocly.yaml `apis:`, each API's sources/
 * folder beside its spec), or of the APIs named in `apis`.
 */
export function loadSources(options: {
  configFile?: string | undefined;
  apis?: readonly string[];
  checkFiles: boolean;
}): SourcesWorkspace {
  let entries: ApiEntry[];
  let root: string;
  try {
    const workspace = loadWorkspace(options.configFile);
    root = workspace.root;
    entries = selectApis(workspace, options.apis ?? []);
  } catch (error) {
    // A CodegenError (its class lives in the package root, which this module does not load).
    if (error instanceof Error && error.name === "CodegenError") {
      throw new SourcesError(error.message, (error as Error & { hint?: string }).hint);
    }
    throw error;
  }
  const manifests: SourcesManifest[] = [];
  const withoutSources: string[] = [];
  for (const api of entries) {
    const dir = join(dirname(api.specFile), "sources");
    const path = toPosix(relative(root, dir));
    if (existsSync(join(dir, MANIFEST_FILE))) {
      manifests.push(readManifest(api.name, dir, root, options));
    } else if (holdsCaptures(dir)) {
      throw new SourcesError(
        `${path}/ holds captured pages but no ${MANIFEST_FILE} saying where they came from.`,
        `Add ${path}/${MANIFEST_FILE} listing each capture (then \`pnpm sources:check --update\` fills in the rest).\n${EXAMPLE}`,
      );
    } else if ((options.apis ?? []).includes(api.name)) {
      throw new SourcesError(
        `API \`${api.name}\` records no sources: ${path}/${MANIFEST_FILE} does not exist.`,
        `To watch a vendor page for it, add that file.\n${EXAMPLE}`,
      );
    } else {
      withoutSources.push(api.name);
    }
  }
  return { root, manifests, withoutSources };
}
