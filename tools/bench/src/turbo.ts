// turbo runs on a copy of the workspace, read through turbo's own run summaries
// (`--summarize` writes .turbo/runs/<id>.json; `--dry=json` prints the same shape without running
// anything): which tasks ran, which came from the cache (local or remote), and each task's hash.
import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { CommandResult, WorkspaceCopy } from "@leadkit/testing";

/** The main build (`pnpm run main`). */
export const MAIN_TASKS = ["generate", "build"] as const;
/** Everything `pnpm run main`, `pnpm test` and `pnpm test:e2e` run, for the affected-only rule. */
export const ALL_TASKS = [
  "lint:specs",
  "generate",
  "build",
  "test",
  "check:generated",
  "typecheck",
  "test:e2e",
] as const;

export interface TaskSummary {
  readonly taskId: string;
  readonly task: string;
  readonly package: string;
  /** null in a dry run when turbo defers it (the task, or one it depends on, hashes inputs just in time). */
  readonly hash: string | null;
  readonly command: string;
  /** The package folder, relative to the root. */
  readonly directory: string;
  /** The hash of the package's external dependencies (from the lockfile). */
  readonly hashOfExternalDependencies?: string;
  /** Task ids this task depends on. */
  readonly dependencies: readonly string[];
  /** Input file -> hash; paths relative to `directory`. */
  readonly inputs: Readonly<Record<string, string>>;
  readonly cache: {
    readonly status: "HIT" | "MISS";
    readonly source?: "LOCAL" | "REMOTE";
    readonly local: boolean;
    readonly remote: boolean;
  };
}

export interface RunSummary {
  readonly tasks: readonly TaskSummary[];
  readonly execution?: { readonly startTime: number; readonly endTime: number };
}

/** A task's input files, relative to the workspace root. */
export function inputFiles(task: TaskSummary): string[] {
  return Object.keys(task.inputs).map((file) => posix.normalize(posix.join(task.directory, file)));
}

/** Whether a task runs a command: turbo lists a task for every package in scope, `<NONEXISTENT>` where the package has no such script. */
export function isReal(task: TaskSummary | undefined): task is TaskSummary {
  return task !== undefined && task.command !== "<NONEXISTENT>";
}

/** The tasks of a run that run a command. */
export function realTasks(summary: RunSummary): TaskSummary[] {
  return summary.tasks.filter(isReal);
}

export interface TurboRun {
  readonly summary: RunSummary;
  readonly result: CommandResult;
  readonly ran: string[];
  readonly cached: string[];
  /**
   * CPU seconds (user + system) the run's processes used, every task included: unlike wall
   * time, hardly changed by other work on the machine. Undefined where /proc is missing.
   */
  readonly cpuSeconds: number | undefined;
}

/** CPU seconds used by this process's finished children and their descendants (Linux /proc). */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // Fields after the command name (which may hold spaces): state is the 3rd, cutime the 16th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks / 100 : undefined; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

function newestSummary(root: string, before: ReadonlySet<string>): RunSummary {
  const dir = join(root, ".turbo", "runs");
  const file = readdirSync(dir).find((name) => name.endsWith(".json") && !before.has(name));
  if (file === undefined) throw new Error(`turbo wrote no run summary in ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), "utf8")) as RunSummary;
}

function existingSummaries(root: string): Set<string> {
  try {
    return new Set(readdirSync(join(root, ".turbo", "runs")));
  } catch {
    return new Set();
  }
}

/** `turbo run <tasks> --summarize` in the copy; the summary says what ran and what was a cache hit. */
export function runTurbo(
  copy: WorkspaceCopy,
  tasks: readonly string[],
  options: { env?: NodeJS.ProcessEnv; extra?: readonly string[] } = {},
): Promise<TurboRun> {
  return summarized(copy, ["turbo", "run", ...tasks], options);
}

/**
 * A root script that is one `turbo run` (`pnpm run main`, `pnpm build`), run as a user types it,
 * with `--summarize` appended to its turbo command line.
 */
export function runScript(
  copy: WorkspaceCopy,
  script: string,
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<TurboRun> {
  return summarized(copy, ["run", script], options);
}

async function summarized(
  copy: WorkspaceCopy,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; extra?: readonly string[] },
): Promise<TurboRun> {
  const before = existingSummaries(copy.root);
  const cpuBefore = childrenCpuSeconds();
  const result = await copy.run(
    "pnpm",
    [...args, "--summarize", "--output-logs=errors-only", ...(options.extra ?? [])],
    options.env === undefined ? {} : { env: options.env },
  );
  const cpuAfter = childrenCpuSeconds();
  const summary = newestSummary(copy.root, before);
  const real = realTasks(summary);
  return {
    summary,
    result,
    cpuSeconds: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    ran: real
      .filter((task) => task.cache.status === "MISS")
      .map((task) => task.taskId)
      .sort(),
    cached: real
      .filter((task) => task.cache.status === "HIT")
      .map((task) => task.taskId)
      .sort(),
  };
}

/** `turbo run <tasks> --dry=json`: every task as turbo would hash it now, those without a command included. */
export async function dryRun(
  copy: WorkspaceCopy,
  tasks: readonly string[],
): Promise<Map<string, TaskSummary>> {
  const { stdout } = await copy.run("pnpm", ["--silent", "turbo", "run", ...tasks, "--dry=json"]);
  const summary = JSON.parse(stdout.slice(stdout.indexOf("{"))) as RunSummary;
  return new Map(summary.tasks.map((task) => [task.taskId, task]));
}

/** What turbo hashes of a task itself, besides its dependencies: its input files and external dependencies. */
function fingerprint(task: TaskSummary): string {
  const inputs = Object.entries(task.inputs).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([inputs, task.hashOfExternalDependencies ?? null]);
}

/**
 * Ids of the real tasks whose hash differs between two dry runs (or that exist in only one): what
 * would run again. Where turbo defers a hash to run time (with a task that hashes inputs just in
 * time, the `generate` tasks, turbo defers every hash of a dry run), a task counts as changed the
 * way turbo hashes it: when its own startup inputs changed, or a task it depends on changed. A
 * task without a command (`<NONEXISTENT>`, e.g. the `build` of an API's client, which its types
 * package builds) runs nothing but is hashed all the same, so a change passes through it to the
 * tasks that depend on it: the dry runs must list every task (`dryRun` does).
 */
export function changedTasks(before: Map<string, TaskSummary>, after: Map<string, TaskSummary>): string[] {
  const memo = new Map<string, boolean>();
  const changed = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    memo.set(id, false); // the task graph is acyclic; this only guards against a broken summary
    const old = before.get(id);
    const now = after.get(id);
    let result: boolean;
    if (old === undefined || now === undefined) result = old !== now;
    else if (old.hash !== null && now.hash !== null) result = old.hash !== now.hash;
    else
      result =
        fingerprint(old) !== fingerprint(now) ||
        // (turbo lists them in no fixed order)
        [...old.dependencies].sort().join() !== [...now.dependencies].sort().join() ||
        now.dependencies.some(changed);
    memo.set(id, result);
    return result;
  };
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((id) => (isReal(before.get(id)) || isReal(after.get(id))) && changed(id))
    .sort();
}

/** Wall time of a run, from turbo's own summary. */
export function runSeconds(run: TurboRun): number {
  const execution = run.summary.execution;
  return execution === undefined ? run.result.ms / 1000 : (execution.endTime - execution.startTime) / 1000;
}
