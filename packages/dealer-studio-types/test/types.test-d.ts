// Type tests, compiled by `vitest --typecheck`: the vendor's examples are valid bodies, and the
// types reject what the API rejects. Each @ts-expect-error must see an error, or tsc fails.
import { describe, expectTypeOf, it } from "vitest";
import type {
  ChargeBreakdown,
  CreateLeadRequest,
  CreateLeadRequestBody,
  CreateLeadResponse,
  DocumentType,
  LeadCategory,
  LeadInput,
  MarketingSource,
  operations,
  paths,
  ValidationErrors,
} from "../src/index.js";
import { vendorCreateLeadExample } from "./fixtures/vendor-examples.js";

const base = {
  email: "jo@example.com",
  phone: "0412345678",
  dealership_slug: "test-dealer",
  category: "Test Drive Booking",
  source: "Website",
} as const;

describe("request body", () => {
  it("accepts the vendor page's example", () => {
    expectTypeOf(vendorCreateLeadExample).toExtend<CreateLeadRequestBody>();
  });

  it("is the paths[...] type under a friendly name", () => {
    expectTypeOf<CreateLeadRequestBody>().toEqualTypeOf<
      paths["/api/v1/leads"]["post"]["requestBody"]["content"]["application/json"]
    >();
    expectTypeOf<CreateLeadRequestBody>().toEqualTypeOf<CreateLeadRequest>();
    expectTypeOf<CreateLeadRequest["lead"]>().toEqualTypeOf<LeadInput>();
  });

  it("requires email, phone, category, source and one of dealership_id / dealership_slug", () => {
    const bySlug: CreateLeadRequestBody = { lead: { ...base } };
    const byId: CreateLeadRequestBody = { lead: { ...base, dealership_slug: undefined, dealership_id: 42 } };
    // @ts-expect-error the body is { lead: {...} }, not the lead itself
    const unwrapped: CreateLeadRequestBody = { ...base };
    const noPhone: CreateLeadRequestBody = {
      // @ts-expect-error phone is required
      lead: { email: "a@b.c", dealership_id: 1, category: "Survey", source: "Website" },
    };
    const noDealership: CreateLeadRequestBody = {
      // @ts-expect-error a dealership (id or slug) is required
      lead: { email: "a@b.c", phone: "1", category: "Survey", source: "SMS" },
    };
    expectTypeOf([bySlug, byId, unwrapped, noPhone, noDealership]).toExtend<CreateLeadRequestBody[]>();
  });

  it("rejects values outside the three enums", () => {
    // @ts-expect-error "Hot Lead" is not a category
    const category: CreateLeadRequestBody = { lead: { ...base, category: "Hot Lead" } };
    // @ts-expect-error "Carsales.com.au" is not a source
    const source: CreateLeadRequestBody = { lead: { ...base, source: "Carsales.com.au" } };
    // @ts-expect-error "Bing" is not a marketing source
    const marketing: CreateLeadRequestBody = { lead: { ...base, marketing_source: "Bing" } };
    expectTypeOf([category, source, marketing]).toExtend<CreateLeadRequestBody[]>();
  });

  it("rejects a wrong field type", () => {
    // @ts-expect-error page_id is an integer
    const pageId: CreateLeadRequestBody = { lead: { ...base, page_id: "123" } };
    // @ts-expect-error tags is an array of strings
    const tags: CreateLeadRequestBody = { lead: { ...base, tags: "tag1" } };
    // @ts-expect-error golden is a boolean
    const golden: CreateLeadRequestBody = { lead: { ...base, golden: 1 } };
    expectTypeOf([pageId, tags, golden]).toExtend<CreateLeadRequestBody[]>();
  });

  it("types custom fields and the charge breakdown", () => {
    const documentRequest: CreateLeadRequestBody = {
      lead: {
        ...base,
        category: "Document Request",
        custom_fields: { document_type: "equifax", colour: "red" },
      },
    };
    const badDocument: CreateLeadRequestBody = {
      // @ts-expect-error document_type is one of car_analysis, ppsr, equifax
      lead: { ...base, custom_fields: { document_type: "rego" } },
    };
    const totalOnly: ChargeBreakdown = { total: { amount: 50 } };
    const chargesOnly: ChargeBreakdown = { charges: [{ name: "Delivery Fee", amount: 500 }] };
    // @ts-expect-error a breakdown must include total, charges or both
    const neither: ChargeBreakdown = {};
    expectTypeOf([documentRequest, badDocument]).toExtend<CreateLeadRequestBody[]>();
    expectTypeOf([totalOnly, chargesOnly, neither]).toExtend<ChargeBreakdown[]>();
    expectTypeOf<DocumentType>().toEqualTypeOf<"car_analysis" | "ppsr" | "equifax">();
  });
});

describe("named types", () => {
  it("exports the enums as unions", () => {
    expectTypeOf<"New Vehicle Enquiry">().toExtend<LeadCategory>();
    expectTypeOf<"Event Enquiry">().toExtend<LeadCategory>();
    expectTypeOf<"new vehicle enquiry">().not.toExtend<LeadCategory>();
    expectTypeOf<"TikTok">().toExtend<MarketingSource>();
  });

  it("types the responses per status", () => {
    type Responses = operations["createLead"]["responses"];
    expectTypeOf<Responses[201]["content"]["application/json"]>().toEqualTypeOf<CreateLeadResponse>();
    expectTypeOf<CreateLeadResponse["id"]>().toEqualTypeOf<number>();
    expectTypeOf<Responses[422]["content"]["application/json"]>().toEqualTypeOf<ValidationErrors>();
    expectTypeOf<{ phone: ["is invalid"] }>().toExtend<ValidationErrors>();
  });
});
