// `redocly bundle` and `redocly diff` (experimental since @redocly/cli 2.72), run as child
// processes of the pinned CLI. Both sides of a comparison are bundled the same way, from a
// scratch folder with its own config, so that whatever differs between them is in the specs.
//
// The config must extend `diff-recommended`: diff rules (which change is major) come from the
// config's presets, and a config without them (such as the workspace's redocly.yaml, which
// extends only `recommended-strict`) makes `redocly diff` rate every change patch or minor.

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { redoclyDiagnostics, runRedocly } from "@leadkit/codegen";
import { ReleaseError } from "./errors.js";
import { type Impact, isImpact } from "./impact.js";

/** One entry of `redocly diff --format json` (report version 1). */
export interface RedoclyChange {
  /** Where the change is reached from, e.g. `#/paths/~1leads/post/requestBody/...`. */
  readonly path: string;
  readonly typeName: string;
  readonly kind: "added" | "removed" | "modified";
  readonly impact: Impact;
  readonly property?: string;
  readonly verdicts: ReadonlyArray<{ ruleId: string; impact: Impact; message: string }>;
  readonly base?: { pointer: string; value?: unknown };
  readonly revision?: { pointer: string; value?: unknown };
}

export interface RedoclyReport {
  readonly bump?: Impact;
  readonly changes: readonly RedoclyChange[];
}

const CONFIG_HEAD = "telemetry: off\nextends:\n  - diff-recommended\n";

export interface BundleJob {
  /** Unique, `[a-z0-9-]`. */
  readonly id: string;
  readonly specFile: string;
  readonly outFile: string;
  /** How to name the spec in an error message. */
  readonly label: string;
}

/** A scratch folder with leadkit's diff config, for bundling and diffing outside any workspace. */
export class RedoclySession {
  private constructor(readonly dir: string) {}

  static async open(): Promise<RedoclySession> {
    const dir = await mkdtemp(join(tmpdir(), "leadkit-spec-diff-"));
    await writeFile(join(dir, "redocly.yaml"), CONFIG_HEAD);
    return new RedoclySession(dir);
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  private cli(args: readonly string[], config = join(this.dir, "redocly.yaml")) {
    return runRedocly([...args, "--config", config], this.dir);
  }

  /**
   * Bundles every job's spec (external `$ref`s inlined) to its JSON file, in one CLI run (each
   * run costs a second of start-up), and returns the documents in job order.
   */
  async bundle(jobs: readonly BundleJob[]): Promise<Record<string, unknown>[]> {
    if (jobs.length === 0) return [];
    const config = join(this.dir, `bundle-${jobs[0]?.id}.yaml`);
    const apis = jobs
      .map(
        (job) =>
          `  ${job.id}:\n    root: ${JSON.stringify(job.specFile)}\n    output: ${JSON.stringify(job.outFile)}\n`,
      )
      .join("");
    await writeFile(config, `${CONFIG_HEAD}apis:\n${apis}`);
    const result = await this.cli(["bundle", "--ext", "json"], config);
    const documents: Record<string, unknown>[] = [];
    for (const job of jobs) {
      let document: unknown;
      try {
        document = JSON.parse(await readFile(job.outFile, "utf8"));
      } catch {
        document = undefined;
      }
      if (result.code !== 0 || typeof document !== "object" || document === null) {
        throw new ReleaseError(
          `redocly bundle failed${typeof document === "object" ? "" : ` for ${job.label}`}:\n${redoclyDiagnostics(result.stderr) || result.stdout}`,
          "Fix the spec so that `pnpm lint:specs` passes, then run this again.",
        );
      }
      documents.push(document as Record<string, unknown>);
    }
    return documents;
  }

  /** `redocly diff` of two bundled files: every change with the semver impact Redocly gives it. */
  async diff(baseFile: string, revisionFile: string): Promise<RedoclyReport> {
    const outFile = join(this.dir, `diff-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    const result = await this.cli([
      "diff",
      baseFile,
      revisionFile,
      "--format",
      "json",
      "--output",
      outFile,
      "--fail-on",
      "none",
      "--lint-config",
      "off",
    ]);
    let report: { bump?: unknown; changes?: unknown };
    try {
      report = JSON.parse(await readFile(outFile, "utf8")) as typeof report;
    } catch {
      throw new ReleaseError(
        `redocly diff printed no report (exit code ${result.code}):\n${redoclyDiagnostics(result.stderr) || result.stdout}`,
      );
    }
    if (!Array.isArray(report.changes)) {
      throw new ReleaseError(
        "redocly diff's report has no `changes` list: its JSON format may have changed.",
      );
    }
    const changes = report.changes.filter((change: { impact?: unknown }) =>
      isImpact(change.impact),
    ) as RedoclyChange[];
    return { bump: isImpact(report.bump) ? report.bump : undefined, changes };
  }
}
