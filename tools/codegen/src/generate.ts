// lint + bundle (one read of the spec) -> render every target -> write (or compare, with --check),
// one API at a time. Everything is rendered in memory before the first byte is written, and the
// files are swapped in by rename only once all of them are on disk, so a failure of any step
// (a `PipelineError` naming the API, the step and the spec's line) leaves the previous generated
// output untouched.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { REGENERATE_COMMAND } from "./banner.js";
import { CodegenError, inStep, SpecPointerError } from "./errors.js";
import { specLocator } from "./locate.js";
import { specVersion as readSpecVersion } from "./openapi.js";
import { checkApi, type LintProblem } from "./redocly.js";
import { targets as allTargets, type GeneratedFile, type Target } from "./targets/index.js";
import { type ApiEntry, toPosix, type Workspace } from "./workspace.js";

export type ApiStatus = "changed" | "unchanged" | "stale" | "lint-failed";

export interface FileChange {
  /** Workspace-relative path. */
  readonly path: string;
  readonly kind: "added" | "modified" | "deleted";
}

export interface ApiResult {
  readonly api: string;
  readonly status: ApiStatus;
  readonly specVersion?: string;
  readonly changes: readonly FileChange[];
  readonly problems: readonly LintProblem[];
  readonly ms: number;
}

export interface GenerateOptions {
  /** Compare instead of write: stale output is reported, nothing is touched. */
  readonly check?: boolean;
  /**
   * Also keep a copy of what each target rendered in its package's mirror (see `restorePackage`):
   * the turbo `codegen` task does, and declares the mirror as its output.
   */
  readonly mirror?: boolean;
  readonly targets?: readonly Target[];
}

/**
 * The mirror of a package's generated output: every file its target rendered on the last
 * `codegen` run, under its workspace-relative path, plus `manifest.json`. It is git-ignored and
 * is the `codegen` task's turbo output, so after that task (a run or a cache hit) it always holds
 * what the current spec generates; the package's `generate` task then copies it into the tree.
 */
export function mirrorDir(packageDir: string): string {
  return join(packageDir, ".artifacts", "generated");
}

const MANIFEST = "manifest.json";

interface MirrorManifest {
  readonly api: string;
  readonly specVersion: string;
  /** Workspace-relative folders the targets own entirely. */
  readonly ownedDirs: readonly string[];
  /** Workspace-relative paths of every rendered file. */
  readonly files: readonly string[];
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The difference between what the targets render and what is on disk. */
async function diffOutput(
  workspace: Workspace,
  files: readonly GeneratedFile[],
  ownedDirs: readonly string[],
): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  const rendered = new Set(files.map((file) => file.file));
  for (const file of files) {
    const current = await readIfExists(file.file);
    if (current !== file.contents) {
      changes.push({
        path: toPosix(relative(workspace.root, file.file)),
        kind: current === undefined ? "added" : "modified",
      });
    }
  }
  for (const dir of ownedDirs) {
    for (const file of await listFiles(dir)) {
      if (!rendered.has(file))
        changes.push({ path: toPosix(relative(workspace.root, file)), kind: "deleted" });
    }
  }
  return changes;
}

/** Replaces a package's mirror with `files` in one rename, so a reader never sees half of it. */
async function writeMirror(
  workspace: Workspace,
  api: ApiEntry,
  packageDir: string,
  specVersion: string,
  files: readonly GeneratedFile[],
  ownedDirs: readonly string[],
): Promise<void> {
  const dir = mirrorDir(packageDir);
  const staging = `${dir}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  const paths: string[] = [];
  for (const file of files) {
    const path = toPosix(relative(workspace.root, file.file));
    paths.push(path);
    await mkdir(dirname(join(staging, path)), { recursive: true });
    await writeFile(join(staging, path), file.contents);
  }
  const manifest: MirrorManifest = {
    api: api.name,
    specVersion,
    ownedDirs: ownedDirs.map((owned) => toPosix(relative(workspace.root, owned))),
    files: paths,
  };
  await writeFile(join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(staging, dir);
}

async function applyChanges(
  workspace: Workspace,
  files: readonly GeneratedFile[],
  changes: readonly FileChange[],
) {
  const byPath = new Map(files.map((file) => [toPosix(relative(workspace.root, file.file)), file]));
  // Every new file is written next to its target first; only then are they renamed into place,
  // so a failed write (a full disk) leaves the old output as it was.
  const staged: Array<[temporary: string, target: string]> = [];
  try {
    for (const change of changes) {
      const file = change.kind === "deleted" ? undefined : byPath.get(change.path);
      if (file === undefined) continue;
      const absolute = join(workspace.root, change.path);
      await mkdir(dirname(absolute), { recursive: true });
      const temporary = `${absolute}.${process.pid}.tmp`;
      staged.push([temporary, absolute]);
      await writeFile(temporary, file.contents);
    }
  } catch (error) {
    await Promise.all(staged.map(([temporary]) => rm(temporary, { force: true })));
    throw error;
  }
  for (const [temporary, absolute] of staged) await rename(temporary, absolute);
  for (const change of changes) {
    if (change.kind === "deleted") await rm(join(workspace.root, change.path), { force: true });
  }
}

export async function generateApi(
  workspace: Workspace,
  api: ApiEntry,
  options: GenerateOptions = {},
): Promise<ApiResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (!existsSync(api.specFile)) {
    throw new CodegenError(
      `The spec of API \`${api.name}\` does not exist: ${api.specPath}.`,
      `Create it, or fix \`apis.${api.name}.root\` in redocly.yaml.`,
    );
  }
  // The unit is the package: a selected target brings every target of its package along, since
  // they share its generated folders (the types package holds the types and the validators), and
  // one rendered alone would see the others' files as orphans.
  const selected = options.targets ?? allTargets;
  const packages = new Set(selected.map((target) => target.packageDir(api)));
  const targets = [
    ...allTargets.filter((target) => packages.has(target.packageDir(api))),
    ...selected.filter((target) => !allTargets.includes(target)),
  ].filter((target) => hasPackage(target.packageDir(api)));
  if (targets.length === 0) {
    throw new CodegenError(
      `API \`${api.name}\` has no package to generate into (expected ${toPosix(relative(workspace.root, api.typesDir))}/package.json).`,
      `Scaffold its packages with \`pnpm new-api ${api.name}\`.`,
    );
  }
  const checked = await checkApi(workspace, api, { bundle: true });
  const problems = checked.problems;
  if (problems.length > 0 || checked.document === undefined) {
    return { api: api.name, status: "lint-failed", changes: [], problems, ms: elapsed() };
  }
  const document = checked.document;
  const step = (name: string, tool?: string) => ({
    api: api.name,
    step: name,
    file: api.specPath,
    locate: specLocator(workspace.root, api, document),
    ...(tool === undefined ? {} : { tool }),
  });
  const specVersion = await inStep(step("bundle"), () => {
    const info = document.info as { version?: unknown } | undefined;
    if (typeof info?.version !== "string" || info.version === "") {
      throw new SpecPointerError(
        "The spec has no `info.version`: every generated file and package release is stamped with it.",
        "#/info",
        "Add `info.version` (e.g. `version: 1.0.0`) to the spec's `info`, then run `pnpm generate`.",
      );
    }
    return readSpecVersion(document);
  });
  const files: GeneratedFile[] = [];
  const rendered: Array<{ target: Target; files: GeneratedFile[] }> = [];
  for (const target of targets) {
    const tool = target.name === "types" ? "openapi-typescript" : undefined;
    const own = await inStep(step(target.name, tool), () =>
      target.render({ workspace, api, document, specVersion }),
    );
    rendered.push({ target, files: own });
    files.push(...own);
  }
  const changes = await diffOutput(
    workspace,
    files,
    targets.flatMap((target) => target.ownedDirs(api)),
  );
  if (options.check) {
    return {
      api: api.name,
      status: changes.length > 0 ? "stale" : "unchanged",
      specVersion,
      changes,
      problems,
      ms: elapsed(),
    };
  }
  await applyChanges(workspace, files, changes);
  if (options.mirror)
    for (const dir of new Set(targets.map((target) => target.packageDir(api)))) {
      const own = rendered.filter(({ target }) => target.packageDir(api) === dir);
      await writeMirror(
        workspace,
        api,
        dir,
        specVersion,
        own.flatMap(({ files: list }) => list),
        own.flatMap(({ target }) => target.ownedDirs(api)),
      );
    }
  return {
    api: api.name,
    status: changes.length > 0 ? "changed" : "unchanged",
    specVersion,
    changes,
    problems,
    ms: elapsed(),
  };
}

/**
 * Makes the generated folders of the package in `packageDir` equal its mirror: files that differ
 * are rewritten (by rename), files the mirror does not have are deleted. Run (through
 * `restoreApi`) by the API's turbo `generate` task after its `codegen` task, so that whatever the
 * cache did (a hit restores the mirrors, not the tree), the tree ends up holding what the current
 * spec generates.
 */
export async function restorePackage(workspace: Workspace, packageDir: string): Promise<ApiResult> {
  const started = performance.now();
  const dir = mirrorDir(packageDir);
  const pkg = toPosix(relative(workspace.root, packageDir)) || ".";
  let manifest: MirrorManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST), "utf8")) as MirrorManifest;
  } catch {
    throw new CodegenError(
      `${pkg} has no generated output to restore (${toPosix(relative(workspace.root, join(dir, MANIFEST)))} is missing).`,
      `Restore runs after the codegen task of the API's types package (\`leadkit-codegen generate --api <api> --mirror\`); run \`pnpm run main\`, or \`${REGENERATE_COMMAND}\`.`,
    );
  }
  const inPackage = (path: string) => path.startsWith(`${pkg}/`);
  if (manifest.ownedDirs.length === 0 || !manifest.ownedDirs.every(inPackage)) {
    throw new CodegenError(
      `The mirror in ${toPosix(relative(workspace.root, dir))} is not ${pkg}'s own output (it names ${manifest.ownedDirs.join(", ") || "no folder"}).`,
      `Run \`${REGENERATE_COMMAND}\`, or the codegen task of the API's types package.`,
    );
  }
  const rendered: GeneratedFile[] = [];
  for (const path of manifest.files)
    rendered.push({ file: join(workspace.root, path), contents: await readFile(join(dir, path), "utf8") });
  const changes = await diffOutput(
    workspace,
    rendered,
    manifest.ownedDirs.map((owned) => join(workspace.root, owned)),
  );
  await applyChanges(workspace, rendered, changes);
  return {
    api: manifest.api,
    status: changes.length > 0 ? "changed" : "unchanged",
    specVersion: manifest.specVersion,
    changes,
    problems: [],
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Whether a target's package exists: `generate` renders only into packages that have a manifest
 * (an API may have no mock or MCP package), and `restore` restores the same ones.
 */
function hasPackage(dir: string): boolean {
  return existsSync(join(dir, "package.json"));
}

/**
 * The folders of an API's packages that exist, types package first: what `generate` renders into,
 * `restore` restores and `build --api` builds.
 */
export function apiPackageDirs(api: ApiEntry): string[] {
  return [...new Set(allTargets.map((target) => target.packageDir(api)))].filter(hasPackage);
}

/**
 * Restores every package of an API from its mirror (`restorePackage` on each), in one process:
 * the API's turbo `generate` task, which its types package runs for all of the API's packages
 * (one process start instead of one per package).
 */
export async function restoreApi(workspace: Workspace, api: ApiEntry): Promise<ApiResult> {
  const started = performance.now();
  const dirs = apiPackageDirs(api);
  const results: ApiResult[] = [];
  for (const dir of dirs) results.push(await restorePackage(workspace, dir));
  const changes = results.flatMap((result) => result.changes);
  return {
    api: api.name,
    status: changes.length > 0 ? "changed" : "unchanged",
    specVersion: results[0]?.specVersion ?? "",
    changes,
    problems: [],
    ms: Math.round(performance.now() - started),
  };
}

/** Generated paths with uncommitted or untracked changes (the output must be committed). */
export function uncommittedGeneratedFiles(
  workspace: Workspace,
  apis: readonly ApiEntry[],
  targets = allTargets,
): string[] {
  const dirs = apis.flatMap((api) => targets.flatMap((target) => target.ownedDirs(api)));
  const relativeDirs = dirs.map((dir) => toPosix(relative(workspace.root, dir)));
  let output: string;
  try {
    output = execFileSync("git", ["status", "--porcelain", "--untracked-files=all", "--", ...relativeDirs], {
      cwd: workspace.root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return []; // not a git checkout: nothing to compare with
  }
  return output
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => line.slice(3));
}

export const FIX_COMMAND = REGENERATE_COMMAND;
