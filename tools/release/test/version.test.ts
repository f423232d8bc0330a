import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { releaseProblems } from "../src/publish.js";
import { specDiff } from "../src/spec-diff.js";
import { annotateChangelog, specLine, versionPackages } from "../src/version.js";
import { bumpSpec, type FixtureRepo, fixtureRepo, NEW_LEAD } from "./helpers.js";

describe("annotateChangelog", () => {
  const changelog =
    "# @leadkit/x\n\n## 1.1.0\n\n### Minor Changes\n\n- Added a thing.\n\n## 1.0.0\n\n- First.\n";

  it.each([
    ["under the new version's heading", "1.1.0", "# @leadkit/x\n\n## 1.1.0\n\nLINE\n\n### Minor Changes"],
    ["nowhere when the version has no entry", "9.9.9", "# @leadkit/x\n\n## 1.1.0\n\n### Minor Changes"],
  ])("inserts the spec line %s", (_name, version, start) => {
    expect(annotateChangelog(changelog, version, "LINE").startsWith(start)).toBe(true);
  });

  it("inserts it once", () => {
    const once = annotateChangelog(changelog, "1.1.0", "LINE");
    expect(annotateChangelog(once, "1.1.0", "LINE")).toBe(once);
  });

  it.each([
    [undefined, "first release that records it"],
    ["1.0.0", "previous release: 1.0.0"],
    ["1.1.0", "unchanged since the previous release"],
  ])("says where the spec came from (previous %s)", (previous, words) => {
    expect(specLine("specs/x/openapi.yaml", "1.1.0", previous)).toBe(
      `Generated from \`specs/x/openapi.yaml\` info.version 1.1.0 (${words}).`,
    );
  });
});

describe("spec:diff --write, then version-packages", () => {
  let repo: FixtureRepo;
  beforeEach(async () => {
    repo = await fixtureRepo();
  });
  afterEach(async () => {
    await repo.cleanup();
  });

  it("versions the API's packages together and records the spec change in package.json and CHANGELOG", async () => {
    await repo.edit(NEW_LEAD, "  notes:\n", "  phone:\n    type: string\n  notes:\n");
    await bumpSpec(repo, "1.1.0");
    await specDiff({ root: repo.root, write: true });
    await repo.commit("spec change");
    const versioned = await versionPackages({ root: repo.root, skipWorkspaceRefresh: true, log: () => {} });
    expect(versioned.map((pkg) => [pkg.name, pkg.from, pkg.to, pkg.specVersion])).toEqual([
      ["@leadkit/garage-types", "1.0.0", "1.1.0", "1.1.0"],
      ["@leadkit/garage", "1.0.0", "1.1.0", "1.1.0"],
    ]);
    const manifest = JSON.parse(await repo.read("packages/garage/package.json"));
    expect(manifest.leadkit).toEqual({ api: "garage", specVersion: "1.1.0" });
    expect(manifest.dependencies["@leadkit/garage-types"]).toBe("workspace:^");
    expect(await readFile(join(repo.root, "packages/garage-types/CHANGELOG.md"), "utf8")).toBe(
      [
        "# @leadkit/garage-types",
        "",
        "## 1.1.0",
        "",
        "Generated from `specs/garage/openapi.yaml` info.version 1.1.0 (previous release: 1.0.0).",
        "",
        "### Minor Changes",
        "",
        "- Spec `garage` (specs/garage/openapi.yaml) info.version 1.0.0 → 1.1.0: minor.",
        "",
        "  - minor: Added property `phone`. (POST /leads request body)",
        '  - patch: Changed `version` of `#/info`: "1.0.0" → "1.1.0".',
        "",
      ].join("\n"),
    );
    expect(await repo.read("packages/garage/CHANGELOG.md")).toContain(
      "Updated dependencies: `@leadkit/garage-types@1.1.0`",
    );
    // Versioned on the branch: spec:diff --check is satisfied by the version bump itself.
    expect((await specDiff({ root: repo.root })).problems).toEqual([]);
    expect(await releaseProblems(repo.root, { LEADKIT_PROVENANCE: "false" })).toEqual([]);
  });
});

describe("release preflight", () => {
  let repo: FixtureRepo;
  beforeEach(async () => {
    repo = await fixtureRepo();
  });
  afterEach(async () => {
    await repo.cleanup();
  });

  it("refuses pending changesets, unrecorded spec versions and provenance without a CI identity", async () => {
    await repo.write(".changeset/pending.md", '---\n"@leadkit/garage": patch\n---\n\nFix.\n');
    await bumpSpec(repo, "1.0.1");
    const problems = await releaseProblems(repo.root, {});
    expect(problems.map((problem) => problem.split("\n")[0])).toEqual([
      "Pending changesets (.changeset/pending.md) are not versioned yet.",
      '@leadkit/garage-types 1.0.0 records leadkit {"api":"garage","specVersion":"1.0.0"}, but it is generated from specs/garage/openapi.yaml info.version 1.0.1.',
      '@leadkit/garage 1.0.0 records leadkit {"api":"garage","specVersion":"1.0.0"}, but it is generated from specs/garage/openapi.yaml info.version 1.0.1.',
      "npm provenance is on (publishConfig.provenance), but this is not a CI job with an OIDC identity npm can sign with (GitHub Actions with `id-token: write`, or GitLab CI with SIGSTORE_ID_TOKEN).",
    ]);
  });

  it.each([
    ["GitHub Actions with id-token", { GITHUB_ACTIONS: "true", ACTIONS_ID_TOKEN_REQUEST_URL: "http://x" }, 0],
    ["GitHub Actions without id-token", { GITHUB_ACTIONS: "true" }, 1],
    ["GitLab CI with SIGSTORE_ID_TOKEN", { GITLAB_CI: "true", SIGSTORE_ID_TOKEN: "t" }, 0],
    ["LEADKIT_PROVENANCE=false", { LEADKIT_PROVENANCE: "false" }, 0],
    ["a laptop", {}, 1],
  ])("provenance: %s", async (_name, env, count) => {
    expect(await releaseProblems(repo.root, env)).toHaveLength(count);
  });
});
