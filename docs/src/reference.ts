// One API reference: `redocly build-docs --inlineBundle` on the presented copy of the bundled
// spec, with our page template, then made offline (see offline.ts) and checked. The bundled
// spec files are copied next to the page for download.
//
// Rendering a page is most of what the site build costs (`redocly build-docs`: a second or more
// per API), so each page is kept, with a key of everything it is made from, in its API's types
// package (`.artifacts/reference/`, git-ignored): the site build reuses a page whose key still
// matches and renders (and keeps) the others. So a spec edit re-renders that API's page only.
// `leadkit-docs reference` renders and keeps pages without building the site.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import {
  type ApiEntry,
  CodegenError,
  inStep,
  type OpenApiDocument,
  REDOCLY_CLI,
  redoclyDiagnostics,
  runRedocly,
  type StepContext,
  specLocator,
  stringPointer,
} from "@leadkit/codegen";
import { escapeHtml } from "./html.js";
import { findExternalLoads, formatExternalLoads, makeOffline } from "./offline.js";
import { presentSpec } from "./present.js";
import { sampleContext, sampleLanguages, withCodeSamples } from "./samples/index.js";
import { type ApiDoc, DOCS_DIR } from "./site.js";

/** Redoc options (https://redocly.com/docs/redoc/config): what a reader of the page sees. */
export function redocOptions(api: ApiDoc): Record<string, unknown> {
  return {
    // The language menu of the code samples: leadkit's own (see samples/), nothing else.
    codeSamples: { languages: sampleLanguages(sampleContext(api)) },
    // `x-source` (vendor-docs / public-source / inferred) shows as a "source: …" badge, and the
    // operationId (the client's method name, copied by present.ts) as "operation-id: …".
    showExtensions: ["x-source", "x-operation-id"],
    // Redoc's download buttons fetch the copies served next to the page.
    downloadUrls: [
      { title: "openapi.yaml", url: "openapi.yaml" },
      { title: "openapi.json", url: "openapi.json" },
    ],
    // `sanitize: true` fails while prerendering ("linkedom is not available in browser bundles").
    hideLoading: true,
    // Anchors scroll below the sticky bar of the template.
    scrollYOffset: 40,
  };
}

/** The page around Redoc: a bar linking back to the site and to the raw spec downloads. */
export function referenceTemplate(api: ApiDoc): string {
  // Handlebars would read `{{` in a title as an expression; HTML-escape it away.
  const text = (value: string) => escapeHtml(value).replace(/[{}]/g, (brace) => `&#${brace.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{{title}}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="${text(api.summary)}">
  <link rel="icon" href="../favicon.svg" type="image/svg+xml">
  <style>
    body { margin: 0; padding: 0; }
    /* A bar of fixed height, kept on top; Redoc's sidebar (.menu-content) starts below it. */
    .lk-bar { position: sticky; top: 0; z-index: 20; box-sizing: border-box; height: 40px; overflow: hidden;
      display: flex; gap: 1rem; align-items: center; padding: 0 1rem; white-space: nowrap;
      font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #14213d; color: #fff; }
    .lk-bar a { color: #fff; }
    .lk-bar a:focus-visible { outline: 2px solid #fca311; outline-offset: 2px; }
    .lk-bar .lk-version { color: #d7dce6; }
    .lk-bar nav { margin-left: auto; display: flex; gap: 1rem; }
    #redoc .menu-content { top: 40px !important; height: calc(100vh - 40px) !important; }
  </style>
  {{{redocHead}}}
</head>
<body>
  <header class="lk-bar">
    <a href="../">leadkit API docs</a>
    <span><strong>${text(api.title)}</strong> <span class="lk-version">v${text(api.version)}</span></span>
    <nav aria-label="Spec downloads">
      <a href="openapi.yaml" download>openapi.yaml</a>
      <a href="openapi.json" download>openapi.json</a>
    </nav>
  </header>
  {{{redocHTML}}}
</body>
</html>
`;
}

/** The workspace root an API's spec path is relative to. */
const workspaceRoot = (entry: ApiEntry) =>
  resolve(entry.specFile, ...entry.specPath.split("/").map(() => ".."));

/** The reference page's step of an API's pipeline, for its errors (API, step, spec file and line). */
function docsStep(api: ApiDoc): StepContext {
  return {
    api: api.name,
    step: "docs",
    file: api.entry.specPath,
    locate: specLocator(workspaceRoot(api.entry), api.entry, api.document),
    tool: "redocly build-docs",
  };
}

/** Checks a finished reference page: telemetry off in the page, nothing loaded from elsewhere. */
export function checkReferencePage(name: string, html: string, document?: ApiDoc["document"]): void {
  if (!html.includes('"disableTelemetry":true')) {
    throw new CodegenError(
      `The ${name} reference was rendered with Redoc telemetry on; the page would call home.`,
      "build-docs must run with REDOCLY_TELEMETRY=off (runRedocly in @leadkit/codegen sets it).",
    );
  }
  const loads = findExternalLoads(html);
  if (loads.length === 0) return;
  // A URL the spec itself holds (an image in a description) is the spec's to fix; anything
  // else came from Redoc or the template.
  const fromSpec = document === undefined ? [] : loads.filter((load) => stringPointer(document, load.url));
  if (fromSpec.length > 0) {
    throw new CodegenError(
      [
        `The ${name} reference would load ${fromSpec.length} resource(s) from another host, named in the spec:`,
        ...fromSpec.map((load) => `  ${load.kind}  ${load.url}`),
      ].join("\n"),
      "The reference pages are self-contained and load nothing from elsewhere: remove the image (or make it a link, `[diagram](https://…)`) in the spec, then run `pnpm run main`.",
    );
  }
  throw new CodegenError(formatExternalLoads(`The ${name} reference`, loads));
}

export interface ReferenceResult {
  readonly api: string;
  readonly ms: number;
  readonly bytes: number;
  /** Reused (its key matched) rather than rendered by this build. */
  readonly prebuilt: boolean;
}

/** The spec Redoc renders: the presented copy of the bundled spec, with the code samples. */
export function renderedSpec(api: ApiDoc): OpenApiDocument {
  return withCodeSamples(presentSpec(api.document), sampleContext(api));
}

/**
 * Renders the reference page of one API (offline, checked); writes nothing. Whatever fails comes
 * out as one `PipelineError` naming the API, the step and, where known, the spec's line.
 */
async function renderReference(api: ApiDoc): Promise<string> {
  return inStep(docsStep(api), () => renderReferenceUnchecked(api));
}

async function renderReferenceUnchecked(api: ApiDoc): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), `leadkit-docs-${api.name}-`));
  try {
    await writeFile(join(work, "openapi.json"), JSON.stringify(renderedSpec(api)));
    await writeFile(join(work, "template.hbs"), referenceTemplate(api));
    await writeFile(join(work, "options.json"), JSON.stringify(redocOptions(api)));
    const result = await runRedocly(
      [
        "build-docs",
        "openapi.json",
        "--inlineBundle",
        "--template",
        "template.hbs",
        "--openapi",
        "options.json",
        "--title",
        `${api.title} reference · leadkit`,
        "--lint-config",
        "off",
        "--output",
        "index.html",
      ],
      work,
    );
    if (result.code !== 0) {
      throw new Error(redoclyDiagnostics(result.output) || `exit code ${result.code}`);
    }
    const html = makeOffline(await readFile(join(work, "index.html"), "utf8"));
    checkReferencePage(api.name, html, api.document);
    return html;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Where `leadkit-docs reference` puts an API's page: its types package's `.artifacts/` (git-ignored). */
export function prebuiltDir(api: ApiDoc): string {
  return join(api.entry.typesDir, ".artifacts", "reference");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Everything a reference page is made from: the docs sources, Redocly's version, the page
 * template, the Redoc options and the rendered spec (code samples included, so a new client,
 * mock or MCP package changes it). Equal keys render equal pages.
 */
export function referenceKey(api: ApiDoc): string {
  const hash = createHash("sha256");
  for (const file of sourceFiles(join(DOCS_DIR, "src")))
    hash.update(file.slice(DOCS_DIR.length)).update(readFileSync(file));
  hash.update(readFileSync(join(dirname(REDOCLY_CLI), "..", "package.json")));
  hash
    .update(api.title)
    .update(referenceTemplate(api))
    .update(JSON.stringify(redocOptions(api)));
  hash.update(JSON.stringify(renderedSpec(api)));
  return hash.digest("hex");
}

interface PrebuiltManifest {
  readonly api: string;
  readonly key: string;
  readonly ms: number;
}

/** Keeps a rendered page with the key it was made under, swapped in whole. */
async function keepPage(api: ApiDoc, html: string, ms: number, key: string): Promise<void> {
  const dir = prebuiltDir(api);
  const staging = `${dir}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const manifest: PrebuiltManifest = { api: api.name, key, ms };
  await writeFile(join(staging, "index.html"), html);
  await writeFile(join(staging, "reference.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(staging, dir);
}

/** `leadkit-docs reference`: renders one API's page and keeps it in its types package's `.artifacts/reference/`. */
export async function buildPrebuiltReference(api: ApiDoc): Promise<ReferenceResult> {
  const started = performance.now();
  const key = referenceKey(api);
  const html = await renderReference(api);
  const ms = Math.round(performance.now() - started);
  await keepPage(api, html, ms, key);
  return { api: api.name, ms, bytes: Buffer.byteLength(html), prebuilt: false };
}

/**
 * The prebuilt page of an API when its key matches what the page would be made from now (`key`:
 * `referenceKey(api)`, which a caller that also keeps the page computes once for both).
 */
export function readPrebuilt(api: ApiDoc, key: string = referenceKey(api)): string | undefined {
  const dir = prebuiltDir(api);
  const manifestFile = join(dir, "reference.json");
  if (!existsSync(manifestFile) || !existsSync(join(dir, "index.html"))) return undefined;
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as PrebuiltManifest;
  return manifest.key === key ? readFileSync(join(dir, "index.html"), "utf8") : undefined;
}

/**
 * Writes `<outDir>/<api>/index.html` plus the spec downloads; writes nothing on failure. With
 * `prebuilt: "use"`, reuses the kept page when it is current, else renders the page and keeps it.
 */
export async function buildReference(
  api: ApiDoc,
  outDir: string,
  options: { readonly prebuilt?: "use" | "ignore" } = {},
): Promise<ReferenceResult> {
  const started = performance.now();
  // Hashing the docs sources and the rendered spec once serves both the lookup and the keeping.
  const key = options.prebuilt === "use" ? referenceKey(api) : undefined;
  const prebuilt = key === undefined ? undefined : readPrebuilt(api, key);
  const html = prebuilt ?? (await renderReference(api));
  if (prebuilt !== undefined)
    await inStep(docsStep(api), () => checkReferencePage(api.name, html, api.document));
  else if (key !== undefined) await keepPage(api, html, Math.round(performance.now() - started), key);
  const target = join(outDir, api.name);
  await mkdir(target, { recursive: true });
  await writeFile(join(target, "index.html"), html);
  await copyFile(api.specJson, join(target, "openapi.json"));
  await copyFile(api.specYaml, join(target, "openapi.yaml"));
  return {
    api: api.name,
    ms: Math.round(performance.now() - started),
    bytes: Buffer.byteLength(html),
    prebuilt: prebuilt !== undefined,
  };
}
