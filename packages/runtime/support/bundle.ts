// What a browser app pays for a client: its published entry bundled with everything it imports
// (runtime, openapi-fetch, the types package's constants), minified by esbuild and gzipped.
// Bundled with code splitting, as apps are: what the entry loads up front is the client's cost;
// what it loads only through `import()` (validation, when `validate` is set) is counted apart.
// Bundling for the browser also proves the client pulls in no Node built-in.
// Dev-only (not published): used by the API packages' size test and benchmark.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

/**
 * The budget of one client's up-front bundle, min+gzip, openapi-fetch and the runtime included.
 * The `validate` option's hook, lazy loader and `RequestValidationError` cost every client about
 * 90 B (the checks themselves load lazily); the client won them back by sending `User-Agent`
 * alone (no browser sniffing for an `X-Client` stand-in) and a generated product token.
 */
export const BUNDLE_BUDGET_BYTES = 5_000;

export interface Size {
  readonly minified: number;
  /** Each chunk gzipped on its own (as a browser fetches them), summed. */
  readonly gzipped: number;
}

export interface BundleSize extends Size {
  /** The chunks loaded only through `import()`: what `validate` adds on its first use. */
  readonly lazy: Size;
}

/** The chunks `entry` imports statically, itself included (a shared chunk counts once). */
function staticClosure(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? [])
      if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
  };
  visit(entry);
  return seen;
}

export async function bundleSize(entryFile: string): Promise<BundleSize> {
  const dir = await mkdtemp(join(tmpdir(), "leadkit-bundle-"));
  try {
    // Everything the package exports is kept: the size of the whole public API, not of one call.
    const entry = join(dir, "entry.js");
    await writeFile(entry, `export * from ${JSON.stringify(entryFile)};\n`);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outdir: join(dir, "out"),
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const metafile = result.metafile as Metafile;
    const outputs = new Map(
      result.outputFiles.map((file) => [relative(process.cwd(), file.path), file.contents]),
    );
    const entryOutput = Object.keys(metafile.outputs).find(
      (file) => metafile.outputs[file]?.entryPoint !== undefined,
    );
    if (entryOutput === undefined) throw new Error("esbuild wrote no entry chunk");
    const base = staticClosure(metafile, entryOutput);
    const size = (files: string[]): Size => {
      const contents = files
        .filter((file) => file.endsWith(".js"))
        .map((file) => outputs.get(file) as Uint8Array);
      return {
        minified: contents.reduce((sum, code) => sum + code.length, 0),
        gzipped: contents.reduce((sum, code) => sum + gzipSync(code, { level: 9 }).length, 0),
      };
    };
    const all = Object.keys(metafile.outputs);
    return { ...size([...base]), lazy: size(all.filter((file) => !base.has(file))) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
