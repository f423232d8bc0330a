// The type tests use test/fixtures/vendor-examples.ts; this proves the fixture is still exactly
// the vendor page's examples, so "the vendor's example type-checks" means what it says.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { vendorRequestExample, vendorResponseExample } from "./fixtures/vendor-examples.js";

const page = readFileSync(new URL("../../../specs/drivly/sources/update-lead.txt", import.meta.url), "utf8");

it("the fixtures are the page's request and response examples", () => {
  const [, afterData] = page.split("--data '\n");
  const [request, afterRequest] = (afterData ?? "").split("\n'\n");
  const response = (afterRequest ?? "").slice(0, (afterRequest ?? "").indexOf("\nMake sure"));
  expect(vendorRequestExample).toEqual(JSON.parse(request ?? ""));
  expect(vendorResponseExample).toEqual(JSON.parse(response));
});
