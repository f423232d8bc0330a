// Vendor-published specs use operationIds that are not identifiers (GitHub: `issues/create`).
// The client's method names are camelCased from them, the types keep the ids as keys, and both
// generated modules stay valid TypeScript.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { methodName, type OpenApiDocument, propertyKey } from "../src/openapi.js";
import { renderClientModule } from "../src/targets/client.js";
import { renderApiModule, withoutExamples } from "../src/targets/types.js";
import type { ApiEntry, Workspace } from "../src/workspace.js";

describe("methodName", () => {
  it.each<[string, { given: string; want: string }]>([
    ["an identifier stays as it is", { given: "createLead", want: "createLead" }],
    ["GitHub's slash and dashes", { given: "issues/list-for-repo", want: "issuesListForRepo" }],
    ["dots and underscores", { given: "Leads.update_one", want: "leadsUpdateOne" }],
    ["snake_case is an identifier", { given: "update_lead", want: "update_lead" }],
    ["a leading digit", { given: "2fa/enable", want: "_2faEnable" }],
    ["spaces", { given: "Create a lead", want: "createALead" }],
  ])("%s", (_name, { given, want }) => expect(methodName(given)).toBe(want));

  it("quotes only keys that are not identifiers", () => {
    expect(propertyKey("createLead")).toBe("createLead");
    expect(propertyKey("issues/create")).toBe('"issues/create"');
  });
});

const root = mkdtempSync(join(tmpdir(), "leadkit-codegen-names-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(join(root, "package.json"), JSON.stringify({ name: "@leadkit/hub", version: "0.1.0" }));
const api: ApiEntry = {
  name: "hub",
  specFile: join(root, "openapi.yaml"),
  specPath: "specs/hub/openapi.yaml",
  typesDir: root,
  clientDir: root,
  typesPackageName: "@leadkit/hub-types",
  clientPackageName: "@leadkit/hub",
};
const workspace: Workspace = { root, configFile: join(root, "redocly.yaml"), scope: "@leadkit", apis: [api] };

const json = (example: unknown) => ({
  "application/json": { schema: { type: "object" }, examples: { default: { value: example } } },
});
function spec(ids: readonly string[]): OpenApiDocument {
  return {
    openapi: "3.0.3",
    info: { title: "Hub", version: "1.0.0" },
    servers: [{ url: "https://hub.example" }],
    paths: {
      "/repos/{owner}/issues": {
        get: {
          operationId: ids[0],
          parameters: [{ name: "owner", in: "path", required: true, schema: { type: "string" } }],
          // A literal `$ref` key inside an example value, as GitHub's split spec has.
          responses: { "200": { description: "ok", content: json({ $ref: "../examples/issue.json" }) } },
        },
        post: {
          operationId: ids[1],
          parameters: [{ name: "owner", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { required: true, content: json({ title: "t" }) },
          responses: { "201": { description: "created", content: json({ id: 1 }) } },
        },
      },
    },
  };
}

function syntaxErrors(source: string): string[] {
  const file = ts.createSourceFile("x.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

describe("generated modules for non-identifier operationIds", () => {
  const context = (ids: readonly string[]) => {
    const document = spec(ids);
    return { workspace, api, document, specVersion: "1.0.0" };
  };

  it("camelCases the client's method names and keeps the operationId in its definition", () => {
    const source = renderClientModule(context(["issues/list-for-repo", "issues/create"]));
    expect(syntaxErrors(source)).toEqual([]);
    expect(source).toContain("  issuesListForRepo: {\n");
    expect(source).toContain('    operationId: "issues/list-for-repo",');
    expect(source).toContain("  issuesCreate(\n");
    expect(source).toContain("    issuesCreate: (owner, body, options) =>");
    expect(source).toContain('operations["issues/create"]');
  });

  it("quotes the ids in the types' operation table and names the aliases in PascalCase", () => {
    const source = renderApiModule(context(["issues/list-for-repo", "issues/create"]));
    expect(syntaxErrors(source)).toEqual([]);
    expect(source).toContain('  "issues/list-for-repo": { method: "GET", path: "/repos/{owner}/issues" },');
    expect(source).toContain("export type IssuesCreateRequestBody =");
  });

  it("fails when two operationIds become the same method", () => {
    expect(() => renderClientModule(context(["issues/create", "issues-create"]))).toThrow(
      /`issues\/create` \(GET \/repos\/\{owner\}\/issues\) and `issues-create` \(POST \/repos\/\{owner\}\/issues\) .* both become the client method `issuesCreate`/,
    );
  });

  it("hands openapi-typescript the document without `examples` maps and literal `$ref` examples", () => {
    const document = spec(["a", "b"]);
    const get = (document.paths as Record<string, Record<string, { parameters: unknown[] }>>)[
      "/repos/{owner}/issues"
    ]?.get;
    get?.parameters.push(
      { name: "since", in: "query", example: "2024-01-01", schema: { type: "string" } },
      { name: "q", in: "query", example: { $ref: "#/x" }, schema: { type: "object" } },
    );
    const stripped = JSON.stringify(withoutExamples(document));
    expect(stripped).not.toContain('"examples"');
    expect(stripped).not.toContain("$ref");
    expect(stripped).toContain('"example":"2024-01-01"'); // rendered as @example: kept
  });
});
