// Every way `pnpm new-api` can fail on a spec ends in one message naming the API, the step, the
// spec file as the user named it and its line, and what to do, never a stack trace; nothing is
// written and nothing installed. The table of broken specs is the codegen's
// (tools/codegen/test/fixtures/broken/failures.json), run here through new-api.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CodegenError, stepLabel } from "@leadkit/codegen";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { newApi } from "../src/new-api.js";
import { type MiniWorkspace, miniWorkspace, REPO, stubInstaller } from "./helpers.js";

interface Failure {
  readonly kind: string;
  readonly at: string;
  readonly newApi: {
    readonly accept: boolean;
    readonly step: string;
    /** Where new-api's message points, when it reads the spec differently (default: `at`). */
    readonly at?: string;
    readonly reason: readonly string[];
  } | null;
}

const BROKEN = join(REPO, "tools/codegen/test/fixtures/broken");
const FAILURES = (
  JSON.parse(readFileSync(join(BROKEN, "failures.json"), "utf8")) as { failures: Failure[] }
).failures.filter((failure) => failure.newApi !== null);
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m;
const lineOf = (text: string, needle: string) =>
  text.split("\n").findIndex((line) => line.includes(needle)) + 1;

let ws: MiniWorkspace;
beforeEach(() => {
  ws = miniWorkspace();
});
afterEach(() => ws.cleanup());

describe("pnpm new-api on a broken spec", () => {
  it.each(FAILURES.map((failure) => [failure.kind, failure] as const))(
    "%s: one message (API, step, the user's file:line, what to do), nothing written",
    async (_kind, failure) => {
      const expected = failure.newApi as NonNullable<Failure["newApi"]>;
      const spec = join(BROKEN, failure.kind, "openapi.yaml");
      const install = stubInstaller();
      const error = await newApi({
        root: ws.root,
        name: "garage",
        spec,
        acceptExistingProblems: expected.accept,
        install,
      }).then(
        () => undefined,
        (caught: unknown) => caught,
      );

      expect(error).toBeInstanceOf(CodegenError);
      const message = (error as CodegenError).format();
      const line = lineOf(readFileSync(spec, "utf8"), expected.at ?? failure.at);
      expect(message).toMatch(
        new RegExp(
          `^garage: ${literal(stepLabel(expected.step))} failed at ${literal(relative(process.cwd(), spec))}:${line}\\b`,
        ),
      );
      for (const text of expected.reason) expect(message).toContain(text);
      expect(message).toMatch(/Nothing was created\.$/);
      expect(message).not.toContain("leadkit-new-api-"); // no path into the staging copy
      expect(message).not.toMatch(STACK_FRAME);
      expect(install.calls).toBe(0);
      expect(ws.status()).toEqual([]);
    },
  );

  it("prints that one message from the command, exit code 1", async () => {
    const lines: string[] = [];
    const capture = (...parts: unknown[]) => lines.push(parts.join(" "));
    const [log, error] = [console.log, console.error];
    console.log = capture;
    console.error = capture;
    const cwd = process.env.INIT_CWD;
    process.env.INIT_CWD = ws.root;
    try {
      const code = await main([
        "new-api",
        "garage",
        join(BROKEN, "swagger-2", "openapi.yaml"),
        "--no-install",
      ]);
      expect(code).toBe(1);
    } finally {
      console.log = log;
      console.error = error;
      if (cwd === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = cwd;
    }
    const output = lines.filter((line) => !line.startsWith("spec: ")).join("\n");
    expect(output).toMatch(/^garage: reading the spec's files failed at .*swagger-2\/openapi\.yaml:3\n/);
    expect(output).toContain("Nothing was created.");
    expect(ws.status()).toEqual([]);
  });
});

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
