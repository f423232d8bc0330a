// The release policy of this repository itself: derived config in sync, nothing publishable by
// accident, and `spec:diff --check` clean against the merge base with main (in CI, on main,
// that is HEAD: it then checks that no spec moved on past its recorded release unreleased).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readReleasePlan } from "../src/changesets.js";
import { resolveBase } from "../src/git.js";
import { specDiff } from "../src/spec-diff.js";
import { sync } from "../src/sync.js";
import { apiPackages, listPackages, loadWorkspace } from "../src/workspace.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

describe("this repository's release policy", () => {
  it("has .changeset/config.json and publishConfig in sync with redocly.yaml (`leadkit-release sync --check`)", async () => {
    expect(await sync({ root, check: true })).toEqual([]);
  });

  it("publishes only the packages under packages/; tools and docs are private", async () => {
    const published = (await listPackages(root)).filter((pkg) => pkg.manifest.private !== true);
    for (const pkg of published) expect(pkg.path).toMatch(/^packages\//);
    const apiNames = (await apiPackages(loadWorkspace(root))).flatMap((entry) =>
      entry.packages.map((pkg) => pkg.manifest.name),
    );
    expect(published.map((pkg) => pkg.manifest.name)).toEqual(expect.arrayContaining(apiNames));
  });

  it("uses the changelog module of this package and links nothing", () => {
    const config = JSON.parse(readFileSync(`${root}.changeset/config.json`, "utf8"));
    expect(config.changelog).toEqual(["../tools/release/changelog.cjs", {}]);
    expect(config.privatePackages).toEqual({ version: false, tag: false });
  });

  it("is readable by changesets (config valid, pending changesets parse)", async () => {
    await expect(readReleasePlan(root)).resolves.toBeDefined();
  });

  it("passes spec:diff --check", async () => {
    const base = await resolveBase(root).catch(() => undefined);
    const report = await specDiff({ root, base: base === undefined ? "HEAD" : undefined });
    expect(report.problems).toEqual([]);
  });
});
