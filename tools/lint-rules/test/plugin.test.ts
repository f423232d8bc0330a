// Runs the real Redocly CLI with leadkit's rules on fixtures: the valid spec passes, and each
// rule reports its mistake in the broken one with file and line.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const fixtures = new URL("./fixtures/", import.meta.url).pathname;
const cli = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin/cli.js");

interface Problem {
  ruleId: string;
  message: string;
  location: Array<{ source: { ref: string }; start: { line: number } }>;
}

async function lint(api: string): Promise<Problem[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, "lint", api, "--config", join(fixtures, "redocly.yaml"), "--format", "json"],
    { cwd: fixtures, env: { ...process.env, REDOCLY_TELEMETRY: "off" } },
  ).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
  return (JSON.parse(stdout) as { problems: Problem[] }).problems;
}

const brokenLines = readFileSync(join(fixtures, "broken.yaml"), "utf8").split("\n");
const lineOf = (needle: string) => brokenLines.findIndex((line) => line.includes(needle)) + 1;

// One CLI run per fixture (each takes a second or more on a busy machine), shared by the tests.
let broken: Problem[];
beforeAll(async () => {
  broken = await lint("broken");
});

describe("leadkit lint rules", () => {
  it("accept a spec that follows them", async () => {
    expect(await lint("valid")).toEqual([]);
  });

  it.each([
    ["leadkit/info-version-semver", "must be a semver version", "version: v1"],
    ["leadkit/operation-id-camel-case", "must be camelCase", "operationId: Create_Lead"],
    ["leadkit/inferred-marker", "has no `Inferred:` sentence", "description: The customer's name."],
    [
      "leadkit/inferred-marker",
      "must be one of `vendor-docs`, `public-source`, `inferred`",
      "x-source: guessed",
    ],
    ["leadkit/media-type-examples", "has no `example` or `examples`", "application/json:"],
    ["leadkit/response-source", "Response has no `x-source`", '"201":'],
  ])("%s reports %s at its line", (ruleId, message, line) => {
    const match = broken.find((problem) => problem.ruleId === ruleId && problem.message.includes(message));
    expect(match, JSON.stringify(broken.map((p) => [p.ruleId, p.message]))).toBeDefined();
    expect(match?.location[0]?.source.ref).toBe("broken.yaml");
    expect(match?.location[0]?.start.line).toBe(lineOf(line));
  });

  it("flag an `Inferred:` sentence on an object not marked inferred", () => {
    expect(broken.map((problem) => problem.message)).toContain(
      "The `description` says `Inferred:` but the object lacks `x-source: inferred`.",
    );
  });
});
