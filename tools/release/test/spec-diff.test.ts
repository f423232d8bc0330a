import { existsSync } from "node:fs";
import { cp, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Impact } from "../src/impact.js";
import { specDiff } from "../src/spec-diff.js";
import { bumpSpec, type FixtureRepo, fixtureRepo, NEW_LEAD, SPEC } from "./helpers.js";

let repo: FixtureRepo;
beforeEach(async () => {
  repo = await fixtureRepo();
});
afterEach(async () => {
  await repo.cleanup();
});

const ENDPOINT = `  /leads/{id}:
    get:
      operationId: getLead
      summary: Get a lead
      description: Gets a lead.
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: The lead.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Lead"
components:
`;

type Case = [name: string, { edit: (repo: FixtureRepo) => Promise<void>; want: Impact; rule?: string }];

/** The rule of each diff case; the rules themselves are documented in ../README.md. */
const CASES: Case[] = [
  [
    "new optional request property (in a $ref'd file)",
    { edit: (r) => r.edit(NEW_LEAD, "  notes:\n", "  phone:\n    type: string\n  notes:\n"), want: "minor" },
  ],
  [
    "new required request property",
    {
      edit: async (r) => {
        await r.edit(NEW_LEAD, "required: [email]", "required: [email, phone]");
        await r.edit(NEW_LEAD, "  notes:\n", "  phone:\n    type: string\n  notes:\n");
      },
      want: "major",
      rule: "required-properties-added",
    },
  ],
  [
    "removed enum value in a request",
    {
      edit: (r) => r.edit(NEW_LEAD, "enum: [web, phone, walk-in]", "enum: [web, phone]"),
      want: "major",
      rule: "enum-values-removed",
    },
  ],
  [
    "removed enum value in a response (Redocly: patch)",
    {
      edit: (r) => r.edit(SPEC, "enum: [new, contacted]", "enum: [new]"),
      want: "major",
      rule: "leadkit/enum-value-removed",
    },
  ],
  [
    "added enum value in a response",
    {
      edit: (r) => r.edit(SPEC, "enum: [new, contacted]", "enum: [new, contacted, won]"),
      want: "major",
      rule: "enum-values-added",
    },
  ],
  [
    "added enum value in a request (Redocly: patch)",
    {
      edit: (r) => r.edit(NEW_LEAD, "enum: [web, phone, walk-in]", "enum: [web, phone, walk-in, chat]"),
      want: "minor",
      rule: "leadkit/request-enum-value-added",
    },
  ],
  [
    "description-only change",
    { edit: (r) => r.edit(NEW_LEAD, "Contact email.", "The contact's email address."), want: "patch" },
  ],
  ["new endpoint", { edit: (r) => r.edit(SPEC, "components:\n", ENDPOINT), want: "minor" }],
  [
    "removed optional request property (Redocly: patch)",
    {
      edit: (r) => r.edit(NEW_LEAD, "  notes:\n    type: string\n", ""),
      want: "major",
      rule: "leadkit/request-property-removed",
    },
  ],
  [
    "request property no longer required (Redocly: patch)",
    {
      edit: (r) => r.edit(NEW_LEAD, "required: [email]", "required: []"),
      want: "minor",
      rule: "leadkit/request-property-optional",
    },
  ],
  [
    "renamed component schema (Redocly: patch)",
    {
      edit: async (r) => {
        await r.edit(SPEC, '"#/components/schemas/Lead"', '"#/components/schemas/LeadRecord"');
        await r.edit(SPEC, "    Lead:\n", "    LeadRecord:\n");
      },
      want: "major",
      rule: "leadkit/component-schema-removed",
    },
  ],
  [
    "removed operationId (the operation is renamed from its method and path: postLeads)",
    {
      edit: (r) => r.edit(SPEC, "      operationId: createLead\n", ""),
      want: "major",
      rule: "operation-id-changed",
    },
  ],
  [
    "generated output changed without a spec change (generator upgrade)",
    {
      edit: (r) =>
        r.edit(
          "packages/garage-types/src/generated/api.gen.ts",
          "export const",
          "// new generator\nexport const",
        ),
      want: "patch",
      rule: "leadkit/generated-output-changed",
    },
  ],
];

describe("spec:diff rates each kind of change", () => {
  it.each(CASES)("%s", async (_name, { edit, want, rule }) => {
    await edit(repo);
    const report = await specDiff({ root: repo.root });
    const api = report.apis[0];
    expect(api?.impact).toBe(want);
    expect(api?.state).toBe(rule === "leadkit/generated-output-changed" ? "generated-only" : "changed");
    if (rule !== undefined) {
      expect(api?.changes.find((change) => change.impact === want)?.rule).toBe(rule);
    }
  });

  it("an operationId added to an operation that had none is a breaking rename (Redocly: patch)", async () => {
    await repo.edit(SPEC, "components:\n", ENDPOINT.replace("      operationId: getLead\n", ""));
    await repo.commit("an endpoint without an operationId");
    await repo.edit(
      SPEC,
      "    get:\n      summary: Get a lead",
      "    get:\n      operationId: getLead\n      summary: Get a lead",
    );
    const api = (await specDiff({ root: repo.root, base: "HEAD" })).apis[0];
    expect(api?.impact).toBe("major");
    expect(api?.changes.filter((change) => change.impact === "major")).toEqual([
      {
        impact: "major",
        message:
          "Operation `GET /leads/{id}` is now named `getLead` (was `getLeadsById`) because an operationId was added: its client method, type aliases and operationsById key are renamed.",
        where: "GET /leads/{id}",
        pointer: "#/paths/~1leads~1{id}/get/operationId",
        rule: "leadkit/operation-renamed",
        ...(api?.changes[0]?.redoclyImpact === undefined
          ? {}
          : { redoclyImpact: api.changes[0].redoclyImpact }),
      },
    ]);
  });

  it("reports nothing when nothing changed", async () => {
    const report = await specDiff({ root: repo.root });
    expect(report.apis.map((api) => [api.api, api.state, api.impact])).toEqual([
      ["garage", "unchanged", "none"],
    ]);
    expect(report.problems).toEqual([]);
  });

  it("compares with the given --base instead of the merge base with main", async () => {
    await repo.edit(NEW_LEAD, "Contact email.", "The contact's email address.");
    await bumpSpec(repo, "1.0.1");
    await repo.commit("describe email");
    expect((await specDiff({ root: repo.root })).apis[0]?.impact).toBe("patch");
    expect((await specDiff({ root: repo.root, base: "HEAD" })).apis[0]?.impact).toBe("none");
  });
});

describe("spec:diff --check and --write", () => {
  const addPhone = () => repo.edit(NEW_LEAD, "  notes:\n", "  phone:\n    type: string\n  notes:\n");

  it("fails a minor change with no changeset and no info.version bump, saying what to run", async () => {
    await addPhone();
    const { problems } = await specDiff({ root: repo.root });
    expect(problems.map((problem) => problem.message)).toEqual([
      "specs/garage/openapi.yaml: info.version went 1.0.0 → 1.0.0 (none), but the spec changes are minor.",
      "garage: the changes need a minor release of @leadkit/garage-types and @leadkit/garage, but the pending changesets release them as nothing.",
    ]);
    expect(problems[0]?.fix).toContain("it sets info.version in specs/garage/openapi.yaml to 1.1.0");
    expect(problems[1]?.fix).toContain("pnpm spec:diff --write");
  });

  it("fails when info.version is bumped less than the changes need", async () => {
    await addPhone();
    await bumpSpec(repo, "1.0.1");
    const { problems } = await specDiff({ root: repo.root });
    expect(problems.map((problem) => problem.message)).toContain(
      "specs/garage/openapi.yaml: info.version went 1.0.0 → 1.0.1 (patch), but the spec changes are minor.",
    );
    expect(problems[0]?.fix).toContain("pnpm spec:diff --write");
  });

  it("--write alone prepares the release: raises info.version in place, regenerates, writes the changeset", async () => {
    await addPhone();
    // a comment and the author's layout around the version, which must survive the edit
    await repo.edit(SPEC, "  version: 1.0.0\n", "  version: 1.0.0 # bumped by spec:diff --write\n");
    const before = await repo.read(SPEC);

    const report = await specDiff({ root: repo.root, write: true });

    expect(report.problems).toEqual([]);
    expect(report.apis[0]?.raisedSpecVersion).toEqual({ from: "1.0.0", to: "1.1.0" });
    expect(await repo.read(SPEC)).toBe(
      before.replace("  version: 1.0.0 # bumped", "  version: 1.1.0 # bumped"),
    );
    // regenerated from the raised spec: the banner and the exported version say 1.1.0
    expect(report.apis[0]?.regenerated).toContain("packages/garage-types/src/generated/api.gen.ts");
    expect(await repo.read("packages/garage-types/src/generated/api.gen.ts")).toContain(
      'export const specVersion = "1.1.0";',
    );
    expect(await repo.read("packages/garage/src/generated/client.gen.ts")).toContain("(info.version 1.1.0)");
    expect(report.apis[0]?.wrote).toBe(".changeset/spec-garage-1.1.0.md");
    expect(await repo.read(".changeset/spec-garage-1.1.0.md")).toContain(
      "Spec `garage` (specs/garage/openapi.yaml) info.version 1.0.0 → 1.1.0: minor.",
    );
    // right after it, --check passes, and a second --write changes nothing
    expect((await specDiff({ root: repo.root })).problems).toEqual([]);
    const again = await specDiff({ root: repo.root, write: true });
    expect(again.apis[0]?.raisedSpecVersion).toBeUndefined();
    expect(again.apis[0]?.regenerated).toBeUndefined();
    expect(await repo.read(SPEC)).toContain("version: 1.1.0 # bumped");
  }, 180_000); // three spec:diff runs and two regenerations

  it("--write raises a hand bump that is too small, to the base version plus the impact", async () => {
    await repo.edit(NEW_LEAD, "enum: [web, phone, walk-in]", "enum: [web, phone]");
    await bumpSpec(repo, "1.1.0");
    const report = await specDiff({ root: repo.root, write: true });
    expect(report.apis[0]?.raisedSpecVersion).toEqual({ from: "1.1.0", to: "2.0.0" });
    expect(report.apis[0]?.wrote).toBe(".changeset/spec-garage-2.0.0.md");
    expect(report.problems).toEqual([]);
  });

  it("--write leaves an info.version already raised by hand far enough alone", async () => {
    await addPhone();
    await bumpSpec(repo, "2.0.0");
    const report = await specDiff({ root: repo.root, write: true });
    expect(report.apis[0]?.raisedSpecVersion).toBeUndefined();
    expect(await repo.read(SPEC)).toContain("  version: 2.0.0\n");
    expect(report.apis[0]?.wrote).toBe(".changeset/spec-garage-2.0.0.md");
    expect(report.problems).toEqual([]);
  });

  it("--write adds one changeset for the API's packages at the needed bump, listing the changes", async () => {
    await addPhone();
    await bumpSpec(repo, "1.1.0");
    const report = await specDiff({ root: repo.root, write: true });
    expect(report.problems).toEqual([]);
    expect(report.apis[0]?.wrote).toBe(".changeset/spec-garage-1.1.0.md");
    expect(await repo.read(".changeset/spec-garage-1.1.0.md")).toBe(
      [
        "---",
        '"@leadkit/garage-types": minor',
        '"@leadkit/garage": minor',
        "---",
        "",
        "Spec `garage` (specs/garage/openapi.yaml) info.version 1.0.0 → 1.1.0: minor.",
        "",
        "- minor: Added property `phone`. (POST /leads request body)",
        '- patch: Changed `version` of `#/info`: "1.0.0" → "1.1.0".',
        "",
      ].join("\n"),
    );
    expect(report.apis[0]?.packages.map((pkg) => [pkg.name, pkg.planned, pkg.covered])).toEqual([
      ["@leadkit/garage-types", "minor", true],
      ["@leadkit/garage", "minor", true],
    ]);
  });

  it("--write refreshes its own changeset when the spec changes again (one file per API)", async () => {
    await addPhone();
    await bumpSpec(repo, "1.1.0");
    await specDiff({ root: repo.root, write: true });
    await repo.edit(NEW_LEAD, "enum: [web, phone, walk-in]", "enum: [web, phone]");
    await repo.edit(SPEC, "version: 1.1.0", "version: 2.0.0");
    const report = await specDiff({ root: repo.root, write: true });
    expect(report.problems).toEqual([]);
    const files = (await readdir(join(repo.root, ".changeset"))).filter((file) => file.endsWith(".md"));
    expect(files).toEqual(["spec-garage-2.0.0.md"]);
    expect(await repo.read(".changeset/spec-garage-2.0.0.md")).toContain('"@leadkit/garage": major');
  });

  it("--write leaves a covering changeset alone, and --check counts it", async () => {
    await addPhone();
    await bumpSpec(repo, "2.0.0");
    // Written by hand, and for the types package only: the fixed group releases the client too.
    await repo.write(
      ".changeset/hand-written.md",
      '---\n"@leadkit/garage-types": major\n---\n\nRework leads.\n',
    );
    const report = await specDiff({ root: repo.root, write: true });
    expect(report.apis[0]?.wrote).toBeUndefined();
    expect(existsSync(join(repo.root, ".changeset/spec-garage-2.0.0.md"))).toBe(false);
    expect(report.apis[0]?.packages.map((pkg) => [pkg.name, pkg.planned])).toEqual([
      ["@leadkit/garage-types", "major"],
      ["@leadkit/garage", "major"],
    ]);
    expect(report.problems).toEqual([]);
  });

  it("fails a major change released as a patch", async () => {
    await repo.edit(NEW_LEAD, "enum: [web, phone, walk-in]", "enum: [web, phone]");
    await bumpSpec(repo, "2.0.0");
    await repo.write(
      ".changeset/too-small.md",
      '---\n"@leadkit/garage-types": patch\n---\n\nDrop walk-in.\n',
    );
    const { problems } = await specDiff({ root: repo.root });
    expect(problems.map((problem) => problem.message)).toEqual([
      "garage: the changes need a major release of @leadkit/garage-types and @leadkit/garage, but the pending changesets release them as patch.",
    ]);
  });

  it("requires a patch release for a generator change, and no info.version bump", async () => {
    await repo.edit("packages/garage-types/src/generated/api.gen.ts", "export const", "// new\nexport const");
    const report = await specDiff({ root: repo.root, write: true });
    expect(report.problems).toEqual([]);
    expect(await repo.read(".changeset/spec-garage-1.0.0.md")).toContain(
      "Regenerated from the unchanged spec `garage` (specs/garage/openapi.yaml, info.version 1.0.0): patch.",
    );
  });

  it("fails a spec that moved on since the recorded release with nothing pending (even with no diff to the base)", async () => {
    await addPhone();
    await bumpSpec(repo, "1.1.0");
    await repo.commit("spec change without a changeset");
    const { problems } = await specDiff({ root: repo.root, base: "HEAD" });
    expect(problems.map((problem) => problem.message)).toEqual([
      "@leadkit/garage-types 1.0.0 was released from spec 1.0.0, the spec is now 1.1.0, and no pending changeset releases it.",
      "@leadkit/garage 1.0.0 was released from spec 1.0.0, the spec is now 1.1.0, and no pending changeset releases it.",
    ]);
  });

  it("needs no bump for an API whose spec is new since the base", async () => {
    await cp(join(repo.root, "specs/garage"), join(repo.root, "specs/shop"), { recursive: true });
    await repo.edit("redocly.yaml", "apis:\n", "apis:\n  shop:\n    root: specs/shop/openapi.yaml\n");
    const report = await specDiff({ root: repo.root });
    expect(report.apis.map((api) => [api.api, api.state, api.impact])).toEqual([
      ["shop", "new", "none"],
      ["garage", "unchanged", "none"],
    ]);
    expect(report.problems).toEqual([]);
  });
});
