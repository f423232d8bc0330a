// What the types target makes of what vendor specs contain beyond leadkit's own JSON-only
// specs: discriminator mappings that name schemas, files, bodies that are not JSON, and
// operations without an operationId.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../src/openapi.js";
import { renderApiModule, renderSchemaModule, withMappingRefs } from "../src/targets/types.js";
import type { ApiEntry, Workspace } from "../src/workspace.js";

const api = { name: "zoo", specPath: "specs/zoo/openapi.yaml" } as ApiEntry;
const context = (document: OpenApiDocument) => ({
  workspace: {} as Workspace,
  api,
  document,
  specVersion: "1.0.0",
});

const pet = {
  oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
  discriminator: { propertyName: "kind", mapping: { cat: "Cat", dog: "#/components/schemas/Dog" } },
};
const document: OpenApiDocument = {
  openapi: "3.0.3",
  info: { title: "Zoo", version: "1.0.0" },
  paths: {
    "/pets/{petId}": {
      parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
      put: {
        requestBody: {
          content: {
            "application/xml": { schema: { $ref: "#/components/schemas/Pet" } },
            "multipart/form-data": {
              schema: { type: "object", properties: { photo: { type: "string", format: "binary" } } },
            },
          },
        },
        responses: {
          "200": { description: "ok", content: { "text/plain": { schema: { type: "string" } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Pet: pet,
      Cat: { type: "object", properties: { kind: { type: "string" }, purrs: { type: "boolean" } } },
      Dog: { type: "object", properties: { kind: { type: "string" }, barks: { type: "boolean" } } },
    },
  },
};

/** Type errors of the files, written to a temp folder and checked as one strict program. */
function typeErrors(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), "leadkit-types-target-"));
  try {
    for (const [name, contents] of Object.entries(files)) writeFileSync(join(dir, name), contents);
    const program = ts.createProgram(
      Object.keys(files).map((name) => join(dir, name)),
      {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
        types: [],
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
      },
    );
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("types target on vendor specs", () => {
  it("writes discriminator mappings that name a schema as refs, and leaves refs alone", () => {
    const mapped = withMappingRefs(document) as { components: { schemas: { Pet: typeof pet } } };
    expect(mapped.components.schemas.Pet.discriminator.mapping).toEqual({
      cat: "#/components/schemas/Cat",
      dog: "#/components/schemas/Dog",
    });
    expect(pet.discriminator.mapping.cat).toBe("Cat"); // the input is not modified
  });

  it("generates types that compile: the mapping narrows the union, a file is a Blob, non-JSON aliases", async () => {
    const schema = await renderSchemaModule(context(document));
    expect(schema).toContain('kind: "cat"');
    expect(schema).toMatch(/photo\?: Blob;/);
    const aliases = renderApiModule(context(document));
    expect(aliases).toContain('import type { operations, paths } from "./schema.gen.js";');
    expect(aliases).toContain('  putPetsByPetId: { method: "PUT", path: "/pets/{petId}" },');
    // XML is sent as text; the preferred media type of a body without JSON is the first listed.
    expect(aliases).toContain(
      "/** The application/xml request body of `putPetsByPetId` (PUT /pets/{petId}). */",
    );
    expect(aliases).toContain("export type PutPetsByPetIdRequestBody = string;");
    expect(aliases).toContain("export type PutPetsByPetIdResponse = string;");
    expect(aliases).toContain(
      'export type PutPetsByPetIdPathParams = paths["/pets/{petId}"]["put"]["parameters"]["path"];',
    );
    const consumer = [
      'import type { components, PutPetsByPetIdPathParams, operations } from "./api.gen.js";',
      'import type { paths } from "./schema.gen.js";',
      "type Pet = components['schemas']['Pet'];",
      "const cat: Pet = { kind: 'cat', purrs: true };",
      "// @ts-expect-error the mapping ties `dog` to Dog, which has no `purrs`",
      "const wrong: Pet = { kind: 'dog', purrs: true };",
      "const params: PutPetsByPetIdPathParams = { petId: 'p1' };",
      'type Upload = NonNullable<paths["/pets/{petId}"]["put"]["requestBody"]>["content"]["multipart/form-data"];',
      "const upload: Upload = { photo: new Blob(['x']) };",
      "export { cat, wrong, params, upload };",
      "export type { operations };",
    ].join("\n");
    const files = {
      "schema.gen.ts": schema,
      "api.gen.ts": `${aliases}\nexport type * from "./schema.gen.js";\n`,
      "consumer.ts": consumer,
    };
    expect(typeErrors(files)).toEqual([]);
  });
});
