// Dealer Studio's generated validators (`@leadkit/dealer-studio-types/validate`) on Dealer
// Studio's own data: the vendor page's and the spec's examples pass, and the mistakes a form or
// CSV import makes (a misspelt category, a missing phone, a date of birth in the wrong order,
// neither dealership field) fail with a message that names the field and, for an enum, the
// allowed values. That they judge exactly as JSON Schema does is @leadkit/codegen's differential
// test against Ajv.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createLeadBody, createLeadResponse201, createLeadResponse422, validators } from "../src/validate.js";
import { vendorCreateLeadExample } from "./fixtures/vendor-examples.js";

const spec = JSON.parse(readFileSync(new URL("../spec/openapi.json", import.meta.url), "utf8"));
const messages = (result: { issues?: readonly { message: string }[] }) =>
  (result.issues ?? []).map((issue) => issue.message);
const lead = {
  email: "jane.citizen@example.com",
  phone: "0412345678",
  category: "Used Vehicle Enquiry",
  source: "Website",
  dealership_slug: "test-dealer",
};

describe("the examples", () => {
  it("the vendor page's example passes", () => {
    expect(createLeadBody["~standard"].validate(vendorCreateLeadExample)).toEqual({
      value: vendorCreateLeadExample,
    });
  });

  it("every example in the spec passes the validator of its place", () => {
    const operation = spec.paths["/api/v1/leads"].post;
    for (const [name, example] of Object.entries(
      operation.requestBody.content["application/json"].examples as Record<string, { value: unknown }>,
    ))
      expect(createLeadBody.is(example.value), name).toBe(true);
    expect(createLeadResponse201.is(operation.responses["201"].content["application/json"].example)).toBe(
      true,
    );
    for (const [status, name] of [
      ["401", "Unauthorized"],
      ["403", "Forbidden"],
      ["422", "ValidationFailed"],
    ] as const) {
      const example = spec.components.responses[name].content["application/json"].example;
      expect(validators.createLead.responses[status].is(example), status).toBe(true);
    }
  });
});

describe("the request body", () => {
  it("accepts a lead with what the spec requires", () => {
    expect(createLeadBody.is({ lead })).toBe(true);
  });

  it("names each problem of a form's lead, with the categories a misspelt one could have been", () => {
    const { phone: _, ...noPhone } = lead;
    const result = createLeadBody["~standard"].validate({
      lead: { ...noPhone, category: "Used vehicle enquiry", dob: "1980-01-31", tags: ["vip", 7] },
    });
    expect(messages(result)).toEqual([
      "lead.phone is required",
      'lead.category must be one of "New Vehicle Enquiry", "Used Vehicle Enquiry", "Test Drive Booking", "Special Offer Enquiry", "Fleet Enquiry", "Finance Enquiry", "Insurance Enquiry", "Subscription Enquiry", "Team Member Enquiry", "Vehicle Reservation", "Online Purchase", "Brochure Download", "Document Request", "Trade-in Enquiry", "Sell My Car Enquiry", "Service Booking", "Service Enquiry", "Parts Enquiry", "Service Retention", "Loan Car Booking", "General Enquiry", "Survey", "Competition Enquiry", "Phone Call", "Event Enquiry"',
      "lead.dob must match the pattern /^(0[1-9]|[12][0-9]|3[01])/(0[1-9]|1[0-2])/[0-9]{4}$/",
      "lead.tags[1] must be a string",
    ]);
    expect(result.issues?.map((issue) => issue.path)).toEqual([
      ["lead", "phone"],
      ["lead", "category"],
      ["lead", "dob"],
      ["lead", "tags", 1],
    ]);
  });

  it("asks for either dealership field, and for a total or the charges of a breakdown", () => {
    const { dealership_slug: _, ...noDealership } = lead;
    expect(
      messages(createLeadBody["~standard"].validate({ lead: { ...noDealership, charge_breakdown: {} } })),
    ).toEqual([
      'lead.charge_breakdown must have "total" or "charges"',
      'lead must have "dealership_id" or "dealership_slug"',
    ]);
    expect(createLeadBody.is({ lead: { ...noDealership, dealership_id: 42 } })).toBe(true);
  });

  it("takes a postcode as a number or a string, and rejects a fractional id", () => {
    expect(createLeadBody.is({ lead: { ...lead, address_attributes: { postcode: "0800" } } })).toBe(true);
    expect(messages(createLeadBody["~standard"].validate({ lead: { ...lead, page_id: 1.5 } }))).toEqual([
      "lead.page_id must be an integer",
    ]);
  });

  it("says what the root must be when it is not even an object", () => {
    expect(messages(createLeadBody["~standard"].validate([lead]))).toEqual(["body must be an object"]);
  });
});

describe("responses", () => {
  it("checks the 422 body: a map of field names to lists of messages", () => {
    expect(createLeadResponse422.is({ phone: ["is invalid"] })).toBe(true);
    expect(messages(createLeadResponse422["~standard"].validate({ phone: "is invalid" }))).toEqual([
      "phone must be an array",
    ]);
  });
});
