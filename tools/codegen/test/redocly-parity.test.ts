// The codegen lints and bundles in-process with @redocly/openapi-core 2.64 (the newest published),
// while `pnpm lint` used to run, and release tooling still runs, the pinned CLI 2.77 (which ships
// its own newer copy of openapi-core). Both must agree, with leadkit's rules and plugins: on the
// lint rules' fixtures, the codegen's, the scaffold's vendor slice (and GitHub's full description,
// in the slow tier: redocly-parity.e2e.test.ts), and on the cases where the two versions differ
// (discriminator mapping names, see redocly.ts), the same problems (file, line, column, severity,
// rule, message) and the same bundled JSON.
// (Not on specs/: this package's tests must not re-run on every spec edit.)
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  bundleSpecFile,
  lintApi,
  loadWorkspace,
  PipelineError,
  redoclyDiagnostics,
  runRedocly,
} from "../src/index.js";
import { FIXTURES } from "./helpers.js";
import {
  compare,
  PROJECT_CONFIG,
  REPO,
  removeTemps,
  SCAFFOLD_FIXTURES,
  temps,
  workspaceFor,
} from "./parity.js";

afterAll(removeTemps);

describe("in-process Redocly agrees with the pinned CLI", () => {
  it.each(["broken", "valid"])("the lint rules' fixture %s (leadkit's plugin rules)", async (api) => {
    await compare(join(REPO, "tools/lint-rules/test/fixtures/redocly.yaml"), api);
  });

  it.each<[string, string]>([
    ["the codegen's golden fixture", join(FIXTURES, "workspace/specs/garage/openapi.yaml")],
    ["the codegen's lint-failing fixture", join(FIXTURES, "broken/lint/openapi.yaml")],
    [
      "a multi-file vendor slice (GitHub issues, 43 JSON files)",
      join(SCAFFOLD_FIXTURES, "github/openapi.json"),
    ],
    ["a multi-file spec failing lint", join(SCAFFOLD_FIXTURES, "fails-lint/openapi.yaml")],
    ["a spec with structural problems", join(SCAFFOLD_FIXTURES, "bad-structure/openapi.yaml")],
    [
      "discriminator mappings by name, by $ref, and to nothing",
      join(FIXTURES, "parity/discriminator-mapping.yaml"),
    ],
  ])("%s, with the project's rules", async (_name, spec) => {
    const problems = await compare(workspaceFor(spec, PROJECT_CONFIG), "subject");
    if (spec.endsWith("discriminator-mapping.yaml")) {
      // The case where openapi-core 2.64 alone differs from the CLI (see redocly.ts).
      const mapping = problems.filter((problem) => problem.ruleId === "no-unresolved-refs");
      expect(mapping.map((problem) => problem.message).sort()).toEqual([
        "Can't resolve $ref",
        "Discriminator mapping value 'Bird' does not point to an existing schema component.",
      ]);
    }
  });

  it("refuses a JSON spec with a key twice, at its line (JSON files are parsed with JSON.parse when that is safe)", async () => {
    // Written here, not kept as a fixture: the repository's JSON is formatted and linted (Biome).
    const spec = join(mkdtempSync(join(tmpdir(), "leadkit-parity-dup-")), "openapi.json");
    temps.push(dirname(spec));
    writeFileSync(
      spec,
      '{\n  "openapi": "3.1.0",\n  "info": { "title": "Dup", "version": "1.0.0", "title": "Dup again" },\n  "paths": {}\n}\n',
    );
    const config = workspaceFor(spec, PROJECT_CONFIG);
    const cli = await runRedocly(
      ["lint", "subject", "--config", config, "--format", "json"],
      dirname(config),
    );
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/duplicated mapping key .*\(3:50\)/);
    const workspace = loadWorkspace(config);
    const error = await lintApi(workspace, workspace.apis[0] as (typeof workspace.apis)[number]).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).location).toMatchObject({ line: 3, col: 50 });
    expect((error as PipelineError).reason).toContain("duplicated mapping key");
  });

  it("honours .redocly.lint-ignore.yaml written by the CLI", async () => {
    const config = workspaceFor(join(SCAFFOLD_FIXTURES, "fails-lint/openapi.yaml"), PROJECT_CONFIG);
    await runRedocly(["lint", "subject", "--config", config, "--generate-ignore-file"], dirname(config));
    expect(readFileSync(join(dirname(config), ".redocly.lint-ignore.yaml"), "utf8")).toContain("fails-lint");
    expect(await compare(config, "subject")).toEqual([]);
  });

  it("a spec file outside any workspace (bundleSpecFile), with a config's decorator", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leadkit-parity-file-"));
    temps.push(dir);
    const spec = join(dir, "openapi.yaml");
    writeFileSync(
      spec,
      [
        "openapi: 3.1.0",
        "info: { title: Lone, version: 1.0.0 }",
        "paths:",
        "  /public: { get: { responses: { '200': { description: OK, content: { application/json: { schema: { $ref: ./thing.yaml } } } } } } }",
        "  /internal: { x-internal: true, get: { responses: { '200': { description: OK } } } }",
        "",
      ].join("\n"),
    );
    writeFileSync(join(dir, "thing.yaml"), "type: object\nproperties: { id: { type: string } }\n");
    const config = join(dir, "bundle.yaml");
    writeFileSync(config, "telemetry: off\ndecorators:\n  remove-x-internal: on\n");
    const run = await runRedocly(["bundle", spec, "--config", config, "--ext", "json"], dir);
    expect(run.code, redoclyDiagnostics(run.stderr)).toBe(0);
    const bundled = await bundleSpecFile(spec, { configFile: config });
    expect(Object.keys(bundled.paths ?? {})).toEqual(["/public"]);
    expect(JSON.stringify(bundled, null, 2)).toBe(JSON.stringify(JSON.parse(run.stdout), null, 2));
  });
});
