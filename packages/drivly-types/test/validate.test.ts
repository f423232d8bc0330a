// Drivly's generated validators (`@leadkit/drivly-types/validate`) on Drivly's own data: the
// vendor page's and the spec's examples pass, and the mistakes a caller makes (an enum in the
// wrong case, a string where a number goes, a relationship that is neither an id nor a
// document) fail with a message that names the field and the allowed values. That they judge
// exactly as JSON Schema does is @leadkit/codegen's differential test against Ajv.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  updateLeadBody,
  updateLeadParams,
  updateLeadQuery,
  updateLeadResponse200,
  updateLeadResponse404,
  validators,
} from "../src/validate.js";
import { vendorRequestExample, vendorResponseExample } from "./fixtures/vendor-examples.js";

const spec = JSON.parse(readFileSync(new URL("../spec/openapi.json", import.meta.url), "utf8"));
const required = { updatedAt: "2024-05-14T16:20:11.512Z", createdAt: "2024-05-02T09:03:47.120Z" };
const messages = (result: { issues?: readonly { message: string }[] }) =>
  (result.issues ?? []).map((issue) => issue.message);

describe("the examples", () => {
  it("the vendor page's request and response pass", () => {
    expect(updateLeadBody["~standard"].validate(vendorRequestExample)).toEqual({
      value: vendorRequestExample,
    });
    expect(updateLeadResponse200.is(vendorResponseExample)).toBe(true);
  });

  it("every example in the spec passes the validator of its place", () => {
    const operation = spec.paths["/leads/{id}"].patch;
    expect(updateLeadBody.is(operation.requestBody.content["application/json"].example)).toBe(true);
    for (const [status, response] of Object.entries(spec.components.responses as Record<string, unknown>)) {
      const example = (response as { content: { "application/json": { example: unknown } } }).content[
        "application/json"
      ].example;
      const code = { LeadUpdated: "200", ValidationFailed: "400", Forbidden: "403", NotFound: "404" }[status];
      expect(validators.updateLead.responses[code as "200"].is(example), status).toBe(true);
    }
    for (const parameter of Object.values(
      spec.components.parameters as Record<string, { in: string; name: string; example: unknown }>,
    )) {
      const validator = parameter.in === "path" ? updateLeadParams : updateLeadQuery;
      expect(validator.is({ [parameter.name]: parameter.example }), parameter.name).toBe(true);
    }
  });
});

describe("the request body", () => {
  it("accepts each enum value exactly as the vendor lists it, odd casing and duplicates included", () => {
    const body = {
      ...required,
      timeToPurchase: ["ASAP", "Asap", "asap", "2+ months"],
      fuelType: ["Hybrid", "hybrid"],
    };
    expect(updateLeadBody.is(body)).toBe(true);
  });

  it("rejects a casing the vendor does not list, naming the field and every allowed value", () => {
    const result = updateLeadBody["~standard"].validate({ ...required, timeToPurchase: ["aSAP"] });
    expect(messages(result)).toEqual([
      'timeToPurchase[0] must be one of "ASAP", "This week", "Within 1-2 weeks", "Within 2-4 weeks", "Asap", "This Week", "Within 1-2 Weeks", "Within 2-4 Weeks", "within 1-2 weeks", "within 2-4 weeks", "within 1-2 months", "other", "this week", "asap", "2+ months", "just browsing", "1-2 months", "1-2 weeks", "2-4 weeks"',
    ]);
    expect(result.issues?.[0]?.path).toEqual(["timeToPurchase", 0]);
  });

  it("says a nullable enum takes null too", () => {
    expect(updateLeadBody.is({ ...required, processStatuses: null, reason: null })).toBe(true);
    expect(messages(updateLeadBody["~standard"].validate({ ...required, processStatuses: "lost" }))).toEqual([
      'processStatuses must be one of "Qualified Lead", "Actively Communicating", "First Communication Attempt (phone and text)", "Second Communication Attempt", "On Hold", "Lost" or null',
    ]);
  });

  it("takes a relationship as a document id or a populated document, and says so otherwise", () => {
    expect(
      updateLeadBody.is({ ...required, latestEvent: 5531, searches: [88107, { id: 88112, query: "suv" }] }),
    ).toBe(true);
    const result = updateLeadBody["~standard"].validate({
      ...required,
      latestEvent: "5531",
      searches: [{ query: "suv" }],
    });
    expect(messages(result)).toEqual([
      "latestEvent must be a number, an object or null",
      "searches[0].id is required",
    ]);
  });

  it("requires updatedAt and createdAt, and checks every other field's type", () => {
    const result = updateLeadBody["~standard"].validate({ monthlyPayment: "450", subscribe: "yes" });
    expect(messages(result)).toEqual([
      "updatedAt is required",
      "createdAt is required",
      "monthlyPayment must be a number or null",
      "subscribe must be a boolean or null",
    ]);
  });

  it("counts NaN and Infinity as no number: JSON would send them as null", () => {
    expect(messages(updateLeadBody["~standard"].validate({ ...required, cashDown: Number.NaN }))).toEqual([
      "cashDown must be a number or null",
    ]);
  });
});

describe("parameters and responses", () => {
  it("checks the path and query parameters as the client takes them, before serialisation", () => {
    expect(updateLeadParams.is({ id: "1042" })).toBe(true);
    expect(messages(updateLeadParams["~standard"].validate({}))).toEqual(["id is required"]);
    expect(messages(updateLeadQuery["~standard"].validate({ depth: "1", "fallback-locale": 2 }))).toEqual([
      "depth must be a number",
      "fallback-locale must be a string",
    ]);
  });

  it("checks Payload's error body", () => {
    expect(updateLeadResponse404.is({ errors: [{ message: "Not Found" }] })).toBe(true);
    expect(messages(updateLeadResponse404["~standard"].validate({ errors: [{}] }))).toEqual([
      "errors[0].message is required",
    ]);
  });
});
