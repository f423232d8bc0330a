// The type tests use test/fixtures/vendor-examples.ts; this proves the fixture is still exactly
// the vendor page's examples, so "the vendor's example type-checks" means what it says.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import {
  vendorChargeBreakdownExample,
  vendorCreateLeadExample,
  vendorCustomFieldsExample,
} from "./fixtures/vendor-examples.js";

const page = readFileSync(
  new URL("../../../specs/dealer-studio/sources/create-lead.txt", import.meta.url),
  "utf8",
);

it("the fixtures are the page's three examples, in page order", () => {
  // The capture glued each example to the next line: `Example\n{...}Charge breakdown…`.
  const examples = [...page.matchAll(/Example\n(\{.*?\})(?=Charge|Example|Responses)/gs)].map((match) =>
    JSON.parse(match[1] ?? ""),
  );
  expect(examples).toEqual([
    vendorCustomFieldsExample,
    vendorChargeBreakdownExample,
    vendorCreateLeadExample,
  ]);
});
