// Temp copies of this working tree for tests that run whole-workspace commands (install, turbo,
// new-api) without touching the real tree: what git would commit (tracked and untracked files,
// uncommitted changes included, ignored files such as node_modules, dist and .turbo left out),
// committed as the copy's first commit so a test can ask `git status` what a command changed.
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (tools/testing/src -> ../../..). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface CommandOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Reject on a non-zero exit code (default true). */
  readonly check?: boolean;
}

/**
 * The environment for commands in a copy: ours without the variables of the pnpm, turbo and
 * vitest run this test is part of (a nested turbo must not think it is a task of ours), without
 * `CI` (a copy is a developer's checkout: under `CI`, `generate --check` also demands that the
 * generated files equal the last commit, which a test's uncommitted edit never does), with
 * telemetry off.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^(npm_|pnpm_|turbo_|vitest|node_env$|test$|init_cwd$|ci$)/i.test(key) &&
      key !== "TURBO_TELEMETRY_DISABLED"
    )
      continue;
    env[key] = value;
  }
  return { ...env, TURBO_TELEMETRY_DISABLED: "1", REDOCLY_TELEMETRY: "off", ...extra };
}

/** Runs a command to completion, collecting its output. */
export function runCommand(
  command: string,
  args: readonly string[],
  cwd: string,
  options: CommandOptions = {},
): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: options.env ?? cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const result = {
        code: code ?? 1,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        ms: Math.round(performance.now() - started),
      };
      if (options.check !== false && result.code !== 0) {
        const output = `${result.stderr}\n${result.stdout}`.trim();
        reject(
          new Error(
            `\`${[command, ...args].join(" ")}\` failed with ${signal ?? `exit code ${result.code}`} in ${cwd}${output ? `:\n${output.slice(-6000)}` : ""}`,
          ),
        );
        return;
      }
      resolve(result);
    });
  });
}

const GIT_IDENTITY = [
  "-c",
  "user.name=leadkit test",
  "-c",
  "user.email=test@leadkit.invalid",
  "-c",
  "commit.gpgsign=false",
];

export function git(cwd: string, ...args: string[]): Promise<CommandResult> {
  return runCommand("git", [...GIT_IDENTITY, ...args], cwd);
}

export interface WorkspaceCopy {
  /** The copy's root (a git repository whose first commit is the copied tree). */
  readonly root: string;
  /** Runs a command in the copy (or in `cwd` relative to it). */
  run(
    command: string,
    args: readonly string[],
    options?: CommandOptions & { cwd?: string },
  ): Promise<CommandResult>;
  /** `git status --porcelain` of the copy: every changed, added or deleted path not ignored. */
  status(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export interface CopyOptions {
  /** The tree to copy (default: this repository). */
  readonly from?: string;
  /** Parent folder of the copy (default: a new temp folder). */
  readonly into?: string;
  /** Run `pnpm install --frozen-lockfile --prefer-offline` (from the local store) in the copy. */
  readonly install?: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

/** Copies the working tree as git sees it into a new repository. */
export async function copyWorkspace(options: CopyOptions = {}): Promise<WorkspaceCopy> {
  const from = options.from ?? REPO_ROOT;
  const parent = options.into ?? (await mkdtemp(join(tmpdir(), "leadkit-ws-")));
  const root = join(parent, "repo");
  await mkdir(root, { recursive: true });
  const listing = await git(from, "ls-files", "-z", "--cached", "--others", "--exclude-standard");
  for (const file of new Set(listing.stdout.split("\0").filter(Boolean))) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await cp(join(from, file), join(root, file), { force: true, preserveTimestamps: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error; // deleted in the working tree
      },
    );
  }
  await git(root, "init", "-q", "-b", "main");
  await git(root, "add", "-A");
  await git(root, "commit", "-q", "-m", "working tree of leadkit");
  const env = cleanEnv(options.env);
  const copy: WorkspaceCopy = {
    root,
    run: (command, args, runOptions = {}) =>
      runCommand(command, args, runOptions.cwd === undefined ? root : join(root, runOptions.cwd), {
        env: runOptions.env ?? env,
        ...(runOptions.check === undefined ? {} : { check: runOptions.check }),
      }),
    async status() {
      const { stdout } = await git(root, "status", "--porcelain", "--untracked-files=all");
      return stdout.split("\n").filter((line) => line.trim() !== "");
    },
    cleanup: () => rm(options.into === undefined ? parent : root, { recursive: true, force: true }),
  };
  if (options.install) await copy.run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"]);
  return copy;
}
