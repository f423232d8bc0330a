// new-api and remove-api on a small temp workspace, with pnpm install stubbed: what is written,
// what is refused (and that nothing is written then), the rollback, and undoing it all.
// new-api.e2e.test.ts runs the same commands for real on a full copy of the workspace.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadWorkspace } from "@leadkit/codegen";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { newApi } from "../src/new-api.js";
import { removeApi } from "../src/remove-api.js";
import { collectSpecFiles, StructuralError } from "../src/spec-files.js";
import { FIXTURES, type MiniWorkspace, miniWorkspace, stubInstaller } from "./helpers.js";

let ws: MiniWorkspace;
beforeEach(() => {
  ws = miniWorkspace();
});
afterEach(() => ws.cleanup());

const read = (path: string) => readFileSync(join(ws.root, path), "utf8");

describe("collectSpecFiles", () => {
  it("takes the root and every file its relative $refs reach, layout kept, root renamed to openapi.yaml", () => {
    const { root, files } = collectSpecFiles(join(FIXTURES, "github", "openapi.json"));
    expect(root).toBe("openapi.yaml");
    expect(files).toHaveLength(43);
    const targets = files.map((file) => file.target).sort();
    expect(targets).toContain("paths/repos_{owner}_{repo}_issues.json");
    expect(targets).toContain("components/schemas/nullable-simple-user.json");
    expect(targets.filter((target) => target.startsWith("components/"))).toHaveLength(40);
    // Not reachable, so not copied: the fixture's README, licence, script and biome.json.
    expect(targets.some((target) => /README|LICENSE|make-slice|biome/.test(target))).toBe(false);
    expect(files.find((file) => file.target === "openapi.yaml")?.source).toBe(
      join(FIXTURES, "github", "openapi.json"),
    );
  });

  it.each<[string, { spec: string; error: RegExp }]>([
    [
      "unparsable YAML",
      { spec: "broken-yaml/openapi.yaml", error: /broken-yaml\/openapi\.yaml:\d+: not valid YAML or JSON/ },
    ],
    [
      "a $ref to a missing file",
      {
        spec: "unresolved-ref/openapi.yaml",
        error: /unresolved-ref\/openapi\.yaml:11: `\$ref: \.\/responses\/missing\.yaml` does not resolve/,
      },
    ],
  ])("fails on %s with its file:line", (_name, { spec, error }) => {
    expect(() => collectSpecFiles(join(FIXTURES, spec))).toThrow(StructuralError);
    expect(() => collectSpecFiles(join(FIXTURES, spec))).toThrow(error);
  });
});

describe("new-api refuses, and writes nothing", () => {
  const refused = async (options: Parameters<typeof newApi>[0]) => {
    const install = stubInstaller();
    const error = await newApi({ ...options, install }).then(
      () => undefined,
      (caught: Error) => caught,
    );
    expect(error, "new-api should have failed").toBeInstanceOf(Error);
    expect(install.calls).toBe(0);
    expect(ws.status()).toEqual([]);
    return (error as Error & { format?: () => string }).format?.() ?? (error as Error).message;
  };

  it("a Swagger 2.0 document: says what it is and how to convert it", async () => {
    const message = await refused({
      root: ws.root,
      name: "old",
      spec: join(FIXTURES, "swagger-2/swagger.yaml"),
    });
    expect(message).toContain(
      "swagger-2/swagger.yaml is a Swagger 2.0 document (`swagger: 2.0`), not OpenAPI 3.",
    );
    expect(message).toContain("npx --yes swagger2openapi");
    expect(message).toContain("Nothing was created.");
  });

  it("a spec that fails lint: lists each problem as file:line and explains --accept-existing-problems", async () => {
    const message = await refused({
      root: ws.root,
      name: "fails-lint",
      spec: join(FIXTURES, "fails-lint/openapi.yaml"),
    });
    expect(message).toContain("The spec fails leadkit's lint with");
    expect(message).toMatch(/fails-lint\/openapi\.yaml:\d+:\d+ {2}error {2}leadkit\/operation-id-camel-case/);
    expect(message).toMatch(/fails-lint\/openapi\.yaml:\d+:\d+ {2}error {2}leadkit\/response-source/);
    expect(message).toMatch(/fails-lint\/openapi\.yaml:\d+:\d+ {2}error {2}leadkit\/media-type-examples/);
    expect(message).toContain("Nothing was created.");
    expect(message).toContain("--accept-existing-problems");
    expect(message).toContain(".redocly.lint-ignore.yaml");
  });

  it.each<[string, { spec: string; error: RegExp }]>([
    ["unparsable YAML", { spec: "broken-yaml/openapi.yaml", error: /not valid YAML or JSON/ }],
    ["an unresolved $ref", { spec: "unresolved-ref/openapi.yaml", error: /does not resolve/ }],
    [
      "a `struct` violation",
      {
        spec: "bad-structure/openapi.yaml",
        error: /structural problem.*\n.*bad-structure\/openapi\.yaml:17:\d+ {2}error {2}struct/,
      },
    ],
  ])("%s, even with --accept-existing-problems", async (_name, { spec, error }) => {
    const message = await refused({
      root: ws.root,
      name: "broken",
      spec: join(FIXTURES, spec),
      acceptExistingProblems: true,
    });
    expect(message).toMatch(error);
  });

  it.each<[string, { name: string; error: RegExp }]>([
    ["a name that is not kebab-case", { name: "Dealer_Studio", error: /not kebab-case/ }],
    ["an API that exists", { name: "drivly", error: /already lists an API `drivly`/ }],
  ])("%s", async (_name, { name, error }) => {
    expect(await refused({ root: ws.root, name })).toMatch(error);
  });
});

describe("new-api from the template, then remove-api", () => {
  it("writes the spec, the packages, the registration and the docs entry; remove-api undoes it", async () => {
    const install = stubInstaller();
    const result = await newApi({ root: ws.root, name: "acme-leads", displayName: "Acme", install });
    expect(install.calls).toBe(1);
    expect(result.acceptedProblems).toBe(0);
    expect(result.specRoot).toBe("specs/acme-leads/openapi.yaml");
    expect(loadWorkspace(join(ws.root, "redocly.yaml")).apis.map((api) => api.name)).toEqual([
      "dealer-studio",
      "drivly",
      "acme-leads",
    ]);
    // Comments and everything else in redocly.yaml are kept.
    expect(read("redocly.yaml")).toContain("# The single list of APIs leadkit builds.");
    expect(JSON.parse(read("docs/package.json")).devDependencies).toMatchObject({
      "@leadkit/acme-leads": "workspace:*",
      "@leadkit/acme-leads-mock": "workspace:*",
      "@leadkit/acme-leads-types": "workspace:*",
    });
    // The workspace's type-check depends on all four packages, so turbo builds them before it.
    expect(JSON.parse(read("tools/typecheck/package.json")).devDependencies).toMatchObject({
      "@leadkit/acme-leads": "workspace:*",
      "@leadkit/acme-leads-mcp": "workspace:*",
      "@leadkit/acme-leads-mock": "workspace:*",
      "@leadkit/acme-leads-types": "workspace:*",
    });
    expect(existsSync(join(ws.root, ".redocly.lint-ignore.yaml"))).toBe(false);
    expect(read("packages/acme-leads/src/index.ts")).toContain("export function createAcmeLeadsClient(");
    expect(read("packages/acme-leads/README.md")).toContain("const acmeLeads = createAcmeLeadsClient({");
    expect(read("packages/acme-leads/README.md")).toContain('await acmeLeads.getLead("<id>")');
    // The types package generates the files of all four packages, in one codegen task.
    expect(JSON.parse(read("packages/acme-leads-types/package.json")).scripts).toMatchObject({
      codegen: "leadkit-codegen generate --api acme-leads --mirror",
      generate: "leadkit-codegen restore --api acme-leads",
    });
    expect(JSON.parse(read("packages/acme-leads-mock/package.json")).scripts.codegen).toBeUndefined();
    expect(read("packages/acme-leads-types/turbo.json")).toContain(
      '"$TURBO_ROOT$/packages/acme-leads-mcp/.artifacts/generated/**"',
    );
    expect(read("packages/acme-leads-mock/src/index.ts")).toContain("export function startAcmeLeadsMock(");
    expect(read("specs/acme-leads/openapi.yaml")).toContain("title: Acme API");
    expect(read("packages/acme-leads-mcp/src/index.ts")).toContain(
      'env: { apiKey: "ACME_LEADS_API_KEY", baseUrl: "ACME_LEADS_BASE_URL" }',
    );
    expect(read("packages/acme-leads-mcp/README.md")).toContain('"args": ["-y", "@leadkit/acme-leads-mcp"]');
    expect(read("packages/acme-leads-mcp/README.md")).toMatch(/\| `getLead` \| `GET \/leads\/\{id\}` \|/);
    expect(ws.status().sort()).toEqual(
      [
        " M docs/package.json",
        " M redocly.yaml",
        " M tools/typecheck/package.json",
        "?? pnpm-lock.yaml",
        ...result.created.map((path) => `?? ${path}`),
      ].sort(),
    );

    const removal = await removeApi({ root: ws.root, name: "acme-leads", install });
    expect(removal.removed).toEqual([
      "specs/acme-leads",
      "packages/acme-leads",
      "packages/acme-leads-types",
      "packages/acme-leads-mock",
      "packages/acme-leads-mcp",
    ]);
    expect(install.calls).toBe(2);
    // The stub's lockfile aside (the real pnpm install restores it), the tree is as before.
    expect(ws.status()).toEqual(["?? pnpm-lock.yaml"]);
  });
});

describe("new-api --accept-existing-problems", () => {
  it("records exactly the spec's problems in the ignore file, keyed by its files under specs/<name>/", async () => {
    const install = stubInstaller();
    const result = await newApi({
      root: ws.root,
      name: "fails-lint",
      spec: join(FIXTURES, "fails-lint/openapi.yaml"),
      acceptExistingProblems: true,
      install,
    });
    expect(result.acceptedProblems).toBeGreaterThanOrEqual(3);
    expect(result.created).toContain("specs/fails-lint/schemas/thing-list.yaml");
    const ignored = parse(read(".redocly.lint-ignore.yaml")) as Record<string, Record<string, string[]>>;
    expect(Object.keys(ignored)).toEqual(["specs/fails-lint/openapi.yaml"]);
    expect(ignored["specs/fails-lint/openapi.yaml"]?.["leadkit/operation-id-camel-case"]).toEqual([
      "#/paths/~1things/get/operationId",
    ]);
    expect(read(".redocly.lint-ignore.yaml")).toMatch(/^# This file instructs Redocly's linter/);

    await removeApi({ root: ws.root, name: "fails-lint", install });
    expect(ws.status()).toEqual(["?? pnpm-lock.yaml"]);
  });
});

describe("rollback", () => {
  it("puts everything back when the install fails after writing started", async () => {
    const install = stubInstaller({ fail: "the registry is unreachable" });
    await expect(newApi({ root: ws.root, name: "acme", install })).rejects.toThrow(
      "the registry is unreachable",
    );
    expect(install.calls).toBe(1);
    expect(ws.status()).toEqual([]);
    expect(existsSync(join(ws.root, "packages"))).toBe(false);
    expect(existsSync(join(ws.root, "specs"))).toBe(false);
  });
});
