// Runs the Redocly CLI (the same binary `pnpm lint` uses, so the gate is identical) for lint
// and bundle, and turns its JSON report into file:line:col problems.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { CodegenError } from "./errors.js";
import { type ApiEntry, toPosix, type Workspace } from "./workspace.js";

const require = createRequire(import.meta.url);
/** The pinned Redocly CLI's entry script (run it with `process.execPath`). */
export const REDOCLY_CLI = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

/** Variables that keep the CLI offline and quiet, whatever the caller's environment says. */
const QUIET_ENV = { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };

export interface LintProblem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly severity: "error" | "warn";
  readonly ruleId: string;
  readonly message: string;
}

export interface RedoclyRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved as the CLI wrote them, for error messages. */
  readonly output: string;
}

/**
 * Runs the pinned Redocly CLI with telemetry, update notices and colour off. Every tool in the
 * workspace that calls Redocly goes through here, so none of them can phone home.
 */
export function runRedocly(args: readonly string[], cwd: string): Promise<RedoclyRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [REDOCLY_CLI, ...args], {
      cwd,
      env: { ...process.env, ...QUIET_ENV },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const output: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => {
      stdout.push(chunk);
      output.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr.push(chunk);
      output.push(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      resolvePromise({
        code: code ?? 1,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        output: Buffer.concat(output).toString("utf8"),
      }),
    );
  });
}

/**
 * What is left of the CLI's output once Redocly's own banners (the Node deprecation box,
 * progress lines) are dropped: the part worth quoting in an error message.
 */
export function redoclyDiagnostics(output: string): string {
  return output
    .split("\n")
    .filter(
      (line) => line.trim() !== "" && !/[║╔╚]/.test(line) && !/^(validating|bundling|📦)/.test(line.trim()),
    )
    .join("\n");
}

interface JsonReport {
  problems: Array<{
    ruleId: string;
    severity: "error" | "warn";
    message: string;
    location: Array<{ source: { ref: string }; start?: { line: number; col: number } }>;
  }>;
}

/** Lints one API with the workspace's redocly.yaml. Warnings count as problems: the gate is zero. */
export async function lintApi(workspace: Workspace, api: ApiEntry): Promise<LintProblem[]> {
  const result = await runRedocly(
    ["lint", api.name, "--config", workspace.configFile, "--format", "json"],
    workspace.root,
  );
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout) as JsonReport;
  } catch {
    // The CLI could not even load the file (unreadable YAML, missing file, broken config).
    throw new CodegenError(
      `redocly lint could not check ${api.specPath}:\n${redoclyDiagnostics(result.stderr) || result.stdout}`,
      `Fix the file, then run \`pnpm lint:specs\`.`,
    );
  }
  return report.problems.map((problem) => {
    const location = problem.location[0];
    const ref = location?.source.ref ?? api.specPath;
    return {
      file: toPosix(relative(workspace.root, resolve(workspace.root, ref))),
      line: location?.start?.line ?? 1,
      col: location?.start?.col ?? 1,
      severity: problem.severity,
      ruleId: problem.ruleId,
      message: problem.message,
    };
  });
}

export function formatProblem(problem: LintProblem): string {
  return `${problem.file}:${problem.line}:${problem.col}  ${problem.severity}  ${problem.ruleId}  ${problem.message}`;
}

/** Bundles one API into a single document (external `$ref`s inlined into components). */
export async function bundleApi(workspace: Workspace, api: ApiEntry): Promise<Record<string, unknown>> {
  const result = await runRedocly(
    ["bundle", api.name, "--config", workspace.configFile, "--ext", "json"],
    workspace.root,
  );
  if (result.code !== 0) {
    throw new CodegenError(
      `redocly bundle failed for ${api.specPath}:\n${redoclyDiagnostics(result.stderr)}`,
    );
  }
  try {
    return JSON.parse(result.stdout) as Record<string, unknown>;
  } catch {
    throw new CodegenError(
      `redocly bundle printed no JSON for ${api.specPath}:\n${redoclyDiagnostics(result.stderr)}`,
    );
  }
}
