// spec:diff bundles in-process (the codegen's `bundleSpecFile`, @redocly/openapi-core 2.64) and
// diffs with the pinned CLI (2.77), which reads those bundles. They must be what `redocly bundle`
// would have written with the session's own config, or a diff could rate what the bundlers made
// instead of what the specs say.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { redoclyDiagnostics, runRedocly } from "@leadkit/codegen";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReleaseError } from "../src/errors.js";
import { RedoclySession } from "../src/redocly.js";
import { FIXTURE, SPEC } from "./helpers.js";

let session: RedoclySession;
let specs: string;
beforeAll(async () => {
  session = await RedoclySession.open();
  specs = await mkdtemp(join(tmpdir(), "leadkit-release-redocly-"));
});
afterAll(async () => {
  await session.close();
  await rm(specs, { recursive: true, force: true });
});

describe("RedoclySession.bundle", () => {
  it("writes the JSON that `redocly bundle --ext json` writes with the session's config (the fixture, with a $ref'd file)", async () => {
    const specFile = join(FIXTURE, SPEC);
    const outFile = join(session.dir, "in-process.json");
    const cliFile = join(session.dir, "cli.json");
    const document = await session.bundle({ specFile, root: FIXTURE, outFile, label: SPEC });
    const cli = await runRedocly(
      [
        "bundle",
        specFile,
        "--ext",
        "json",
        "--output",
        cliFile,
        "--config",
        join(session.dir, "redocly.yaml"),
      ],
      session.dir,
    );
    expect(cli.code, redoclyDiagnostics(cli.output)).toBe(0);
    const expected = JSON.parse(await readFile(cliFile, "utf8")) as Record<string, unknown>;
    // The $ref'd file was inlined: a bundle, not the root file as it is.
    expect(Object.keys((expected.components as { schemas: object }).schemas)).toContain("new-lead");
    expect(document).toStrictEqual(expected);
    // `redocly diff` reads the file: the same bytes as the CLI's (key order and layout included).
    expect(await readFile(outFile, "utf8")).toBe(await readFile(cliFile, "utf8"));
  });

  it.each<[string, string, RegExp]>([
    [
      "a $ref to a file that does not exist",
      'openapi: 3.1.0\ninfo:\n  title: T\n  version: 1.0.0\npaths: {}\ncomponents:\n  schemas:\n    A:\n      $ref: "./missing.yaml"\n',
      /\(openapi\.yaml:9:7\):\n {2}openapi\.yaml:9:7 {2}error {2}bundler {2}Can't resolve \$ref/,
    ],
    [
      "invalid YAML",
      "openapi: 3.1.0\ninfo: [\n",
      /\(openapi\.yaml:3:1\):\n {2}The spec is not valid YAML or JSON/,
    ],
    ["no OpenAPI document", "title: not a spec\n", /: Unsupported specification/],
  ])(
    "fails on %s with a ReleaseError that names the spec, without a stack trace",
    async (_name, text, detail) => {
      const specFile = join(specs, "openapi.yaml");
      await writeFile(specFile, text);
      const label = "specs/broken/openapi.yaml at main";
      const error = await session
        .bundle({ specFile, root: specs, outFile: join(session.dir, "broken.json"), label })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ReleaseError);
      const { message, fix } = error as ReleaseError;
      expect(message).toMatch(new RegExp(`^Redocly could not bundle ${label}`));
      expect(message).toMatch(detail);
      expect(message).not.toMatch(/\n\s+at /);
      expect(fix).toBe("Fix the spec so that `pnpm lint:specs` passes, then run this again.");
    },
  );
});
