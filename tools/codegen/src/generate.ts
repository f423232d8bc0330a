// lint -> bundle -> render every target -> write (or compare, with --check), one API at a time.
// Everything is rendered in memory before the first byte is written, and each file is replaced
// by rename, so a broken spec leaves the previous generated output untouched.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { REGENERATE_COMMAND } from "./banner.js";
import { CodegenError } from "./errors.js";
import { specVersion as readSpecVersion } from "./openapi.js";
import { bundleApi, type LintProblem, lintApi } from "./redocly.js";
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
   * Also keep a copy of everything rendered in the API's mirror (see `restoreApi`): the turbo
   * `codegen` task does, and declares the mirror as its output.
   */
  readonly mirror?: boolean;
  readonly targets?: readonly Target[];
}

/**
 * The mirror of an API's generated output: every file the targets rendered on the last `codegen`
 * run, under its workspace-relative path, plus `manifest.json`. It is git-ignored and is the
 * `codegen` task's turbo output, so after that task (a run or a cache hit) it always holds what
 * the current spec generates; each package's `generate` task then copies its part into the tree.
 */
export function mirrorDir(api: ApiEntry): string {
  return join(api.typesDir, ".artifacts", "generated");
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

/** Replaces the API's mirror with `files` in one rename, so a reader never sees half of it. */
async function writeMirror(
  workspace: Workspace,
  api: ApiEntry,
  specVersion: string,
  files: readonly GeneratedFile[],
  ownedDirs: readonly string[],
): Promise<void> {
  const dir = mirrorDir(api);
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
  for (const change of changes) {
    const absolute = join(workspace.root, change.path);
    if (change.kind === "deleted") {
      await rm(absolute, { force: true });
      continue;
    }
    const file = byPath.get(change.path);
    if (file === undefined) continue;
    await mkdir(dirname(absolute), { recursive: true });
    const temporary = `${absolute}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, absolute);
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
  const problems = await lintApi(workspace, api);
  if (problems.length > 0) {
    return { api: api.name, status: "lint-failed", changes: [], problems, ms: elapsed() };
  }
  const document = await bundleApi(workspace, api);
  const specVersion = readSpecVersion(document);
  const targets = (options.targets ?? allTargets).filter((target) =>
    existsSync(join(target.packageDir(api), "package.json")),
  );
  if (targets.length === 0) {
    throw new CodegenError(
      `API \`${api.name}\` has no package to generate into (expected ${toPosix(relative(workspace.root, api.typesDir))}/package.json).`,
      `Scaffold its packages with \`pnpm new-api ${api.name}\`.`,
    );
  }
  const files: GeneratedFile[] = [];
  for (const target of targets)
    files.push(...(await target.render({ workspace, api, document, specVersion })));
  const ownedDirs = targets.flatMap((target) => target.ownedDirs(api));
  const changes = await diffOutput(workspace, files, ownedDirs);
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
  if (options.mirror) await writeMirror(workspace, api, specVersion, files, ownedDirs);
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
 * Makes the generated folders inside `packageDir` equal the API's mirror: files that differ are
 * rewritten (by rename), files the mirror does not have are deleted. Run by each package's turbo
 * `generate` task after the API's `codegen` task, so that whatever the cache did (a hit restores
 * the mirror, not the tree), the tree ends up holding what the current spec generates.
 */
export async function restoreApi(
  workspace: Workspace,
  api: ApiEntry,
  packageDir: string,
): Promise<ApiResult> {
  const started = performance.now();
  const dir = mirrorDir(api);
  let manifest: MirrorManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST), "utf8")) as MirrorManifest;
  } catch {
    throw new CodegenError(
      `API \`${api.name}\` has no generated output to restore (${toPosix(relative(workspace.root, join(dir, MANIFEST)))} is missing).`,
      `Restore runs after the API's codegen task; run \`pnpm run main\`, or \`${REGENERATE_COMMAND}\`.`,
    );
  }
  const pkg = toPosix(relative(workspace.root, packageDir));
  const inPackage = (path: string) => path === pkg || path.startsWith(`${pkg}/`);
  const owned = manifest.ownedDirs.filter(inPackage);
  if (owned.length === 0) {
    throw new CodegenError(
      `The last codegen run of \`${api.name}\` generated nothing for ${pkg}, so there is nothing to restore there.`,
      `Run \`${REGENERATE_COMMAND}\` (the package may be newer than the cached codegen run).`,
    );
  }
  const files = manifest.files
    .filter((path) => owned.some((ownedDir) => path.startsWith(`${ownedDir}/`)))
    .map((path) => ({ file: join(workspace.root, path), mirrored: join(dir, path) }));
  const rendered: GeneratedFile[] = [];
  for (const { file, mirrored } of files) rendered.push({ file, contents: await readFile(mirrored, "utf8") });
  const changes = await diffOutput(
    workspace,
    rendered,
    owned.map((ownedDir) => join(workspace.root, ownedDir)),
  );
  await applyChanges(workspace, rendered, changes);
  return {
    api: api.name,
    status: changes.length > 0 ? "changed" : "unchanged",
    specVersion: manifest.specVersion,
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
