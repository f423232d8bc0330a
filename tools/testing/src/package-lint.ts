// Lints a package the way npm users receive it: pack it with pnpm (which rewrites `workspace:`
// ranges), then run publint and Are-the-Types-Wrong on the tarball.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export interface PackageLintResult {
  /** publint messages of every level (errors, warnings, suggestions), formatted. */
  readonly publint: string[];
  /** attw problems, formatted as `kind: entrypoint (resolution)`. */
  readonly attw: string[];
}

/** Resolution modes the `esm-only` profile does not support (attw's JSON reports them anyway). */
const IGNORED_RESOLUTIONS = new Set(["node10", "node16-cjs"]);

/** Subpaths exporting data files (JSON, YAML): not modules, so not attw's business. */
async function dataEntrypoints(packageDir: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as {
    exports?: unknown;
  };
  if (typeof manifest.exports !== "object" || manifest.exports === null) return [];
  return Object.entries(manifest.exports)
    .filter(
      ([subpath, target]) =>
        subpath !== "./package.json" && typeof target === "string" && !/\.[cm]?js$/.test(target),
    )
    .map(([subpath]) => subpath);
}

interface AttwReport {
  analysis: { problems?: Array<{ kind: string; entrypoint?: string; resolutionKind?: string }> };
}

export async function lintPublishedPackage(packageDir: string): Promise<PackageLintResult> {
  const out = await mkdtemp(join(tmpdir(), "leadkit-pack-"));
  try {
    await run("pnpm", ["pack", "--pack-destination", out], { cwd: packageDir });
    const tarball = (await readdir(out)).find((file) => file.endsWith(".tgz"));
    if (tarball === undefined) throw new Error(`pnpm pack produced no tarball for ${packageDir}`);

    // publint reads the tarball just packed: with `pack: "pnpm"` it would pack the package again.
    const packed = await readFile(join(out, tarball));
    const { messages, pkg } = await publint({
      pkgDir: "package", // the folder every file of an npm tarball is under
      pack: { tarball: packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.byteLength) },
      level: "suggestion",
    });
    const excluded = await dataEntrypoints(packageDir);
    const attwBin = join(dirname(require.resolve("@arethetypeswrong/cli/package.json")), "dist", "index.js");
    // attw exits 1 when it finds problems; the JSON report is on stdout either way.
    const { stdout } = await run(
      process.execPath,
      [
        attwBin,
        join(out, tarball),
        "--profile",
        "esm-only",
        "--format",
        "json",
        "--no-color",
        ...excluded.flatMap((entrypoint) => ["--exclude-entrypoints", entrypoint]),
      ],
      {},
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
    const report = JSON.parse(stdout) as AttwReport;
    return {
      publint: messages.map(
        (message) => `${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`,
      ),
      attw: (report.analysis.problems ?? [])
        .filter(
          (problem) =>
            problem.resolutionKind === undefined || !IGNORED_RESOLUTIONS.has(problem.resolutionKind),
        )
        .map((problem) => `${problem.kind}: ${problem.entrypoint ?? ""} (${problem.resolutionKind ?? ""})`),
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
