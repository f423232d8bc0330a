// .github/workflows/sources-watch.yml: runs weekly and on demand, runs `pnpm sources:check` with
// the pinned pnpm, files the report as an issue on exit 1 (updating the open one instead of
// opening another) and fails the run on any other non-zero exit. The issue step's script is run
// here with bash against a stand-in `gh` that records its calls, since GitHub is not reachable.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, runCommand } from "@leadkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  if?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { schedule?: Array<{ cron: string }>; workflow_dispatch?: unknown };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

const workflow = parse(
  readFileSync(join(REPO_ROOT, ".github/workflows/sources-watch.yml"), "utf8"),
) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
  packageManager: string;
  scripts: Record<string, string>;
};
const pnpm = `npx --yes ${packageJson.packageManager}`;

function step(predicate: (step: Step) => boolean, what: string): Step {
  const found = steps.find(predicate);
  if (found === undefined) throw new Error(`sources-watch.yml has no step that ${what}`);
  return found;
}

const checkStep = step((s) => s.run?.includes("sources:check") === true, "runs sources:check");
const issueStep = step((s) => s.run?.includes("gh issue create") === true, "opens an issue");
const failStep = step((s) => s.run?.includes("exit 1") === true && s !== issueStep, "fails the run");

describe("sources-watch.yml", () => {
  it("runs every week and on demand", () => {
    const crons = workflow.on.schedule?.map((entry) => entry.cron) ?? [];
    expect(crons).toHaveLength(1);
    const fields = crons[0]?.split(/\s+/) ?? [];
    expect(fields).toHaveLength(5);
    const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
    expect(Number(minute)).toBeGreaterThanOrEqual(0);
    expect(Number(minute)).toBeLessThan(60);
    expect(Number(hour)).toBeGreaterThanOrEqual(0);
    expect(Number(hour)).toBeLessThan(24);
    // Once a week: any day of the month, any month, one day of the week.
    expect([dayOfMonth, month]).toEqual(["*", "*"]);
    expect(dayOfWeek).toMatch(/^[0-6]$/);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
  });

  it("may open issues and nothing more", () => {
    expect(workflow.permissions).toEqual({ contents: "read", issues: "write" });
  });

  it("installs as the README does and runs `pnpm sources:check` with a report, keeping its exit code", () => {
    expect(steps.some((s) => s.run === `${pnpm} install --frozen-lockfile`)).toBe(true);
    expect(checkStep.run).toContain(`${pnpm} sources:check --report "$REPORT"`);
    expect(checkStep.run).toMatch(
      /set \+e[\s\S]*code=\$\?[\s\S]*echo "exit-code=\$code" >> "\$GITHUB_OUTPUT"/,
    );
    expect(packageJson.scripts["sources:check"]).toMatch(/leadkit-sources\.js check$/);
  });

  it("files the issue only on exit 1, and fails the run on 2 or 3", () => {
    expect(issueStep.if).toBe(`steps.${checkStep.id}.outputs.exit-code == '1'`);
    expect(issueStep.env?.GH_TOKEN).toMatch(/^\$\{\{ github\.token \}\}$/);
    expect(issueStep.env?.REPORT).toBe(checkStep.env?.REPORT);
    expect(failStep.if).toBe(
      `steps.${checkStep.id}.outputs.exit-code != '0' && steps.${checkStep.id}.outputs.exit-code != '1'`,
    );
    expect(failStep.run).toMatch(/exit 1\s*$/);
  });
});

describe("the issue step's script", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the step with a `gh` that answers from `state` and logs each call. */
  async function runIssueStep(state: { openIssue?: number; body?: string }, report: string) {
    const dir = mkdtempSync(join(tmpdir(), "leadkit-sources-gh-"));
    dirs.push(dir);
    const log = join(dir, "gh.log");
    writeFileSync(join(dir, "report.md"), report);
    writeFileSync(join(dir, "issue-body.md"), state.body ?? "");
    writeFileSync(
      join(dir, "gh"),
      [
        "#!/usr/bin/env bash",
        `echo "$*" >> ${JSON.stringify(log)}`,
        'case "$1 $2" in',
        `  "issue list") echo ${JSON.stringify(state.openIssue === undefined ? "" : String(state.openIssue))} ;;`,
        `  "issue view") cat ${JSON.stringify(join(dir, "issue-body.md"))} ;;`,
        "esac",
      ].join("\n"),
    );
    chmodSync(join(dir, "gh"), 0o755);
    const result = await runCommand("bash", ["-e", "-c", issueStep.run ?? ""], dir, {
      check: false,
      env: {
        PATH: `${dir}:${process.env.PATH}`,
        REPORT: join(dir, "report.md"),
        GITHUB_SERVER_URL: "https://github.example",
        GITHUB_REPOSITORY: "leadkit/leadkit",
        GITHUB_RUN_ID: "42",
      },
    });
    expect(result.code, result.stderr).toBe(0);
    return readFileSync(log, "utf8").trim().split("\n");
  }

  it("opens a labelled issue with the report when none is open", async () => {
    const calls = await runIssueStep({}, "## Vendor pages changed\n");
    expect(calls[0]).toMatch(/^label create sources-watch --force/);
    expect(calls[1]).toBe(
      "issue list --label sources-watch --state open --limit 1 --json number --jq .[0].number // empty",
    );
    expect(calls[2]).toMatch(
      /^issue create --label sources-watch --title Vendor pages changed: check the specs --body-file .*report\.md$/,
    );
    expect(calls).toHaveLength(3);
  });

  it("updates the open issue and comments when the report is new", async () => {
    const calls = await runIssueStep({ openIssue: 7, body: "## an older diff" }, "## Vendor pages changed\n");
    expect(calls).toContain("issue view 7 --json body --jq .body");
    expect(calls.find((call) => call.startsWith("issue edit"))).toMatch(
      /^issue edit 7 --body-file .*report\.md$/,
    );
    expect(calls.find((call) => call.startsWith("issue comment"))).toContain(
      "https://github.example/leadkit/leadkit/actions/runs/42",
    );
    expect(calls.some((call) => call.startsWith("issue create"))).toBe(false);
  });

  it("leaves the open issue alone when it already shows this report", async () => {
    const report = "## Vendor pages changed\n\n```diff\n+Wrong Number,\n```\n";
    const calls = await runIssueStep({ openIssue: 7, body: report }, report);
    expect(calls.some((call) => /^issue (create|edit|comment)/.test(call))).toBe(false);
  });
});
