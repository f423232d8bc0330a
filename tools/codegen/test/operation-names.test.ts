// Vendor-published specs use operationIds that are not identifiers (GitHub: `issues/create`).
// The client's method names are camelCased from them, the types keep the ids as keys, and both
// generated modules stay valid TypeScript.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import {
  derivedName,
  listOperations,
  mediaKind,
  methodName,
  type OpenApiDocument,
  propertyKey,
} from "../src/openapi.js";
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

describe("operations without an operationId", () => {
  it.each<[string, { method: "get" | "post" | "delete"; path: string; want: string }]>([
    ["a path parameter", { method: "get", path: "/pets/{petId}", want: "getPetsByPetId" }],
    [
      "nested resources",
      { method: "post", path: "/stores/{storeId}/orders", want: "postStoresByStoreIdOrders" },
    ],
    ["the root", { method: "get", path: "/", want: "getRoot" }],
    [
      "dashes, dots and underscores",
      { method: "delete", path: "/v1.0/user-profiles/{user_id}", want: "deleteV10UserProfilesByUserId" },
    ],
    [
      "two parameters in one segment",
      { method: "get", path: "/files/{name}.{ext}", want: "getFilesByNameByExt" },
    ],
  ])("%s: %s", (_name, { method, path, want }) => expect(derivedName(method, path)).toBe(want));

  const ok = { responses: { "204": { description: "done" } } };
  const names = (paths: Record<string, unknown>) =>
    listOperations({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths }).map((operation) => [
      operation.name,
      operation.methodName,
      operation.typeRef,
    ]);

  it("are named from method and path, typed through `paths`, named ones keep their id", () => {
    expect(names({ "/pets/{petId}": { get: ok, put: { ...ok, operationId: "pets/replace" } } })).toEqual([
      ["getPetsByPetId", "getPetsByPetId", 'paths["/pets/{petId}"]["get"]'],
      ["pets/replace", "petsReplace", 'operations["pets/replace"]'],
    ]);
  });

  it("never take a name the spec gave, nor each other's: 2, 3, ... in document order", () => {
    expect(
      names({
        "/pets": { get: ok },
        "/pets/": { get: ok },
        "/dogs": { get: { ...ok, operationId: "getPets" }, post: { ...ok, operationId: "post-pets" } },
        "/pets//": { post: ok },
      }).map(([name]) => name),
    ).toEqual(["getPets2", "getPets3", "getPets", "post-pets", "postPets2"]);
  });
});

describe("mediaKind: how a body of each media type is sent and read", () => {
  it.each<[string, { schema?: unknown; want: string }]>([
    ["application/json", { want: "json" }],
    ["application/vnd.api+json", { want: "json" }],
    ["application/problem+json; charset=utf-8", { want: "json" }],
    ["application/x-www-form-urlencoded", { want: "form" }],
    ["multipart/form-data", { want: "multipart" }],
    ["text/plain", { want: "text" }],
    ["text/csv", { want: "text" }],
    ["application/xml", { want: "text" }],
    ["application/atom+xml", { want: "text" }],
    ["application/x-yaml", { want: "text" }],
    ["application/octet-stream", { want: "binary" }],
    ["image/png", { want: "binary" }],
    ["*/*", { schema: { type: "object" }, want: "json" }],
    ["*/*", { schema: { type: "string", format: "binary" }, want: "binary" }],
  ])("%s -> %s", (type, { schema, want }) => expect(mediaKind(type, schema)).toBe(want));

  it("orders media types JSON first and names the parts a multipart body sends as JSON", () => {
    const [operation] = listOperations({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/upload": {
          post: {
            requestBody: {
              content: {
                "multipart/form-data": {
                  schema: {
                    type: "object",
                    properties: {
                      file: { type: "string", format: "binary" },
                      meta: { type: "object" },
                      tags: { type: "array", items: { type: "string" } },
                      points: { type: "array", items: { type: "object" } },
                      note: { type: "string" },
                    },
                  },
                  encoding: { note: { contentType: "application/json" } },
                },
                "application/vnd.upload+json": { schema: { type: "object" } },
                "application/json": { schema: { type: "object" } },
              },
            },
            responses: {
              default: { description: "d", content: { "text/plain": { schema: { type: "string" } } } },
            },
          },
        },
      },
    });
    expect(operation?.requestMedia.map((media) => [media.type, media.kind, media.jsonParts])).toEqual([
      ["application/json", "json", []],
      ["application/vnd.upload+json", "json", []],
      ["multipart/form-data", "multipart", ["meta", "points", "note"]],
    ]);
    // Only `default` is documented: it describes the success too.
    expect(operation?.successStatus).toBe("default");
    expect(operation?.responseMedia.map((media) => media.kind)).toEqual(["text"]);
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
