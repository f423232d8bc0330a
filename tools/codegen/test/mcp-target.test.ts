// The mcp target: the schema transform (table of given/want), the tool of an operation
// (annotations, arguments, output), the golden module for the fixture spec, which must
// type-check against the golden client (so each tool calls its client method with the arguments
// that method takes), and GitHub's full description as the large-spec case.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import ts from "typescript";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listOperations, type OpenApiDocument, type OperationInfo } from "../src/openapi.js";
import {
  annotations,
  INPUT_SCHEMA_BUDGET,
  mcpTool,
  OUTPUT_SCHEMA_BUDGET,
  renderToolsModule,
} from "../src/targets/mcp.js";
import { inlineSchema, inlineWithin, schemaSize } from "../src/tool-schema.js";
import { loadWorkspace } from "../src/workspace.js";
import { copyWorkspace, run } from "./helpers.js";

const TOOLS = "packages/garage-mcp/src/generated/tools.gen.ts";
const GOLDEN = new URL("./golden/garage-mcp/tools.gen.ts.golden", import.meta.url).pathname;
const CLIENT_GOLDEN = new URL("./golden/garage-client/client.gen.ts.golden", import.meta.url).pathname;
const VALIDATION_GOLDEN = new URL("./golden/garage-client/validation.gen.ts.golden", import.meta.url)
  .pathname;

const doc = (schemas: Record<string, unknown>): OpenApiDocument => ({
  openapi: "3.1.0",
  info: { title: "t", version: "1.0.0" },
  paths: {},
  components: { schemas },
});

describe("inlineSchema", () => {
  const components = {
    Fuel: { type: "string", enum: ["petrol", "diesel"], "x-source": "vendor-docs" },
    Node: {
      type: "object",
      properties: {
        name: { type: "string" },
        children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
      },
    },
    A: { type: "object", properties: { b: { $ref: "#/components/schemas/B" } } },
    B: { type: "object", properties: { c: { $ref: "#/components/schemas/C" } } },
    C: { type: "string" },
    Car: {
      type: "object",
      required: ["id", "colour", "secret"],
      properties: {
        id: { type: "integer", readOnly: true },
        colour: { type: "string" },
        secret: { $ref: "#/components/schemas/Secret" },
      },
    },
    Secret: { type: "string", writeOnly: true },
  };
  const request = { direction: "request" as const, maxRefDepth: 12 };
  const table: Array<[string, { given: unknown; options?: typeof request; want: unknown }]> = [
    [
      "inlines a $ref and drops x- extensions",
      { given: { $ref: "#/components/schemas/Fuel" }, want: { type: "string", enum: ["petrol", "diesel"] } },
    ],
    [
      "stops a recursive ref at its second visit, with a placeholder naming it",
      {
        given: { $ref: "#/components/schemas/Node" },
        want: {
          type: "object",
          properties: {
            name: { type: "string" },
            children: {
              type: "array",
              items: { type: "object", description: "A Node (recursive: not expanded again here)." },
            },
          },
        },
      },
    ],
    [
      "leaves refs below maxRefDepth unexpanded",
      {
        given: { $ref: "#/components/schemas/A" },
        options: { ...request, maxRefDepth: 2 },
        want: {
          type: "object",
          properties: {
            b: {
              type: "object",
              properties: { c: { type: "string", description: "A C (nested too deep to expand here)." } },
            },
          },
        },
      },
    ],
    [
      "removes readOnly properties from a request (and from required)",
      {
        given: { $ref: "#/components/schemas/Car" },
        want: {
          type: "object",
          required: ["colour", "secret"],
          properties: { colour: { type: "string" }, secret: { type: "string" } },
        },
      },
    ],
    [
      "removes writeOnly properties from a response",
      {
        given: { $ref: "#/components/schemas/Car" },
        options: { direction: "response" as never, maxRefDepth: 12 },
        want: {
          type: "object",
          required: ["id", "colour"],
          properties: { id: { type: "integer" }, colour: { type: "string" } },
        },
      },
    ],
    [
      "rewrites OpenAPI 3.0 nullable, with null in the enum",
      {
        given: { type: "string", enum: ["a"], nullable: true },
        want: { type: ["string", "null"], enum: ["a", null] },
      },
    ],
    [
      "rewrites nullable without a type as anyOf with null",
      {
        given: { allOf: [{ type: "object" }], nullable: true },
        want: { anyOf: [{ allOf: [{ type: "object" }] }, { type: "null" }] },
      },
    ],
    [
      "rewrites OpenAPI 3.0 boolean exclusiveMinimum",
      {
        given: { type: "number", minimum: 0, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false },
        want: { type: "number", exclusiveMinimum: 0, maximum: 9 },
      },
    ],
    [
      "drops OpenAPI-only keywords and keeps example as examples",
      {
        given: {
          type: "object",
          discriminator: { propertyName: "k" },
          xml: {},
          externalDocs: {},
          example: { k: 1 },
        },
        want: { type: "object", examples: [{ k: 1 }] },
      },
    ],
    [
      "merges a $ref's annotation siblings into its target",
      {
        given: { $ref: "#/components/schemas/C", description: "The c." },
        want: { type: "string", description: "The c." },
      },
    ],
    [
      "keeps a $ref's constraining siblings beside it with allOf",
      {
        given: { $ref: "#/components/schemas/C", maxLength: 3 },
        want: { allOf: [{ type: "string" }], maxLength: 3 },
      },
    ],
    [
      "does not read refs inside example data, enums or defaults",
      {
        given: { type: "object", default: { $ref: "#/x" }, enum: [{ $ref: "#/y" }] },
        want: { type: "object", default: { $ref: "#/x" }, enum: [{ $ref: "#/y" }] },
      },
    ],
    [
      "describes a ref it cannot resolve instead of failing",
      {
        given: { $ref: "#/components/schemas/Missing" },
        want: { description: "A Missing (its definition could not be resolved)." },
      },
    ],
  ];
  it.each(table)("%s", (_name, { given, options, want }) => {
    expect(inlineSchema(doc(components), given, options ?? request)).toEqual(want);
  });

  it("inlineWithin picks the deepest expansion that fits the budget", () => {
    const big = doc({ ...components, B: { ...components.B, description: "long ".repeat(100) } });
    const build = (depth: number) =>
      inlineSchema(big, { $ref: "#/components/schemas/A" }, { ...request, maxRefDepth: depth });
    const full = build(12);
    expect(inlineWithin(schemaSize(full), build)).toEqual(full);
    expect(schemaSize(build(1))).toBeLessThan(schemaSize(full) / 3);
    expect(inlineWithin(schemaSize(build(1)), build)).toEqual(build(1));
    expect(inlineWithin(10, build)).toBeUndefined();
  });
});

describe("mcpTool", () => {
  const operation = (method: OperationInfo["method"], statuses: string[]) =>
    ({
      operationId: "x",
      method,
      path: "/x",
      statuses,
      pathParams: [],
      queryParams: [],
      hasRequestBody: false,
    }) as unknown as OperationInfo;
  it.each([
    ["post", ["201"], { readOnlyHint: false, destructiveHint: false, idempotentHint: false }],
    ["put", ["200"], { readOnlyHint: false, destructiveHint: true, idempotentHint: true }],
    ["put", ["201"], { readOnlyHint: false, destructiveHint: false, idempotentHint: false }],
    ["patch", ["200"], { readOnlyHint: false, destructiveHint: true, idempotentHint: true }],
    ["delete", ["204"], { readOnlyHint: false, destructiveHint: true, idempotentHint: true }],
    ["get", ["200"], { readOnlyHint: true, destructiveHint: false, idempotentHint: true }],
    ["head", ["200"], { readOnlyHint: true, destructiveHint: false, idempotentHint: true }],
  ] as const)("%s answering %j is annotated %j", (method, statuses, want) => {
    expect(annotations(operation(method, [...statuses]))).toEqual({ ...want, openWorldHint: true });
  });

  const document: OpenApiDocument = {
    openapi: "3.1.0",
    info: { title: "t", version: "1.0.0" },
    paths: {
      "/things/{id}": {
        parameters: [
          {
            name: "id",
            in: "path",
            required: true,
            description: "The thing.",
            schema: { type: "integer" },
            example: 7,
          },
        ],
        put: {
          operationId: "things/replace",
          summary: "Replace a thing",
          parameters: [
            { name: "id", in: "query", schema: { type: "string" } },
            { name: "body", in: "query", required: true, schema: { type: "boolean" } },
            { name: "X-Trace", in: "header", schema: { type: "string" } },
          ],
          requestBody: {
            required: true,
            description: "The new thing.",
            content: { "application/json": { schema: { type: "object" } } },
          },
          responses: {
            "200": {
              description: "The things.",
              content: { "application/json": { schema: { type: "array", items: { type: "string" } } } },
            },
          },
        },
      },
    },
  };
  const tool = mcpTool(document, listOperations(document)[0] as OperationInfo, "specs/t/openapi.yaml");

  it("is named after the client method, with the summary as title and the route in the description", () => {
    expect(tool.name).toBe("thingsReplace");
    expect(tool.title).toBe("Replace a thing");
    expect(tool.description).toBe(
      "Replace a thing\n\n`PUT /things/{id}`. Idempotent: calling it again with the same arguments changes nothing more.",
    );
  });

  it("gives each path and query parameter and the body an argument of its own, renaming clashes", () => {
    expect(tool.arguments).toEqual({
      path: { id: "id" },
      query: { id_query: "id", body: "body" },
      body: "body_request",
    });
    expect(tool.inputSchema).toEqual({
      type: "object",
      properties: {
        id: { type: "integer", description: "The thing.", examples: [7] },
        id_query: { type: "string" },
        body: { type: "boolean" },
        body_request: { type: "object", description: "The new thing." },
      },
      required: ["id", "body", "body_request"],
      additionalProperties: false,
    });
  });

  it("puts a response that is not an object under `data` in its output schema", () => {
    expect(tool.output).toBe("data");
    expect(tool.outputSchema).toEqual({
      description: "The things.",
      type: "object",
      properties: { data: { type: "array", items: { type: "string" } } },
      required: ["data"],
    });
  });
});

describe("mcp target", () => {
  let workspace: { dir: string; cleanup: () => void };
  let config: string;
  const writePackage = (dir: string, name: string, version: string) => {
    mkdirSync(join(workspace.dir, dir), { recursive: true });
    writeFileSync(
      join(workspace.dir, dir, "package.json"),
      JSON.stringify({ name, version, type: "module" }),
    );
  };
  beforeEach(() => {
    workspace = copyWorkspace();
    config = join(workspace.dir, "redocly.yaml");
  });
  afterEach(() => workspace.cleanup());

  it("is skipped while the API has no MCP package", async () => {
    const { code, output } = await run(["generate", "--config", config]);
    expect(code).toBe(0);
    expect(output).not.toContain(TOOLS);
  });

  it("writes the golden tools module, with the banner and the package version", async () => {
    writePackage("packages/garage-mcp", "@leadkit/garage-mcp", "0.4.0");
    const { code } = await run(["generate", "--config", config]);
    expect(code).toBe(0);
    const contents = readFileSync(join(workspace.dir, TOOLS), "utf8");
    expect(contents).toMatch(/^\/\*\*\n \* GENERATED by @leadkit\/codegen from specs\/garage\/openapi\.yaml/);
    expect(contents).toContain('export const packageVersion = "0.4.0";');
    await expect(contents).toMatchFileSnapshot(GOLDEN);
  });

  it("fails, naming both operations, when two would be the same tool", () => {
    writePackage("packages/garage-mcp", "@leadkit/garage-mcp", "0.4.0");
    const ws = loadWorkspace(config);
    const operation = { responses: { "204": { description: "done" } } };
    const document: OpenApiDocument = {
      openapi: "3.1.0",
      info: { title: "t", version: "1.0.0" },
      paths: {
        "/a": { get: { operationId: "list-cars", ...operation } },
        "/b": { get: { operationId: "listCars", ...operation } },
      },
    };
    expect(() =>
      renderToolsModule({
        workspace: ws,
        api: ws.apis[0] as (typeof ws.apis)[number],
        document,
        specVersion: "1.0.0",
      }),
    ).toThrow("GET /a and GET /b in specs/garage/openapi.yaml would both be the MCP tool `listCars`.");
  });
});

describe("the golden tools module", () => {
  it("type-checks against the MCP runtime and the golden client: each tool calls its method as the method is declared", () => {
    const workspace = copyWorkspace();
    try {
      const root = new URL("../../../packages/", import.meta.url).pathname;
      const types = new URL("./golden/garage/src/generated/", import.meta.url).pathname;
      const dir = join(workspace.dir, "typecheck");
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, "types.ts"),
        `export * from ${JSON.stringify(`${types}api.gen.js`)};\nexport type * from ${JSON.stringify(`${types}schema.gen.js`)};\n`,
      );
      writeFileSync(join(dir, "client.gen.ts"), readFileSync(CLIENT_GOLDEN, "utf8"));
      writeFileSync(join(dir, "validation.gen.ts"), readFileSync(VALIDATION_GOLDEN, "utf8"));
      // The client package's hand-written entry, reduced to the type the tools module names.
      writeFileSync(
        join(dir, "client.ts"),
        'import type { paths } from "@leadkit/garage-types";\nimport type { ApiClient } from "@leadkit/runtime";\nimport type { Operations } from "./client.gen.js";\nexport type GarageClient = ApiClient<paths, Operations>;\n',
      );
      const tools = join(dir, "tools.gen.ts");
      writeFileSync(tools, readFileSync(GOLDEN, "utf8"));
      const options: ts.CompilerOptions = {
        strict: true,
        noEmit: true,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
        types: [],
        skipLibCheck: true,
        allowImportingTsExtensions: true,
        paths: {
          "@leadkit/runtime": [`${root}runtime/src/index.ts`],
          "@leadkit/runtime/validation": [`${root}runtime/src/validation.ts`],
          "@leadkit/mcp-runtime": [`${root}mcp-runtime/src/types.ts`],
          "@leadkit/garage": [join(dir, "client.ts")],
          "@leadkit/garage-types": [join(dir, "types.ts")],
          "@leadkit/garage-types/validate": [`${types}validate.gen.ts`],
        },
      };
      const program = ts.createProgram([tools], options, ts.createCompilerHost({}));
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      expect(diagnostics).toEqual([]);
    } finally {
      workspace.cleanup();
    }
  });
});

describe("a large spec: GitHub's full REST description", () => {
  it("gives every operation a tool whose schemas MCP clients accept, within the budgets", () => {
    const require = createRequire(import.meta.url);
    const document = JSON.parse(
      readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json"), "utf8"),
    ) as OpenApiDocument;
    const operations = listOperations(document);
    expect(operations.length).toBeGreaterThan(1000);
    const names = new Set<string>();
    for (const operation of operations) {
      const tool = mcpTool(document, operation, "github");
      names.add(tool.name);
      expect(tool.name).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
      expect(tool.inputSchema.type).toBe("object");
      expect(schemaSize(tool.inputSchema)).toBeLessThanOrEqual(INPUT_SCHEMA_BUDGET);
      const text = JSON.stringify([tool.inputSchema, tool.outputSchema ?? {}]);
      // no ref left to resolve (example data may hold a literal `$ref` key: GitHub's do not, here)
      expect(text.includes('"$ref"'), `${tool.name} has a $ref`).toBe(false);
      if (tool.outputSchema !== undefined) {
        expect(tool.outputSchema.type).toBe("object");
        expect(schemaSize(tool.outputSchema)).toBeLessThanOrEqual(OUTPUT_SCHEMA_BUDGET);
      }
    }
    expect(names.size).toBe(operations.length);
  }, 120_000);
});
