import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { vi } from "vitest";
import { main } from "../src/cli.js";

export const FIXTURES = new URL("./fixtures/", import.meta.url).pathname;

/** A fresh copy of the fixture workspace in a temp dir; removed by the returned cleanup. */
export function copyWorkspace(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "leadkit-codegen-"));
  cpSync(join(FIXTURES, "workspace"), dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the CLI in-process and captures everything it prints. */
export async function run(args: string[], env: Record<string, string | undefined> = {}) {
  const lines: string[] = [];
  const capture = (...parts: unknown[]) => lines.push(parts.map(String).join(" "));
  const log = vi.spyOn(console, "log").mockImplementation(capture);
  const error = vi.spyOn(console, "error").mockImplementation(capture);
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  try {
    const code = await main(args);
    return { code, output: lines.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Every file under `dir` with its contents and mtime, keyed by relative path. */
export function snapshotTree(dir: string): Map<string, { contents: string; mtimeMs: number }> {
  const files = new Map<string, { contents: string; mtimeMs: number }>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    files.set(relative(dir, file), { contents: readFileSync(file, "utf8"), mtimeMs: statSync(file).mtimeMs });
  }
  return files;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    },
  });
}

export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`${needle} not found`);
  return index + 1;
}

export interface Failure {
  readonly kind: string;
  /** The step whose failure the message names (`lint`, `bundle`, `types`, `client`, `docs`). */
  readonly step: string;
  /** Text on the line the message must point at (its first occurrence in the spec). */
  readonly at: string;
  readonly reason: readonly string[];
  readonly fix: string;
  /** What `pnpm new-api` reports (with --accept-existing-problems when `accept`); null: not its step. */
  readonly newApi: {
    readonly accept: boolean;
    readonly step: string;
    /** Where new-api's message points, when it reads the spec differently (default: `at`). */
    readonly at?: string;
    readonly reason: readonly string[];
  } | null;
}

/** The table of broken specs (fixtures/broken/failures.json), shared with the scaffold's and docs' tests. */
export const FAILURES: readonly Failure[] = (
  JSON.parse(readFileSync(join(FIXTURES, "broken", "failures.json"), "utf8")) as { failures: Failure[] }
).failures;

/** The broken spec of a failure kind. */
export const brokenSpec = (kind: string) => join(FIXTURES, "broken", kind, "openapi.yaml");

/** A line that looks like a stack frame (`    at fn (file:1:2)`): never in what a user sees. */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m;
