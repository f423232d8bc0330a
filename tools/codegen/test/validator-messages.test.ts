// The issues the compiled validators report: a path to the field and a message that names it
// (dotted, array items in brackets, the part's name at the root) and says what is allowed. A
// table per keyword, on the keyword fixture; the verdicts themselves are the differential test's.
import { beforeAll, describe, expect, it } from "vitest";
import { keywordFixture, loadModule, type ValidatorsModule } from "./support/validators.js";

let module: ValidatorsModule;
beforeAll(async () => {
  module = (await loadModule("keywords", keywordFixture("keywords-3.1.yaml"))).module;
});

const thing = { name: "abc", kind: "thing", secret: "s3cret" }; // secret: writeOnly, so required in a request
const odd = { tier: "silver" };

const table: Array<
  [name: string, validator: string, value: unknown, issues: Array<[string, Array<string | number>]>]
> = [
  ["the root's type, named after the part", "putThingBody", [], [["body must be an object", []]]],
  [
    "a missing required property, at its own path",
    "putThingBody",
    { kind: "thing", secret: "s" },
    [["name is required", ["name"]]],
  ],
  [
    "an unknown property when additionalProperties is false",
    "putThingBody",
    { ...thing, nme: "x" },
    [["nme is not allowed", ["nme"]]],
  ],
  [
    "string length in code points",
    "putThingBody",
    { ...thing, name: "😀" },
    [["name must be at least 2 characters long", ["name"]]],
  ],
  ["a format", "putThingBody", { ...thing, email: "jane@" }, [["email must be an email address", ["email"]]]],
  [
    "an enum, with every allowed value in the vendor's order and case",
    "putThingBody",
    { ...thing, kind: "THINGS" },
    [['kind must be one of "thing", "Thing", "THING", "legacy", "widget", "gadget"', ["kind"]]],
  ],
  ["not", "putThingBody", { ...thing, kind: "legacy" }, [['kind must not be "legacy"', ["kind"]]]],
  [
    "a nullable number's bounds",
    "putThingBody",
    { ...thing, score: 10 },
    [["score must be < 10", ["score"]]],
  ],
  ["multipleOf", "putThingBody", { ...thing, count: 4 }, [["count must be a multiple of 3", ["count"]]]],
  [
    "propertyNames and maxProperties",
    "putThingBody",
    { ...thing, labels: { Bad: "x", a: "1", b: "2", c: "3" } },
    [
      ["labels must have at most 3 properties", ["labels"]],
      ['labels has a property name "Bad", which must match the pattern /^[a-z][a-z0-9-]*$/', ["labels"]],
    ],
  ],
  [
    "the query, each parameter by name",
    "putThingQuery",
    { mode: "quick", limit: 7, tags: ["a", "a"] },
    [
      ["tags must not contain duplicates (items 0 and 1 are equal)", ["tags"]],
      ['mode must be one of "fast", "safe", "Fast"', ["mode"]],
      ["limit must be a multiple of 5", ["limit"]],
    ],
  ],
  ["the path parameters", "putThingParams", { thingId: 0 }, [["thingId must be >= 1", ["thingId"]]]],
  [
    "oneOf: alternatives that all match",
    "createShapeBody",
    { radius: 1, side: 1 },
    [["body must match exactly one of its 3 alternatives, but matches 2 (1, 2)", []]],
  ],
  [
    "oneOf: the closest alternatives speak (those missing one property each)",
    "createShapeBody",
    { kind: "circle" },
    [['body must have "radius" or "label"', []]],
  ],
  [
    "anyOf: what each alternative takes, merged",
    "oddKeywordsPostBody",
    { ...odd, choice: true },
    [["choice must be null, a string or an integer", ["choice"]]],
  ],
  [
    "const and enums with objects, arrays and null",
    "oddKeywordsPostBody",
    { tier: { level: 2 } },
    [['tier must be one of "gold", "silver", null, 1, {"level":1}, [1,2]', ["tier"]]],
  ],
  ["if/then", "oddKeywordsPostBody", { tier: "gold" }, [["perks is required", ["perks"]]]],
  [
    "contains with min/max",
    "oddKeywordsPostBody",
    { tier: "gold", perks: ["spa"] },
    [["perks must contain at least 1 item matching its `contains` schema", ["perks"]]],
  ],
  [
    "prefixItems and items: false",
    "oddKeywordsPostBody",
    { ...odd, point: [1, 2, 3] },
    [["point must have at most 2 items", ["point"]]],
  ],
  [
    "dependentRequired",
    "oddKeywordsPostBody",
    { ...odd, card: "1234 5678 9012 3456" },
    [['expiry is required when "card" is present', ["expiry"]]],
  ],
  [
    "patternProperties",
    "oddKeywordsPostBody",
    { ...odd, n1: 1.5, "x-a": true },
    [
      ["n1 must be an integer", ["n1"]],
      ["x-a must be a string or a number", ["x-a"]],
    ],
  ],
  [
    "a false property schema",
    "oddKeywordsPostBody",
    { ...odd, nothing: 1 },
    [["nothing is not allowed", ["nothing"]]],
  ],
  [
    "a recursive schema, with array items in brackets",
    "oddKeywordsPostResponse200",
    { value: 1, children: [{ value: 2, children: [{ value: "3" }] }] },
    [["children[0].children[0].value must be an integer", ["children", 0, "children", 0, "value"]]],
  ],
];

describe("issues", () => {
  for (const [name, validator, value, issues] of table)
    it(name, () => {
      const result = module[validator]?.["~standard"].validate(value);
      expect(result?.issues?.map((issue) => [issue.message, issue.path])).toEqual(issues);
      expect(module[validator]?.is(value)).toBe(false);
    });

  it("a value that matches comes back as it is, the same object", () => {
    const value = { ...thing, email: "jane@example.com" };
    expect(module.putThingBody?.["~standard"].validate(value).value).toBe(value);
  });
});
