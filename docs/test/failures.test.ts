// The reference page is the last step of an API's pipeline. A spec that generates but cannot be
// rendered (the docs rows of tools/codegen/test/fixtures/broken/failures.json) fails
// `leadkit-docs reference` and `leadkit-docs build` with
// one message naming the API, the step, the spec file and line, and what to do, never a stack
// trace; the previous page and the previous site stay as they were.
import { execFile } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { generateApi, loadWorkspace, stepLabel } from "@leadkit/codegen";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/build.js";
import { buildPrebuiltReference, prebuiltDir } from "../src/reference.js";
import { loadSite } from "../src/site.js";
import { fixtureWorkspace, listFiles, type TempWorkspace } from "./helpers/workspace.js";

interface Failure {
  readonly kind: string;
  readonly step: string;
  readonly at: string;
  readonly reason: readonly string[];
  readonly fix: string;
}

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const BROKEN = join(REPO, "tools/codegen/test/fixtures/broken");
const FAILURES = (
  JSON.parse(readFileSync(join(BROKEN, "failures.json"), "utf8")) as { failures: Failure[] }
).failures.filter((failure) => failure.step === "docs");
const CLI = join(REPO, "docs/bin/leadkit-docs.js");
const SPEC = "specs/garage/openapi.yaml";
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m;
const lineOf = (text: string, needle: string) =>
  text.split("\n").findIndex((line) => line.includes(needle)) + 1;

let workspace: TempWorkspace;
let goodSpec: string;
beforeAll(async () => {
  workspace = await fixtureWorkspace();
  goodSpec = readFileSync(join(workspace.root, SPEC), "utf8");
});
afterAll(() => workspace?.cleanup());

async function docs(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [CLI, ...args, "--root", workspace.root], {
    cwd: workspace.root,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe("a spec that generates but cannot be rendered", () => {
  it.each(FAILURES.map((failure) => [failure.kind, failure] as const))(
    "%s: one message from reference and build, previous page and site intact",
    async (_kind, failure) => {
      // The last good page and site, from the fixture's own garage spec.
      const ws = loadWorkspace(join(workspace.root, "redocly.yaml"));
      const garage = ws.apis.find((api) => api.name === "garage");
      if (garage === undefined) throw new Error("no garage API in the fixture");
      writeFileSync(join(workspace.root, SPEC), goodSpec);
      await generateApi(ws, garage);
      const [page] = loadSite({ root: workspace.root, apis: ["garage"] }).apis;
      await buildPrebuiltReference(page as NonNullable<typeof page>);
      const pageFile = join(prebuiltDir(page as NonNullable<typeof page>), "index.html");
      const goodPage = readFileSync(pageFile, "utf8");
      const siteDir = join(workspace.root, "site");
      await buildSite({ root: workspace.root, outDir: siteDir });
      const goodSite = listFiles(siteDir).map((file) => [file, readFileSync(join(siteDir, file), "utf8")]);

      // The broken spec generates...
      const broken = join(BROKEN, failure.kind, "openapi.yaml");
      copyFileSync(broken, join(workspace.root, SPEC));
      const generated = await generateApi(ws, garage);
      expect(generated.status).toBe("changed");
      const line = lineOf(readFileSync(broken, "utf8"), failure.at);
      const heading = `garage: ${stepLabel("docs")} failed at ${SPEC}:${line}`;

      // ...but its page does not render: one message, the previous page kept.
      const reference = await docs("reference", "--api", "garage");
      expect(reference.code).toBe(1);
      expect(reference.stderr).toContain(heading);
      for (const text of failure.reason) expect(reference.stderr).toContain(text);
      expect(reference.stderr).toContain(failure.fix);
      expect(reference.stderr).toContain("The previous reference page of garage");
      expect(reference.stderr).not.toMatch(STACK_FRAME);
      expect(readFileSync(pageFile, "utf8")).toBe(goodPage);

      // The site build renders it too (its prebuilt page is stale now): the same, site kept.
      const site = await docs("build", "--out", siteDir);
      expect(site.code).toBe(1);
      expect(site.stderr).toContain(heading);
      expect(site.stderr).toContain("The previous site (site) was left as it was.");
      expect(site.stderr).not.toMatch(STACK_FRAME);
      expect(listFiles(siteDir).map((file) => [file, readFileSync(join(siteDir, file), "utf8")])).toEqual(
        goodSite,
      );
    },
    // Two site builds and two renders of the page, each starting the docs CLI and build-docs.
    300_000,
  );
});
