// The code-sample generators: what each sample says for an operation, read from the spec, and
// which samples an API gets (the mock and MCP ones only once their packages exist). Whether the
// samples compile and what a server makes of them: samples.workspace.test.ts.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { OpenApiDocument } from "@leadkit/codegen";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prebuiltDir, readPrebuilt, redocOptions, referenceKey, renderedSpec } from "../src/reference.js";
import { shellQuote } from "../src/samples/curl.js";
import {
  type CodeSample,
  codeSamples,
  operationInputs,
  sampleContext,
  sampleLanguages,
} from "../src/samples/index.js";
import { jsonText, tsLiteral } from "../src/samples/literal.js";
import { type KeyPlacement, keyPlacement, schemaSample } from "../src/samples/request.js";
import { methodArguments } from "../src/samples/typescript.js";
import { type ApiDoc, loadSite } from "../src/site.js";
import { fixtureWorkspace, type TempWorkspace } from "./helpers/workspace.js";

/** A one-operation spec around `operation` (merged into `POST /things/{id}`). */
function spec(operation: Record<string, unknown>, extra: Record<string, unknown> = {}): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1.0.0" },
    servers: [{ url: "https://{region}.api.example/v2/", variables: { region: { default: "eu" } } }],
    paths: {
      "/things/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" }, example: "t 1" }],
        post: { operationId: "addThing", responses: { "201": { description: "ok" } }, ...operation },
      },
    },
    ...extra,
  };
}

const schemes = (securitySchemes: Record<string, unknown>, security: unknown[]) => ({
  components: { securitySchemes },
  security,
});

describe("keyPlacement", () => {
  it.each<[string, { given: OpenApiDocument; want: KeyPlacement }]>([
    [
      "http bearer",
      {
        given: spec({}, schemes({ b: { type: "http", scheme: "bearer" } }, [{ b: [] }])),
        want: { in: "header", name: "Authorization", prefix: "Bearer " },
      },
    ],
    [
      "an API key in Authorization gets the client's Bearer prefix",
      {
        given: spec({}, schemes({ k: { type: "apiKey", in: "header", name: "Authorization" } }, [{ k: [] }])),
        want: { in: "header", name: "Authorization", prefix: "Bearer " },
      },
    ],
    [
      "an API key in its own header",
      {
        given: spec({}, schemes({ k: { type: "apiKey", in: "header", name: "X-Api-Key" } }, [{ k: [] }])),
        want: { in: "header", name: "X-Api-Key", prefix: "" },
      },
    ],
    [
      "an API key in the query",
      {
        given: spec({}, schemes({ k: { type: "apiKey", in: "query", name: "key" } }, [{ k: [] }])),
        want: { in: "query", name: "key" },
      },
    ],
    [
      "the operation's own requirement wins; {} alone means no auth",
      {
        given: spec({ security: [{}] }, schemes({ b: { type: "http", scheme: "bearer" } }, [{ b: [] }])),
        want: { in: "none" },
      },
    ],
    ["no security at all", { given: spec({}), want: { in: "none" } }],
  ])("%s", (_name, { given, want }) => {
    const [input] = operationInputs(given);
    if (input === undefined) throw new Error("no operation");
    expect(keyPlacement(given, input.operation)).toEqual(want);
  });
});

describe("schemaSample (for specs without examples)", () => {
  const document = {
    components: { schemas: { Id: { type: "integer", minimum: 5 } } },
  };
  it.each<[string, { given: unknown; want: unknown }]>([
    ["an example wins", { given: { type: "string", example: "x", default: "y" }, want: "x" }],
    ["then the default", { given: { type: "string", default: "y" }, want: "y" }],
    ["then the first enum value", { given: { enum: ["a", "b"] }, want: "a" }],
    ["a ref", { given: { $ref: "#/components/schemas/Id" }, want: 5 }],
    [
      "required properties only, read-only ones left out",
      {
        given: {
          type: "object",
          required: ["id", "name", "tags"],
          properties: {
            id: { type: "integer", readOnly: true },
            name: { type: ["string", "null"] },
            tags: { type: "array", items: { type: "string", format: "email" } },
            note: { type: "string" },
          },
        },
        want: { name: "string", tags: ["user@example.com"] },
      },
    ],
    [
      "the first option of a oneOf",
      { given: { oneOf: [{ type: "boolean" }, { type: "string" }] }, want: true },
    ],
  ])("%s", (_name, { given, want }) => expect(schemaSample(document, given)).toEqual(want));
});

describe("literals", () => {
  const value = {
    name: "Jane",
    "dealer-id": 42,
    tags: ["a", "b"],
    nested: { long: "x".repeat(80), list: [{ a: 1 }] },
    none: null,
  };
  it("writes TypeScript a person would write: bare identifier keys, short plain values inline", () => {
    expect(tsLiteral(value)).toBe(
      [
        "{",
        '  name: "Jane",',
        '  "dealer-id": 42,',
        '  tags: ["a", "b"],',
        "  nested: {",
        `    long: "${"x".repeat(80)}",`,
        "    list: [",
        "      { a: 1 },",
        "    ],",
        "  },",
        "  none: null,",
        "}",
      ].join("\n"),
    );
    // What it writes is the value: evaluated as a JavaScript expression, it equals the input.
    expect(new Function(`return (${tsLiteral(value)});`)()).toEqual(value);
  });
  it("writes JSON that parses back to the value", () => {
    expect(JSON.parse(jsonText(value))).toEqual(value);
    expect(jsonText(value)).toContain('"tags": ["a", "b"]');
  });
  it("quotes shell words, single quotes included", () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});

describe("the client call", () => {
  it("takes path parameters, body and query in the method's order; an optional body before a query stays undefined", () => {
    const document = spec({
      parameters: [{ name: "dry-run", in: "query", required: true, schema: { type: "boolean" } }],
      requestBody: { content: { "application/json": { schema: { type: "object" } } } },
    });
    const [input] = operationInputs(document);
    if (input === undefined) throw new Error("no operation");
    expect(methodArguments(input)).toEqual(["t 1", {}, { "dry-run": true }]);
    const [noContent] = operationInputs(
      spec({
        parameters: [{ name: "dry-run", in: "query", required: true, schema: { type: "boolean" } }],
        requestBody: { content: {} },
      }),
    );
    if (noContent === undefined) throw new Error("no operation");
    expect(methodArguments(noContent)).toEqual(["t 1", undefined, { "dry-run": true }]);
  });

  it("shows a path parameter without an example as a placeholder, in the call and the URL", () => {
    const document = spec({});
    const paths = document.paths as Record<string, { parameters: Array<Record<string, unknown>> }>;
    delete paths["/things/{id}"]?.parameters[0]?.example;
    const context = sampleContext({ name: "acme", document, clientPackage: packageInfo("@leadkit/acme") });
    const [typescript, curl] = codeSamples(context)[0]?.samples ?? [];
    expect(typescript?.source).toContain('await client.addThing("<id>");');
    expect(curl?.source).toContain("'https://eu.api.example/v2/things/<id>'");
  });

  it("uses the codegen's method name for an operationId that is not an identifier", () => {
    const document = spec({ operationId: "things/add-one" });
    const [input] = operationInputs(document);
    expect(input?.method).toBe("thingsAddOne");
    const context = sampleContext({
      name: "acme-leads",
      document,
      clientPackage: packageInfo("@leadkit/acme-leads"),
    });
    const [typescript, curl] = codeSamples(context)[0]?.samples ?? [];
    expect(typescript?.source).toContain("await client.thingsAddOne(");
    expect(typescript?.source).toContain("createAcmeLeadsClient({ apiKey: process.env.ACME_LEADS_API_KEY");
    // The server's variables are filled in and the path parameter is encoded.
    expect(curl?.source).toContain("curl -X POST 'https://eu.api.example/v2/things/t%201'");
  });
});

function packageInfo(name: string) {
  return { name, version: "0.1.0", description: undefined, dir: "/nowhere", changelog: undefined };
}

describe("the samples of an API, from its spec and packages", () => {
  let workspace: TempWorkspace;
  let apis: Map<string, ApiDoc>;
  const load = () => new Map(loadSite({ root: workspace.root }).apis.map((api) => [api.name, api]));
  const samplesOf = (api: ApiDoc | undefined, operationId: string): Map<string, CodeSample> => {
    if (api === undefined) throw new Error("no such API in the fixture");
    const found = codeSamples(sampleContext(api)).find(
      (entry) => entry.input.operation.operationId === operationId,
    );
    return new Map((found?.samples ?? []).map((sample) => [sample.label, sample]));
  };

  beforeAll(async () => {
    workspace = await fixtureWorkspace();
    apis = load();
  });
  afterAll(() => workspace?.cleanup());

  it("gives an API with a client a TypeScript sample: factory, call with the request example, typed error branch", () => {
    const samples = samplesOf(apis.get("showroom"), "addCar");
    // The fixture's showroom has a mock and an MCP package too: their samples come after.
    expect([...samples.keys()]).toEqual(["TypeScript", "curl", "Mock server", "MCP config", "MCP tool call"]);
    expect(samples.get("TypeScript")?.source).toBe(
      [
        'import { createShowroomClient, ShowroomApiError } from "@leadkit/showroom";',
        "",
        'const client = createShowroomClient({ apiKey: process.env.SHOWROOM_API_KEY ?? "" });',
        "",
        "try {",
        '  const result = await client.addCar({ id: 8, colour: "blue" });',
        "  console.log(result);",
        "} catch (error) {",
        "  // `hasStatus(422)` gives `error.body` the spec's type for a 422.",
        "  if (error instanceof ShowroomApiError && error.hasStatus(422)) {",
        "    console.error(error.status, error.body);",
        "  } else {",
        "    throw error; // TimeoutError, ConnectionError, or another ShowroomApiError",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("gives every API a curl sample: the server URL, the key where the spec puts it, the same body", () => {
    const samples = samplesOf(apis.get("garage"), "bookRepair");
    // The garage has no client package: curl only.
    expect([...samples.keys()]).toEqual(["curl"]);
    const curl = samples.get("curl")?.source ?? "";
    expect(curl).toMatch(/^curl -X POST 'https:\/\/api\.garage\.example\/v1\/cars' \\\n/);
    expect(curl).toContain('-H "Authorization: Bearer $GARAGE_API_KEY"');
    expect(curl).toContain("-H 'Content-Type: application/json'");
    const body = /<<'JSON'\n([\s\S]*)\nJSON\n$/.exec(curl)?.[1];
    expect(JSON.parse(body ?? "")).toEqual({ id: 8, colour: "blue" });
  });

  it("adds the mock and MCP samples only while packages/<api>-mock and packages/<api>-mcp exist", () => {
    const showroom = apis.get("showroom");
    const samples = samplesOf(showroom, "addCar");
    expect([...samples.keys()]).toEqual(["TypeScript", "curl", "Mock server", "MCP config", "MCP tool call"]);
    const mock = samples.get("Mock server")?.source ?? "";
    expect(mock).toContain('import { startShowroomMock } from "@leadkit/showroom-mock";');
    expect(mock).toContain('createShowroomClient({ apiKey: "test", baseUrl: mock.url })');
    expect(mock).toContain('await client.addCar({ id: 8, colour: "blue" });');
    expect(mock).toContain("await mock.close();");
    expect(JSON.parse(samples.get("MCP config")?.source ?? "")).toEqual({
      mcpServers: {
        showroom: {
          command: "npx",
          args: ["-y", "@leadkit/showroom-mcp"],
          env: { SHOWROOM_API_KEY: "<your API key>" },
        },
      },
    });
    expect(JSON.parse(samples.get("MCP tool call")?.source ?? "")).toEqual({
      method: "tools/call",
      params: { name: "addCar", arguments: { body: { id: 8, colour: "blue" } } },
    });
    if (showroom === undefined) throw new Error("no showroom");
    // Redoc's language menu lists exactly these, so its own generated snippets stay out.
    expect(sampleLanguages(sampleContext(showroom)).map((language) => language.label)).toEqual([
      ...samples.keys(),
    ]);
    expect(redocOptions(showroom).codeSamples).toEqual({
      languages: sampleLanguages(sampleContext(showroom)),
    });
    // Without those packages (an API added before the test kit, say), only the client and curl.
    for (const suffix of ["mock", "mcp"])
      rmSync(join(workspace.root, "packages", `showroom-${suffix}`), { recursive: true, force: true });
    expect([...samplesOf(load().get("showroom"), "addCar").keys()]).toEqual(["TypeScript", "curl"]);
  });

  it("puts the samples in the copy Redoc renders, never in the bundled spec files", () => {
    const showroom = apis.get("showroom");
    if (showroom === undefined) throw new Error("no showroom");
    const rendered = renderedSpec(showroom) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const samples = rendered.paths["/cars"]?.post?.["x-codeSamples"] as CodeSample[];
    expect(samples.map((sample) => [sample.lang, sample.label])).toEqual([
      ["TypeScript", "TypeScript"],
      ["Shell", "curl"],
      ["TypeScript", "Mock server"],
      ["JSON", "MCP config"],
      ["JSON", "MCP tool call"],
    ]);
    for (const file of ["openapi.json", "openapi.yaml"])
      expect(readFileSync(join(showroom.entry.typesDir, "spec", file), "utf8")).not.toContain(
        "x-codeSamples",
      );
    expect(JSON.stringify(showroom.document)).not.toContain("x-codeSamples");
  });

  it("re-renders a prebuilt reference page once a package its samples use appears", () => {
    const garage = apis.get("garage");
    if (garage === undefined) throw new Error("no garage");
    // A page kept for the garage as it is now (prebuilt.test.ts renders real ones).
    mkdirSync(prebuiltDir(garage), { recursive: true });
    writeFileSync(join(prebuiltDir(garage), "index.html"), "<!DOCTYPE html>");
    writeFileSync(join(prebuiltDir(garage), "reference.json"), JSON.stringify({ key: referenceKey(garage) }));
    expect(readPrebuilt(garage)).toBe("<!DOCTYPE html>");
    const dir = join(workspace.root, "packages", "garage");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "@leadkit/garage", version: "0.1.0" }));
    const withClient = load().get("garage");
    if (withClient === undefined) throw new Error("no garage");
    expect(readPrebuilt(withClient)).toBeUndefined();
    expect(prebuiltDir(withClient)).toBe(prebuiltDir(garage));
  });
});
