// Builds the whole site into one folder:
//   index.html, assets/site.css, favicon.svg          the landing page
//   <api>/index.html                                   the API reference (self-contained)
//   <api>/openapi.yaml, <api>/openapi.json             the bundled spec, copied from the types package
//   <api>/changelog.html                               the packages' changelogs (or "no release yet")
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CodegenError } from "@leadkit/codegen";
import { createCodeRenderer } from "./code.js";
import { renderChangelog, renderLanding } from "./landing.js";
import { findExternalLoads, formatExternalLoads } from "./offline.js";
import { buildReference, type ReferenceResult } from "./reference.js";
import { DOCS_DIR, loadSite, type Site, type SiteOptions } from "./site.js";

export const DEFAULT_OUT_DIR = join(DOCS_DIR, "dist");
const ASSETS_DIR = join(DOCS_DIR, "src", "assets");
/** The code blocks of the site pages, highlighted (see `createCodeRenderer`). */
export const HIGHLIGHT_MEMO = join(DOCS_DIR, ".artifacts", "highlight-memo.json");

export interface BuildOptions extends SiteOptions {
  /** Output folder; `docs/dist` by default. */
  readonly outDir?: string;
  /**
   * `use` (default): reuse each API's kept page when it is current, render (and keep) the
   * others; `ignore`: render every page, keep none.
   */
  readonly prebuilt?: "use" | "ignore";
  readonly log?: (line: string) => void;
}

export interface BuildResult {
  readonly site: Site;
  readonly references: readonly ReferenceResult[];
  readonly ms: number;
}

/** The landing page, the changelog pages and the static assets (fast: no Redocly involved). */
export async function writeSitePages(site: Site, outDir: string): Promise<void> {
  await mkdir(join(outDir, "assets"), { recursive: true });
  await copyFile(join(ASSETS_DIR, "site.css"), join(outDir, "assets", "site.css"));
  await copyFile(join(ASSETS_DIR, "favicon.svg"), join(outDir, "favicon.svg"));
  const code = await createCodeRenderer({ memoFile: HIGHLIGHT_MEMO });
  const landing = renderLanding(site, code);
  const changelogs = site.apis.map((api) => [api, renderChangelog(api, code)] as const);
  await writePage(join(outDir, "index.html"), "The landing page", await code.finish(landing));
  for (const [api, html] of changelogs) {
    await mkdir(join(outDir, api.name), { recursive: true });
    const page = await code.finish(html);
    await writePage(join(outDir, api.name, "changelog.html"), `The ${api.name} changelog`, page);
  }
  await code.save();
}

async function writePage(file: string, what: string, html: string): Promise<void> {
  const loads = findExternalLoads(html);
  if (loads.length > 0) throw new CodegenError(formatExternalLoads(what, loads));
  await writeFile(file, html);
}

/**
 * turbo orders the docs build after each API's types package only if the docs package depends on
 * it: that package's `generate` writes the generated files of all the API's packages (the docs
 * read their spec, manifests, READMEs and entry points). Say so when one is missing from
 * docs/package.json. (The client and mock the code
 * samples import are devDependencies too, for the docs tests, which run the samples.)
 */
export function missingDependencies(site: Site): string[] {
  const manifest = JSON.parse(readFileSync(join(DOCS_DIR, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const declared = { ...manifest.dependencies, ...manifest.devDependencies };
  return site.apis.map((api) => api.typesPackage.name).filter((name) => declared[name] === undefined);
}

/** `work` on every item, at most `limit` at a time, each settled like `Promise.allSettled`. */
async function settleEach<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: "fulfilled", value: await work(items[index] as T) };
      } catch (reason) {
        results[index] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Builds the site into a folder next to `outDir` and swaps it in only when every page was
 * built: a failing API leaves the previous site as it was.
 */
export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const site = loadSite(options);
  const staging = `${outDir}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const prebuilt = options.prebuilt ?? "use";
  let references: ReferenceResult[];
  try {
    // Every page settles before the first failure is reported: with Promise.all, the other pages
    // were still being written into the staging folder while it was removed (ENOTEMPTY). Pages
    // render as many at a time as there are cores (each is a Redocly process, a big spec's takes
    // a gigabyte or more), not all at once: a workspace can hold dozens of APIs.
    const settled = await settleEach(site.apis, availableParallelism(), (api) =>
      buildReference(api, staging, { prebuilt }),
    );
    const failure = settled.find((result) => result.status === "rejected");
    if (failure !== undefined) throw failure.reason;
    references = settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    await writeSitePages(site, staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true, maxRetries: 3 });
    throw error;
  }
  const previous = `${outDir}.${process.pid}.old`;
  if (existsSync(outDir)) await rename(outDir, previous);
  await rename(staging, outDir);
  await rm(previous, { recursive: true, force: true });
  for (const reference of references) {
    const how = reference.prebuilt ? "reused: nothing it is made from changed" : "rendered";
    log(`  ${reference.api}/  ${Math.round(reference.bytes / 1024)} KiB  ${reference.ms} ms  (${how})`);
  }
  if (options.root === undefined) {
    for (const name of missingDependencies(site)) {
      log(
        `  warning: ${name} is not a devDependency of @leadkit/docs, so turbo may build the docs before the API's files are generated.\n` +
          `  Fix: pnpm add --filter @leadkit/docs -D -E ${name}@workspace:*`,
      );
    }
  }
  return { site, references, ms: Math.round(performance.now() - started) };
}
