// The kept reference pages (`leadkit-docs reference`, and every page the site build renders): a
// page is reused only while its key (everything it is made from) still matches, so an edited spec
// never ships a stale page, and an unchanged API's page is not rendered again.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/build.js";
import { buildPrebuiltReference, prebuiltDir, readPrebuilt, referenceKey } from "../src/reference.js";
import { loadSite } from "../src/site.js";
import { fixtureWorkspace, type TempWorkspace } from "./helpers/workspace.js";

let workspace: TempWorkspace;
beforeAll(async () => {
  workspace = await fixtureWorkspace();
});
afterAll(() => workspace?.cleanup());

describe("prebuilt reference pages", () => {
  it("are written into the types package and copied by the site build while current", async () => {
    const [garage] = loadSite({ root: workspace.root, apis: ["garage"] }).apis;
    if (garage === undefined) throw new Error("no garage API in the fixture");
    await buildPrebuiltReference(garage);
    const dir = prebuiltDir(garage);
    expect(dir).toBe(join(workspace.root, "packages", "garage-types", ".artifacts", "reference"));
    const manifest = JSON.parse(readFileSync(join(dir, "reference.json"), "utf8"));
    expect(manifest).toMatchObject({ api: "garage", key: referenceKey(garage) });

    const site = await buildSite({ root: workspace.root, outDir: join(workspace.root, "site") });
    const byApi = Object.fromEntries(site.references.map((reference) => [reference.api, reference.prebuilt]));
    expect(byApi).toEqual({ garage: true, "parts-depot": false, showroom: false });
    expect(readFileSync(join(workspace.root, "site", "garage", "index.html"), "utf8")).toBe(
      readFileSync(join(dir, "index.html"), "utf8"),
    );
  });

  it("are kept by the site build that rendered them, and reused by the next one", async () => {
    const outDir = join(workspace.root, "site-again");
    const site = await buildSite({ root: workspace.root, outDir });
    const byApi = Object.fromEntries(site.references.map((reference) => [reference.api, reference.prebuilt]));
    expect(byApi).toEqual({ garage: true, "parts-depot": true, showroom: true });
    for (const api of loadSite({ root: workspace.root }).apis) {
      expect(readFileSync(join(outDir, api.name, "index.html"), "utf8")).toBe(readPrebuilt(api));
    }
  });

  it("are not reused once the spec they were made from changed", async () => {
    const specFile = join(workspace.root, "packages", "garage-types", "spec", "openapi.json");
    const spec = JSON.parse(readFileSync(specFile, "utf8"));
    spec.info.title = `${spec.info.title} (edited)`;
    writeFileSync(specFile, JSON.stringify(spec, null, 2));
    const [garage] = loadSite({ root: workspace.root, apis: ["garage"] }).apis;
    if (garage === undefined) throw new Error("no garage API in the fixture");
    expect(readPrebuilt(garage)).toBeUndefined();
    const site = await buildSite({
      root: workspace.root,
      outDir: join(workspace.root, "site2"),
      apis: ["garage"],
    });
    expect(site.references[0]?.prebuilt).toBe(false);
    const page = readFileSync(join(workspace.root, "site2", "garage", "index.html"), "utf8");
    expect(page).toContain("(edited)");
    // ...and the page rendered now is the one kept.
    expect(readPrebuilt(garage)).toBe(page);
  });
});
