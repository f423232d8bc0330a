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
  readonly targets?: readonly Target[];
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
  const targets = (options.targets ?? allTargets).filter((target) =>
    existsSync(join(target.packageDir(api), "package.json")),
  );
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
  for (const target of targets) {
    const tool = target.name === "types" ? "openapi-typescript" : undefined;
    files.push(
      ...(await inStep(step(target.name, tool), () =>
        target.render({ workspace, api, document, specVersion }),
      )),
    );
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
  return {
    api: api.name,
    status: changes.length > 0 ? "changed" : "unchanged",
    specVersion,
    changes,
    problems,
    ms: elapsed(),
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
