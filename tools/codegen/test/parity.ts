// Shared by the parity suites (redocly-parity.test.ts, and the one on GitHub's full description in
// the slow tier, redocly-parity.e2e.test.ts): a spec linted and bundled by the pinned Redocly CLI
// and in-process, compared.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { expect } from "vitest";
import { isSeq, parseDocument } from "yaml";
import {
  bundleApi,
  formatProblem,
  lintApi,
  loadWorkspace,
  PipelineError,
  redoclyDiagnostics,
  runRedocly,
} from "../src/index.js";
import { FIXTURES } from "./helpers.js";

export const REPO = resolve(FIXTURES, "../../../..");
const toPosix = (path: string) => path.split("\\").join("/");
export const SCAFFOLD_FIXTURES = join(REPO, "tools/scaffold/test/fixtures");
export const temps: string[] = [];

/** Removes the temp folders made so far (each suite calls it in its afterAll). */
export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A workspace of one API `subject` at `spec`, with the rules (and plugins) of `rulesFrom`. */
export function workspaceFor(spec: string, rulesFrom: string, extraConfig = ""): string {
  const dir = mkdtempSync(join(tmpdir(), "leadkit-parity-"));
  temps.push(dir);
  const config = parseDocument(readFileSync(rulesFrom, "utf8"));
  config.set("apis", config.createNode({ subject: { root: spec } }));
  const plugins = config.get("plugins");
  if (isSeq(plugins)) {
    plugins.items = plugins.items.map((item) => {
      const value = String((item as { value?: unknown }).value ?? item);
      return config.createNode(isAbsolute(value) ? value : resolve(dirname(rulesFrom), value));
    });
  }
  writeFileSync(join(dir, "redocly.yaml"), `${config.toString()}${extraConfig}`);
  return join(dir, "redocly.yaml");
}

async function cliProblems(configFile: string, api: string): Promise<string[]> {
  const root = dirname(configFile);
  const run = await runRedocly(
    ["lint", api, "--config", configFile, "--format", "json", "--max-problems", "1000000"],
    root,
  );
  const report = JSON.parse(run.stdout) as {
    problems: Array<{
      ruleId: string;
      severity: "error" | "warn";
      message: string;
      location: Array<{ source: { ref: string }; start?: { line: number; col: number } }>;
    }>;
  };
  return report.problems
    .map((problem) => {
      const location = problem.location[0];
      return formatProblem({
        file: toPosix(relative(root, resolve(root, location?.source.ref ?? ""))),
        line: location?.start?.line ?? 1,
        col: location?.start?.col ?? 1,
        severity: problem.severity,
        ruleId: problem.ruleId,
        message: problem.message,
      });
    })
    .sort();
}

async function cliBundle(configFile: string, api: string): Promise<unknown> {
  const run = await runRedocly(["bundle", api, "--config", configFile, "--ext", "json"], dirname(configFile));
  if (run.code !== 0) return { failed: redoclyDiagnostics(run.stderr) };
  return JSON.parse(run.stdout);
}

export async function compare(configFile: string, api: string) {
  const workspace = loadWorkspace(configFile);
  const entry = workspace.apis.find((candidate) => candidate.name === api);
  if (entry === undefined) throw new Error(`no API ${api} in ${configFile}`);
  const [expectedProblems, expectedBundle, problems, bundled] = await Promise.all([
    cliProblems(configFile, api),
    cliBundle(configFile, api),
    lintApi(workspace, entry),
    bundleApi(workspace, entry).catch((error: unknown) => error),
  ]);
  expect(problems.map(formatProblem).sort()).toEqual(expectedProblems);
  // Errors first, as the CLI lists them.
  expect(problems.map((problem) => problem.severity)).toEqual(
    [...problems].map((problem) => problem.severity).sort((a, b) => (a === b ? 0 : a === "error" ? -1 : 1)),
  );
  if (typeof expectedBundle === "object" && expectedBundle !== null && "failed" in expectedBundle) {
    expect(bundled).toBeInstanceOf(PipelineError);
    expect((bundled as PipelineError).step).toBe("bundle");
  } else {
    expect(JSON.stringify(bundled, null, 2)).toBe(JSON.stringify(expectedBundle, null, 2));
  }
  return problems;
}

/** leadkit's own rules and plugins (its `apis:` replaced by the spec under test). */
export const PROJECT_CONFIG = join(REPO, "redocly.yaml");
