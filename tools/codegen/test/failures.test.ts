// Every way `pnpm generate` can fail ends in one message naming the API, the step, the spec file
// and line, and what to do, never a stack trace; and the previous generated output is left as
// it was. Table: fixtures/broken/failures.json (one broken spec per failure kind).
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  generateApi,
  loadWorkspace,
  PipelineError,
  SpecPointerError,
  stepLabel,
  targets,
} from "../src/index.js";
import type { Target } from "../src/targets/index.js";
import { brokenSpec, copyWorkspace, FAILURES, lineOf, run, STACK_FRAME, snapshotTree } from "./helpers.js";

const SPEC = "specs/garage/openapi.yaml";
let workspace: { dir: string; cleanup: () => void };
let config: string;

beforeEach(async () => {
  workspace = copyWorkspace();
  config = join(workspace.dir, "redocly.yaml");
  // Both packages, so the client target runs too; then a good generation to keep intact.
  mkdirSync(join(workspace.dir, "packages/garage"), { recursive: true });
  writeFileSync(
    join(workspace.dir, "packages/garage/package.json"),
    JSON.stringify({ name: "@leadkit/garage", version: "1.0.0", type: "module" }),
  );
  expect((await run(["generate", "--config", config])).code).toBe(0);
});
afterEach(() => workspace.cleanup());

function breakSpec(kind: string): string {
  copyFileSync(brokenSpec(kind), join(workspace.dir, SPEC));
  return readFileSync(join(workspace.dir, SPEC), "utf8");
}

const withoutSpec = (tree: ReturnType<typeof snapshotTree>) => {
  tree.delete(SPEC);
  return tree;
};

describe("pnpm generate on a broken spec", () => {
  it.each(
    FAILURES.filter((failure) => failure.step !== "docs").map((failure) => [failure.kind, failure] as const),
  )("%s: one message (API, step, file:line, what to do), previous output intact", async (_kind, failure) => {
    const before = withoutSpec(snapshotTree(workspace.dir));
    const spec = breakSpec(failure.kind);

    const { code, output } = await run(["generate", "--config", config]);

    expect(code).toBe(1);
    const heading = `garage: ${stepLabel(failure.step)} failed at ${SPEC}:${lineOf(spec, failure.at)}`;
    expect(output).toContain(heading);
    expect(output.split("failed at").length - 1, "one message").toBe(1);
    for (const text of failure.reason) expect(output).toContain(text);
    expect(output).toContain(failure.fix);
    expect(output).toContain("The generated output of garage was left untouched.");
    expect(output).not.toMatch(STACK_FRAME);
    expect(withoutSpec(snapshotTree(workspace.dir))).toEqual(before);
  });

  it.each(FAILURES.filter((failure) => failure.step === "docs").map((failure) => [failure.kind]))(
    "%s: generates (only the reference page fails, see docs/test/failures.test.ts)",
    async (kind) => {
      breakSpec(kind);
      expect((await run(["generate", "--config", config])).code).toBe(0);
    },
  );

  it("fails through the real CLI process the same way: exit code 1, stderr without a stack", async () => {
    const kinds = ["ref-outside-components", "method-clash"];
    for (const kind of kinds) {
      breakSpec(kind);
      const result = await promisify(execFile)(
        process.execPath,
        ["--import", "tsx", "test/support/cli.ts", "generate", "--config", config],
        { cwd: new URL("..", import.meta.url).pathname },
      ).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `garage: ${stepLabel(FAILURES.find((f) => f.kind === kind)?.step ?? "")} failed at`,
      );
      expect(result.stderr).not.toMatch(STACK_FRAME);
    }
  }, 120_000);
});

describe("any exception inside a step", () => {
  const exploding = (error: unknown): Target => ({
    name: "mock",
    packageDir: (api) => api.typesDir,
    ownedDirs: (api) => [join(api.typesDir, "src", "mock")],
    async render() {
      throw error;
    },
  });
  const generate = (target: Target) => {
    const ws = loadWorkspace(config);
    return generateApi(ws, ws.apis[0] as (typeof ws.apis)[number], { targets: [...targets, target] }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
  };

  it("is wrapped with the API, the step (named after the target) and the spec, without its stack", async () => {
    const before = snapshotTree(workspace.dir);
    const error = await generate(
      exploding(new TypeError("Cannot read properties of undefined (reading 'kind')")),
    );
    expect(error).toBeInstanceOf(PipelineError);
    const message = (error as PipelineError).format();
    expect(message).toBe(
      [
        `garage: mock generation failed at ${SPEC}`,
        "  mock generation failed: TypeError: Cannot read properties of undefined (reading 'kind')",
        "The spec passes lint, but the mock generation step cannot handle it. Change the construct named above, then run `pnpm generate`. If the spec is right, this is a leadkit bug: report it with this message.",
      ].join("\n"),
    );
    expect(snapshotTree(workspace.dir)).toEqual(before);
  });

  it("points at the spec's line when the target names a place in the document", async () => {
    const spec = readFileSync(join(workspace.dir, SPEC), "utf8");
    const error = await generate(
      exploding(
        new SpecPointerError("Cars cannot be mocked.", "#/components/schemas/Car", "Remove the car."),
      ),
    );
    expect((error as PipelineError).format()).toBe(
      [
        `garage: mock generation failed at ${SPEC}:${lineOf(spec, "    Car:") + 1}:7`,
        "  Cars cannot be mocked.",
        "Remove the car.",
      ].join("\n"),
    );
  });
});
