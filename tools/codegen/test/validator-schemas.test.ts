// What validatorSchemas decides before anything is compiled: which parts of an operation get a
// validator and under what name, and how OpenAPI's dialects become plain JSON Schema 2020-12
// (the differential test then holds the compiled validators to exactly that schema).
import { describe, expect, it } from "vitest";
import { renderValidateModule } from "../src/targets/validate.js";
import { isJsonMediaType, validatorSchemas } from "../src/validators/schemas.js";
import { keywordFixture } from "./support/validators.js";

type Doc = Record<string, unknown>;
const document30 = (schemas: Record<string, unknown>, extra: Doc = {}): Doc => ({
  openapi: "3.0.3",
  info: { title: "t", version: "1.0.0" },
  paths: {
    "/things": {
      post: {
        operationId: "createThing",
        requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
          },
        },
      },
    },
  },
  components: { schemas },
  ...extra,
});
const as31 = (doc: Doc): Doc => ({ ...doc, openapi: "3.1.0" });
/** The normalized def of `Thing` for a direction. */
function thing(doc: Doc, direction: "request" | "response" = "request") {
  const schemas = validatorSchemas(doc);
  const defs = Object.fromEntries(schemas.defs);
  return defs[`Thing.${direction}`] ?? defs.Thing;
}

describe("OpenAPI 3.0 becomes JSON Schema 2020-12", () => {
  const table: Array<[string, unknown, unknown]> = [
    [
      "nullable with a type adds null to it",
      { type: "string", nullable: true },
      { type: ["string", "null"] },
    ],
    [
      "nullable with an enum allows null too (as openapi-typescript types it)",
      { type: "string", enum: ["a", "b"], nullable: true },
      { anyOf: [{ type: "null" }, { type: "string", enum: ["a", "b"] }] },
    ],
    [
      "nullable with allOf and no type allows null",
      { nullable: true, allOf: [{ type: "object" }] },
      { anyOf: [{ type: "null" }, { allOf: [{ type: "object" }] }] },
    ],
    ["nullable: false changes nothing", { type: "integer", nullable: false }, { type: "integer" }],
    [
      "boolean exclusive bounds become numbers",
      { type: "number", minimum: 0, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false },
      { type: "number", maximum: 9, exclusiveMinimum: 0 },
    ],
    [
      "annotations and extensions are dropped",
      {
        type: "string",
        description: "d",
        example: "x",
        "x-source": "inferred",
        deprecated: true,
        format: "email",
      },
      { type: "string", format: "email" },
    ],
  ];
  for (const [name, given, want] of table)
    it(name, () => expect(thing(document30({ Thing: given }))).toEqual(want));

  it("ignores the siblings of a $ref in 3.0, and applies them in 3.1", () => {
    const schemas = {
      Thing: {
        type: "object",
        properties: { kind: { $ref: "#/components/schemas/Kind", nullable: true, maxLength: 2 } },
      },
      Kind: { type: "string" },
    };
    expect(thing(document30(schemas))).toEqual({
      type: "object",
      properties: { kind: { $ref: "#/$defs/Kind" } },
    });
    expect(thing(as31(document30(schemas)))).toEqual({
      type: "object",
      properties: { kind: { $ref: "#/$defs/Kind", maxLength: 2 } },
    });
  });

  it("turns draft-07 dependencies and tuple items into their 2020-12 keywords", () => {
    expect(
      thing(
        as31(
          document30({
            Thing: {
              dependencies: { a: ["b"], c: { required: ["d"] } },
              items: [{ type: "string" }],
              additionalItems: false,
            },
          }),
        ),
      ),
    ).toEqual({
      dependentRequired: { a: ["b"] },
      dependentSchemas: { c: { required: ["d"] } },
      prefixItems: [{ type: "string" }],
      items: false,
    });
  });
});

describe("readOnly and writeOnly", () => {
  const doc = document30({
    Thing: {
      type: "object",
      required: ["id", "name", "password"],
      properties: {
        id: { type: "integer", readOnly: true },
        createdAt: { $ref: "#/components/schemas/Timestamp" },
        name: { type: "string" },
        password: { type: "string", writeOnly: true },
      },
    },
    Timestamp: { type: "string", format: "date-time", readOnly: true },
  });

  it("a request must not send a readOnly property, and need not", () => {
    expect(thing(doc, "request")).toEqual({
      type: "object",
      required: ["name", "password"],
      properties: {
        id: { not: {}, "x-leadkit-reject": "readOnly" },
        createdAt: { not: {}, "x-leadkit-reject": "readOnly" },
        name: { type: "string" },
        password: { type: "string" },
      },
    });
  });

  it("a response must not contain a writeOnly property, and need not", () => {
    expect(thing(doc, "response")).toEqual({
      type: "object",
      required: ["id", "name"],
      properties: {
        id: { type: "integer" },
        createdAt: { $ref: "#/$defs/Timestamp.response" },
        name: { type: "string" },
        password: { not: {}, "x-leadkit-reject": "writeOnly" },
      },
    });
  });

  it("says so in the message", async () => {
    const { module } = await import("./support/validators.js").then(({ loadModule }) =>
      loadModule("ro", doc),
    );
    expect(
      module.createThingBody?.["~standard"].validate({ id: 1, name: "x", password: "p" }).issues,
    ).toEqual([
      { message: "id is read-only: the server sets it, so a request must not send it", path: ["id"] },
    ]);
    expect(
      module.createThingResponse200?.["~standard"].validate({ id: 1, name: "x", password: "p" }).issues,
    ).toEqual([{ message: "password is write-only: a response must not contain it", path: ["password"] }]);
  });

  it("leaves request and response schemas shared when the spec marks nothing", () => {
    const schemas = validatorSchemas(document30({ Thing: { type: "object" } }));
    expect([...schemas.defs.keys()]).toEqual(["Thing"]);
  });
});

describe("which parts get a validator, and their names", () => {
  it("names them after the method, the part and the status", () => {
    const schemas = validatorSchemas(keywordFixture("keywords-3.1.yaml"));
    expect(schemas.validators.map((validator) => validator.name)).toEqual([
      "putThingParams",
      "putThingQuery",
      "putThingBody",
      "putThingResponse200",
      "putThingResponse4XX",
      "createShapeBody",
      "createShapeResponse201",
      "oddKeywordsPostBody",
      "oddKeywordsPostResponse200",
    ]);
  });

  it("takes JSON media types only (application/json first, then +json), skipping the others", () => {
    const schemas = validatorSchemas(keywordFixture("keywords-3.1.yaml"));
    const byName = Object.fromEntries(schemas.validators.map((validator) => [validator.name, validator]));
    expect(byName.createShapeBody?.mediaType).toBe("application/json; charset=utf-8");
    expect(byName.putThingResponse4XX?.mediaType).toBe("application/problem+json");
    expect(byName.oddKeywordsPostResponse200?.mediaType).toBe("application/vnd.example+json");
    // 204 has no content, `default` is text/plain, the header parameter is not validated.
    expect(Object.keys(byName)).not.toContain("putThingResponseDefault");
    expect(byName.putThingQuery?.schema).toMatchObject({ required: ["mode"] });
    expect(
      Object.keys((byName.putThingQuery?.schema as { properties: object } | undefined)?.properties ?? {}),
    ).toEqual(["tags", "mode", "since", "limit"]);
    for (const [type, json] of [
      ["application/json", true],
      ["application/merge-patch+json", true],
      ["Application/JSON; charset=utf-8", true],
      ["text/plain", false],
      ["application/x-www-form-urlencoded", false],
      ["application/jsonl", false],
    ] as const)
      expect(isJsonMediaType(type), type).toBe(json);
  });

  it("lets an operation's parameter override the path item's, and requires path parameters", () => {
    const schemas = validatorSchemas(keywordFixture("keywords-3.0.yaml"));
    expect(schemas.validators.find((validator) => validator.name === "updateAccountParams")?.schema).toEqual({
      type: "object",
      properties: { accountId: { type: "string", minLength: 3 } },
      required: ["accountId"],
    });
  });
});

describe("what cannot be compiled says where and why", () => {
  it("leaves a part whose schema uses unevaluatedProperties or $dynamicRef without a validator, and says where", () => {
    // Thing is fine, Wrapper refers to Thing and then to Loose, which uses unevaluatedProperties:
    // the body (Wrapper) cannot be compiled, the response (Thing alone) can.
    const doc = as31(
      document30({
        Thing: { type: "object", properties: { id: { type: "string" } } },
        Loose: { type: "object", unevaluatedProperties: false },
        Wrapper: {
          type: "object",
          properties: {
            thing: { $ref: "#/components/schemas/Thing" },
            loose: { $ref: "#/components/schemas/Loose" },
          },
        },
      }),
    );
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    const post = paths["/things"]?.post as Record<string, unknown>;
    post.requestBody = {
      content: { "application/json": { schema: { $ref: "#/components/schemas/Wrapper" } } },
    };
    paths["/things"] = {
      ...paths["/things"],
      get: {
        operationId: "listThings",
        parameters: [{ name: "page", in: "query", schema: { $dynamicRef: "#meta" } }],
        responses: { "200": { description: "ok" } },
      },
    };
    const schemas = validatorSchemas(doc, "specs/x/openapi.yaml");
    expect(schemas.validators.map((validator) => validator.name)).toEqual(["createThingResponse200"]);
    expect(schemas.skipped).toEqual([
      { name: "listThingsQuery", where: "GET /things parameter query page", keyword: "$dynamicRef" },
      { name: "createThingBody", where: "#/components/schemas/Loose", keyword: "unevaluatedProperties" },
    ]);
    // Only complete schemas are kept: Thing (made again for the response), never Wrapper or Loose.
    expect([...schemas.defs.keys()]).toEqual(["Thing"]);
    expect(schemas.document(schemas.validators[0] as never)).toMatchObject({
      $ref: "#/$defs/Thing",
      $defs: { Thing: { type: "object" } },
    });
    // The generated module says what was left out and why.
    const module = renderValidateModule({
      workspace: {} as never,
      api: { name: "x", specPath: "specs/x/openapi.yaml" } as never,
      document: doc,
      specVersion: "1.0.0",
    });
    expect(module).toContain("//   createThingBody: `unevaluatedProperties` at #/components/schemas/Loose");
    expect(module).toContain("//   listThingsQuery: `$dynamicRef` at GET /things parameter query page");
    expect(module).not.toMatch(/export const createThingBody\b/);
    expect(module).toMatch(/export const createThingResponse200\b/);
  });

  it("refuses a $ref to nothing and a pattern JavaScript cannot compile", () => {
    expect(() => validatorSchemas(document30({ Thing: { $ref: "#/components/schemas/Nope" } }))).toThrow(
      /refers to #\/components\/schemas\/Nope, which does not exist/,
    );
    const render = (schemas: Record<string, unknown>) =>
      renderValidateModule({
        workspace: {} as never,
        api: { name: "x", specPath: "specs/x/openapi.yaml" } as never,
        document: document30(schemas),
        specVersion: "1.0.0",
      });
    expect(() => render({ Thing: { type: "string", pattern: "(unclosed" } })).toThrow(
      /the pattern "\(unclosed" is not a valid regular expression/,
    );
  });

  it("refuses two operations whose validators would share a name", () => {
    const doc = document30({ Thing: { type: "object" } });
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    paths["/other"] = { post: { ...(paths["/things"]?.post as object), operationId: "create-thing" } };
    expect(() =>
      renderValidateModule({
        workspace: {} as never,
        api: { name: "x", specPath: "specs/x/openapi.yaml" } as never,
        document: doc,
        specVersion: "1.0.0",
      }),
    ).toThrow(
      /would both be exported as `createThingBody`: `create-thing` \(POST \/other\) and `createThing` \(POST \/things\)/,
    );
  });
});
