import { describe, expect, it } from "vitest";
import { boldInferred, inferredFacts, presentSpec } from "../src/present.js";

describe("boldInferred", () => {
  it.each<[string, { given: string; want: string }]>([
    ["sentence start", { given: "A. Inferred: b.", want: "A. **Inferred:** b." }],
    ["text start", { given: "Inferred: b.", want: "**Inferred:** b." }],
    ["already bold", { given: "**Inferred:** b.", want: "**Inferred:** b." }],
    ["inside a word", { given: "NotInferred: b.", want: "NotInferred: b." }],
  ])("%s", (_name, { given, want }) => expect(boldInferred(given)).toBe(want));
});

describe("presentSpec", () => {
  const document = {
    openapi: "3.1.0",
    "x-generated": "GENERATED",
    info: { title: "T", version: "1.0.0" },
    paths: { "/x": { get: { operationId: "getX", responses: {} } } },
    components: {
      schemas: {
        Id: { type: "number", description: "An id." },
        Owner: {
          "x-source": "inferred",
          description: "Inferred: a guess.",
          oneOf: [{ $ref: "#/components/schemas/Id" }, { type: "null" }],
        },
        Input: {
          description: "Input. Inferred: required set.",
          "x-source": "inferred",
          allOf: [{ description: "One of two.", anyOf: [{ required: ["a"] }, { required: ["b"] }] }],
        },
      },
    },
  };
  const presented = presentSpec(document) as typeof document & Record<string, unknown>;

  it("drops the banner and shows operationIds", () => {
    expect(presented["x-generated"]).toBeUndefined();
    expect(presented.paths["/x"].get).toMatchObject({ "x-operation-id": "getX" });
  });

  it("hands a oneOf schema's description to its options, inside allOf", () => {
    expect(presented.components.schemas.Owner).toEqual({
      "x-source": "inferred",
      description: "**Inferred:** a guess.",
      allOf: [
        {
          oneOf: [
            { $ref: "#/components/schemas/Id", description: "**Inferred:** a guess.\n\nAn id." },
            { type: "null", description: "**Inferred:** a guess." },
          ],
        },
      ],
    });
  });

  it("hands a description down through allOf to anyOf options", () => {
    const member = (presented.components.schemas.Input.allOf as unknown[])[0] as {
      allOf: [{ anyOf: unknown[] }];
    };
    expect(member.allOf[0].anyOf).toEqual([
      { required: ["a"], description: "Input. **Inferred:** required set.\n\nOne of two." },
      { required: ["b"], description: "Input. **Inferred:** required set.\n\nOne of two." },
    ]);
  });

  it("leaves the bundled document untouched", () => {
    expect(document.components.schemas.Owner.oneOf).toHaveLength(2);
    expect(inferredFacts(document).map((fact) => fact.pointer)).toEqual([
      "#/components/schemas/Owner",
      "#/components/schemas/Input",
    ]);
  });
});
