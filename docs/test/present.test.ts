import { describe, expect, it } from "vitest";
import { boldInferred, inferredFacts, presentSpec, remoteImagesAsLinks } from "../src/present.js";

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

describe("images from another host in descriptions", () => {
  it("become links, in Markdown and in HTML; local images and other text stay as they are", () => {
    expect(remoteImagesAsLinks("See ![the flow](https://cdn.example/flow.png).")).toBe(
      "See [Image: the flow](https://cdn.example/flow.png).",
    );
    expect(remoteImagesAsLinks('![](//cdn.example/a.png "A title")')).toBe(
      "[Image: //cdn.example/a.png](//cdn.example/a.png)",
    );
    expect(remoteImagesAsLinks('<p><img alt="Logo" width="10" src="https://cdn.example/logo.svg"></p>')).toBe(
      '<p><a href="https://cdn.example/logo.svg">Image: Logo</a></p>',
    );
    // What the offline check allows (this host, a data: URL) stays an image.
    const local =
      "![local](data:image/png;base64,AAAA) <img src='./a.png'> ![dev](http://127.0.0.1:4173/a.png) [a link](https://x.example)";
    expect(remoteImagesAsLinks(local)).toBe(local);
  });

  it("are links in the copy Redoc renders, never in the downloads", () => {
    const document = {
      openapi: "3.1.0",
      info: { title: "t", version: "1", description: "![diagram](https://cdn.example/d.png)" },
      paths: {},
    };
    const presented = presentSpec(document as never) as { info: { description: string } };
    expect(presented.info.description).toBe("[Image: diagram](https://cdn.example/d.png)");
    expect(document.info.description).toBe("![diagram](https://cdn.example/d.png)");
  });
});
