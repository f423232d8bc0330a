// The one-process type-check, judged by tsc itself: each fixture project's diagnostics are exactly
// what `tsc -p <project> --noEmit --pretty false` prints, with declaration files shared between
// the projects.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkProjects } from "../src/check.js";
import { workspaceProjects } from "../src/workspace.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const TSC = require.resolve("typescript/bin/tsc");
const FIXTURE = fileURLToPath(new URL("./fixtures/workspace", import.meta.url));

/** tsc's own verdict on a project, run from the workspace root as the diagnostics are printed. */
async function tsc(config: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, [TSC, "-p", config, "--noEmit", "--pretty", "false"], {
    cwd: FIXTURE,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  return stdout.split("\n").filter((line) => line.length > 0);
}

describe("checkProjects", () => {
  const projects = workspaceProjects(FIXTURE);
  const results = checkProjects(
    projects.map((project) => project.config),
    { root: FIXTURE },
  );

  it("finds the workspace's TypeScript packages: pnpm-workspace.yaml's folders with a tsconfig.json", () => {
    expect(projects.map((project) => project.name)).toEqual([
      "@fixture/broken",
      "@fixture/good",
      "@fixture/syntax",
      "@fixture/lib",
    ]);
  });

  it.each(projects.map((project, index) => [project.name, index] as const))(
    "%s: reports what tsc reports, in tsc's format and order",
    async (_name, index) => {
      const project = projects[index];
      const result = results[index];
      if (project === undefined || result === undefined) throw new Error("no such project");
      const expected = await tsc(project.config);
      expect(result.diagnostics).toEqual(expected);
      expect(result.errors).toBe(expected.length);
    },
  );

  it("covers semantic, syntax and declaration (isolatedDeclarations) errors, as tsc --noEmit does", () => {
    const byName = Object.fromEntries(projects.map((project, index) => [project.name, results[index]]));
    expect(byName["@fixture/good"]?.errors).toBe(0);
    expect(byName["@fixture/broken"]?.diagnostics.join("\n")).toMatch(/TS2322/);
    // with semantic errors in the program, tsc leaves the declaration errors unreported
    expect(byName["@fixture/broken"]?.diagnostics.join("\n")).not.toMatch(/TS9007/);
    expect(byName["@fixture/syntax"]?.diagnostics).toEqual([
      "packages/syntax/src/index.ts(1,36): error TS1109: Expression expected.",
    ]);
    expect(byName["@fixture/lib"]?.diagnostics.join("\n")).toMatch(
      /TS9007: Function must have an explicit return type/,
    );
  });

  it("parses each declaration file once: later projects reuse the standard library's", () => {
    expect(results[0]?.reused).toBe(0);
    for (const result of results.slice(1)) expect(result.reused).toBeGreaterThan(0);
    // and each program still has every file it needs
    for (const result of results) expect(result.files).toBeGreaterThan(result.reused);
  });

  it("does not share a file between projects whose options parse or bind it differently", () => {
    const config = join(FIXTURE, "packages/good/tsconfig.json");
    const [first, again] = checkProjects([config, config], { root: FIXTURE });
    // the same options: every declaration file of the second program comes from the first
    expect(again?.reused).toBeGreaterThan(0);
    expect(again?.reused).toBe((first?.files ?? 0) - 1); // all but src/index.ts
    // another target (part of TypeScript's own key for sharing parsed files): nothing is reused
    const [, retargeted] = checkProjects([config, join(FIXTURE, "packages/good/tsconfig.es2020.json")], {
      root: FIXTURE,
    });
    expect(retargeted?.reused).toBe(0);
    expect(retargeted?.errors).toBe(0);
  });
});
