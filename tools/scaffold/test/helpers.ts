// A small temp workspace for the scaffold's fast tests: the real redocly.yaml (same rules, same
// API list), the lint plugin, docs/package.json and the type-check's manifest, committed to git so a test can ask what a
// command changed. pnpm install is replaced by a stub there; the end-to-end test runs the real one.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Installer } from "../src/new-api.js";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

const COPIED = [
  "redocly.yaml",
  "tools/lint-rules/plugin.js",
  "tools/lint-rules/package.json",
  "docs/package.json",
  "tools/typecheck/package.json",
];

export interface MiniWorkspace {
  readonly root: string;
  /** `git status --porcelain` lines (untracked files listed one by one). */
  status(): string[];
  cleanup(): void;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync(
    "git",
    [
      "-c",
      "user.name=leadkit test",
      "-c",
      "user.email=test@leadkit.invalid",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ],
    { cwd, encoding: "utf8" },
  );

export function miniWorkspace(): MiniWorkspace {
  const root = mkdtempSync(join(tmpdir(), "leadkit-scaffold-"));
  for (const file of COPIED) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(REPO, file), join(root, file));
  }
  git(root, "init", "-q", "-b", "main");
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "mini workspace");
  return {
    root,
    status: () =>
      git(root, "status", "--porcelain", "--untracked-files=all")
        .split("\n")
        .filter((line) => line.trim() !== ""),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Stands in for `pnpm install`: records the call and, like it, changes the lockfile. */
export function stubInstaller(options: { fail?: string } = {}): Installer & { calls: number } {
  const installer = Object.assign(
    async (root: string) => {
      installer.calls++;
      const { writeFileSync } = await import("node:fs");
      writeFileSync(join(root, "pnpm-lock.yaml"), `lockfileVersion: '9.0'\n# install ${installer.calls}\n`);
      if (options.fail !== undefined) throw new Error(options.fail);
    },
    { calls: 0 },
  );
  return installer;
}
