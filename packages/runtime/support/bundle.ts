// What a browser app pays for a client: its published entry bundled with everything it imports
// (runtime, openapi-fetch, the types package's constants), minified by esbuild and gzipped.
// Bundling for the browser also proves the client pulls in no Node built-in.
// Dev-only (not published): used by the API packages' size test and benchmark.
import { dirname } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** The budget of one client, min+gzip, openapi-fetch and the runtime included. */
export const BUNDLE_BUDGET_BYTES = 5_000;

export interface BundleSize {
  readonly minified: number;
  readonly gzipped: number;
}

export async function bundleSize(entryFile: string): Promise<BundleSize> {
  const result = await build({
    stdin: {
      contents: `export * from ${JSON.stringify(entryFile)};`,
      resolveDir: dirname(entryFile),
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = (result.outputFiles[0] as { contents: Uint8Array }).contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}
