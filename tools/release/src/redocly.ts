// Bundling and `redocly diff` (experimental since @redocly/cli 2.72) for spec:diff. Both sides of
// a comparison are bundled the same way, outside the workspace and without its redocly.yaml, so
// that whatever differs between them is in the specs.
//
// Bundling runs in this process, through the codegen's `bundleSpecFile` (@redocly/openapi-core,
// loaded once): starting the CLI costs a second of CPU each time, and a bundle takes milliseconds.
// `diff` is not in openapi-core, so it is still a run of the pinned CLI, in a scratch folder with
// its own config. That config must extend `diff-recommended`: diff rules (which change is major)
// come from the config's presets, and a config without them (such as the workspace's redocly.yaml,
// which extends only `recommended-strict`) makes `redocly diff` rate every change patch or minor.
// Bundling reads no config: `diff-recommended` holds diff rules only (no decorators, preprocessors
// or resolve settings, which are all a bundle could take from it), and openapi-core 2.64, which
// predates it, refuses to load it. test/redocly.test.ts holds the in-process bundle to what
// `redocly bundle` writes with the diff config.

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  bundleSpecFile,
  describeError,
  formatLocation,
  PipelineError,
  redoclyDiagnostics,
  runRedocly,
} from "@leadkit/codegen";
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
  readonly specFile: string;
  /** The folder the spec's paths in an error message are relative to (the workspace, or its copy). */
  readonly root: string;
  /** Where to write the bundle, as `redocly bundle --ext json` writes it, for `diff`. */
  readonly outFile: string;
  /** How to name the spec in an error message. */
  readonly label: string;
}

/** A scratch folder with leadkit's diff config: spec:diff bundles into it, and diffs there. */
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

  private cli(args: readonly string[]) {
    return runRedocly([...args, "--config", join(this.dir, "redocly.yaml")], this.dir);
  }

  /**
   * Bundles a spec (external `$ref`s inlined) and writes it to `outFile` for `diff`. A spec that
   * cannot be bundled fails with a `ReleaseError` naming it.
   */
  async bundle(job: BundleJob): Promise<Record<string, unknown>> {
    let document: Record<string, unknown>;
    try {
      document = await bundleSpecFile(job.specFile, { root: job.root });
    } catch (error) {
      // The codegen's error names the file and line; its fix (`pnpm generate`) is not this command's.
      const why =
        error instanceof PipelineError
          ? ` (${formatLocation(error.location)}):\n${error.reason.replace(/^/gm, "  ")}`
          : `: ${describeError(error)}`;
      throw new ReleaseError(
        `Redocly could not bundle ${job.label}${why}`,
        "Fix the spec so that `pnpm lint:specs` passes, then run this again.",
      );
    }
    await writeFile(job.outFile, JSON.stringify(document, null, 2));
    return document;
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
