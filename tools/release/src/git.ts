// The little git this package needs: find the base ref, read files at it, list what changed.
// Everything is read-only; nothing here commits, checks out or touches the index.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ReleaseError } from "./errors.js";
import { run } from "./exec.js";

async function git(root: string, args: readonly string[]): Promise<string> {
  return (await run("git", args, { cwd: root })).stdout;
}

async function gitMaybe(root: string, args: readonly string[]): Promise<string | undefined> {
  const result = await run("git", args, { cwd: root, check: false });
  return result.code === 0 ? result.stdout : undefined;
}

export interface BaseRef {
  /** What the user asked for or what was chosen, e.g. `merge-base(HEAD, main)`. */
  readonly label: string;
  readonly commit: string;
}

/**
 * The commit to compare with: `base` when given, else the merge base of HEAD with `main`
 * (then `origin/main`), the point where the current branch left the release branch.
 */
export async function resolveBase(root: string, base?: string, branch = "main"): Promise<BaseRef> {
  if ((await gitMaybe(root, ["rev-parse", "--is-inside-work-tree"])) === undefined) {
    throw new ReleaseError(`${root} is not a git checkout, so there is no base to compare the specs with.`);
  }
  if (base !== undefined) {
    const commit = await gitMaybe(root, ["rev-parse", "--verify", "--quiet", `${base}^{commit}`]);
    if (commit === undefined) {
      throw new ReleaseError(
        `--base ${base} is not a commit in this repository.`,
        "Example: --base origin/main",
      );
    }
    return { label: base, commit: commit.trim() };
  }
  if ((await gitMaybe(root, ["rev-parse", "--verify", "--quiet", "HEAD"])) === undefined) {
    throw new ReleaseError(
      "The repository has no commit yet, so there is no base to compare the specs with.",
    );
  }
  for (const candidate of [branch, `origin/${branch}`]) {
    const commit = await gitMaybe(root, ["merge-base", "HEAD", candidate]);
    if (commit !== undefined) return { label: `merge-base(HEAD, ${candidate})`, commit: commit.trim() };
  }
  throw new ReleaseError(
    `Neither \`${branch}\` nor \`origin/${branch}\` exists here, so the default base (their merge base with HEAD) cannot be found.`,
    "Pass the ref to compare with, e.g. `pnpm spec:diff --base origin/main`.",
  );
}

/** A file's contents at `ref`, or undefined when it does not exist there. */
export function showFile(root: string, ref: string, path: string): Promise<string | undefined> {
  return gitMaybe(root, ["show", `${ref}:${path}`]);
}

/** Copies the folder `dir` (workspace-relative) as it is at `ref` into `destination`; returns the file count. */
export async function extractDir(
  root: string,
  ref: string,
  dir: string,
  destination: string,
): Promise<number> {
  const listing = await git(root, ["ls-tree", "-r", "-z", "--name-only", ref, "--", dir]);
  const files = listing.split("\0").filter((file) => file !== "");
  for (const file of files) {
    const contents = await run("git", ["show", `${ref}:${file}`], { cwd: root });
    const target = join(destination, file);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, contents.stdoutBytes);
  }
  return files.length;
}

/** Workspace-relative files under `paths` that differ between `ref` and the working tree (untracked included). */
export async function changedFiles(root: string, ref: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const tracked = await git(root, ["diff", "--name-only", "-z", ref, "--", ...paths]);
  const untracked = await git(root, ["ls-files", "--others", "--exclude-standard", "-z", "--", ...paths]);
  const files = new Set([...tracked.split("\0"), ...untracked.split("\0")].filter((file) => file !== ""));
  return [...files].sort();
}
