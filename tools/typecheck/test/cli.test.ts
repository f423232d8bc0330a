// leadkit-typecheck as `pnpm typecheck` runs it: what it prints, its exit codes, and its refusal
// to check a workspace whose packages turbo would not build first.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { missingDependencies, workspaceProjects } from "../src/workspace.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/workspace", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const REPO = fileURLToPath(new URL("../../..", import.meta.url));

async function cli(args: string[], cwd = FIXTURE, ownDir?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    { stdout: (text) => out.push(text), stderr: (text) => err.push(text) },
    cwd,
    ownDir,
  );
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("leadkit-typecheck", () => {
  it("checks every package of the workspace, prints tsc's diagnostics under each, and exits 1 on errors", async () => {
    const { code, stdout, stderr } = await cli([]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^packages\/broken +2 error\(s\) +\d+ ms$/m);
    expect(stdout).toMatch(/^packages\/good +ok \(\d+ files\) +\d+ ms$/m);
    expect(stdout).toMatch(/^tools\/lib +1 error\(s\)/m);
    expect(stdout).toContain(
      "packages/broken/src/index.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.",
    );
    expect(stdout).not.toContain("no-tsconfig");
    expect(stderr).toMatch(
      /^4 type error\(s\) in 3 of 4 project\(s\) \([\d.]+ s\)\. Fix them, then run `pnpm typecheck` again\.$/,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("checks only the packages named, from any folder of the workspace, and exits 0 when they are clean", async () => {
    const { code, stdout } = await cli(["../good"], join(FIXTURE, "packages/broken"));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^packages\/good +ok/m);
    expect(stdout).not.toContain("broken");
    expect(stdout).toMatch(/^1 project\(s\) type-checked in [\d.]+ s: no errors\.$/m);
  });

  it.each([
    [["packages/nowhere"], "packages/nowhere does not exist."],
    [
      ["packages/no-tsconfig"],
      "packages/no-tsconfig is not a TypeScript package (it needs a package.json and a tsconfig.json).",
    ],
    [["--bogus"], "Unknown option '--bogus'"],
  ])("refuses %j with exit 2 and says why, without a stack", async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a folder outside any pnpm workspace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leadkit-typecheck-"));
    temps.push(dir);
    const { code, stderr } = await cli([], dir);
    expect(code).toBe(2);
    expect(stderr).toContain("No pnpm-workspace.yaml in");
    expect(stderr).toContain("--root <workspace folder>");
  });

  it("refuses to check the workspace when its own package does not depend on every package (turbo would not build them first)", async () => {
    const copy = mkdtempSync(join(tmpdir(), "leadkit-typecheck-"));
    temps.push(copy);
    cpSync(FIXTURE, copy, { recursive: true });
    const own = join(copy, "tools/lib");
    const manifest = join(own, "package.json");
    writeFileSync(
      manifest,
      JSON.stringify({
        ...JSON.parse(readFileSync(manifest, "utf8")),
        devDependencies: { "@fixture/good": "workspace:*" },
      }),
    );
    const { code, stderr, stdout } = await cli([], copy, own);
    expect(code).toBe(2);
    expect(stdout).toBe(""); // nothing checked
    expect(stderr).toContain(
      "tools/lib/package.json does not depend on @fixture/broken (packages/broken), @fixture/syntax (packages/syntax), so turbo would not build them before type-checking.",
    );
    expect(stderr).toContain(
      'Add "@fixture/broken": "workspace:*", "@fixture/syntax": "workspace:*" to its devDependencies and run `pnpm install`',
    );
  });

  it("this workspace's type-check package depends on every TypeScript package of the workspace", () => {
    const projects = workspaceProjects(REPO);
    expect(projects.length).toBeGreaterThanOrEqual(20);
    expect(missingDependencies(projects, join(PACKAGE_DIR, "package.json"))).toEqual([]);
  });

  it("the built bin runs the same CLI", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(PACKAGE_DIR, "bin/leadkit-typecheck.js"), "packages/good"],
      { cwd: FIXTURE },
    );
    expect(stdout).toMatch(/^packages\/good +ok/m);
  });
});
