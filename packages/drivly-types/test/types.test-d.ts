// Type tests, compiled by `vitest --typecheck`: the vendor's examples are valid bodies, and the
// types reject what the API rejects. Each @ts-expect-error must see an error, or tsc fails.
import { describe, expectTypeOf, it } from "vitest";
import type {
  Lead,
  LeadProcessStatus,
  LeadUpdateResult,
  PayloadErrors,
  paths,
  TimeToPurchase,
  UpdateLeadQuery,
  UpdateLeadRequestBody,
  UpdateLeadResponse,
} from "../src/index.js";
import { vendorRequestExample, vendorResponseExample } from "./fixtures/vendor-examples.js";

const required = { updatedAt: "2024-05-14T16:20:11.512Z", createdAt: "2024-05-02T09:03:47.120Z" };

describe("request body", () => {
  it("accepts the vendor page's example", () => {
    expectTypeOf(vendorRequestExample).toExtend<UpdateLeadRequestBody>();
    expectTypeOf(vendorResponseExample).toExtend<UpdateLeadResponse>();
  });

  it("is the paths[...] type under a friendly name", () => {
    expectTypeOf<UpdateLeadRequestBody>().toEqualTypeOf<
      paths["/leads/{id}"]["patch"]["requestBody"]["content"]["application/json"]
    >();
    expectTypeOf<UpdateLeadRequestBody>().toEqualTypeOf<Lead>();
  });

  it("requires updatedAt and createdAt", () => {
    const ok: UpdateLeadRequestBody = { ...required };
    // @ts-expect-error updatedAt is required
    const missing: UpdateLeadRequestBody = { createdAt: "2024-05-02T09:03:47.120Z" };
    expectTypeOf(ok).toExtend<UpdateLeadRequestBody>();
    expectTypeOf(missing).toExtend<UpdateLeadRequestBody>();
  });

  it("rejects a value outside an enum, and accepts null where the page says `| null`", () => {
    const nulls: UpdateLeadRequestBody = {
      ...required,
      processStatuses: null,
      reason: null,
      bodyStyle: null,
    };
    // @ts-expect-error "Hot" is not a process status
    const wrongEnum: UpdateLeadRequestBody = { ...required, processStatuses: "Hot" };
    // @ts-expect-error "spaceship" is not a body style
    const wrongArrayEnum: UpdateLeadRequestBody = { ...required, bodyStyle: ["spaceship"] };
    expectTypeOf(nulls).toExtend<UpdateLeadRequestBody>();
    expectTypeOf(wrongEnum).toExtend<UpdateLeadRequestBody>();
    expectTypeOf(wrongArrayEnum).toExtend<UpdateLeadRequestBody>();
  });

  it("rejects a wrong field type", () => {
    // @ts-expect-error monthlyPayment is a number
    const wrongType: UpdateLeadRequestBody = { ...required, monthlyPayment: "450" };
    // @ts-expect-error subscribe is a boolean
    const wrongBoolean: UpdateLeadRequestBody = { ...required, subscribe: "yes" };
    expectTypeOf(wrongType).toExtend<UpdateLeadRequestBody>();
    expectTypeOf(wrongBoolean).toExtend<UpdateLeadRequestBody>();
  });

  it("takes relationship fields as an id or a populated document", () => {
    const mixed: UpdateLeadRequestBody = {
      ...required,
      searches: [12, { id: 13, make: "Ford" }],
      salesRep: 4,
    };
    // @ts-expect-error ids are numbers, not strings
    const stringId: UpdateLeadRequestBody = { ...required, searches: ["12"] };
    expectTypeOf(mixed).toExtend<UpdateLeadRequestBody>();
    expectTypeOf(stringId).toExtend<UpdateLeadRequestBody>();
  });
});

describe("named types", () => {
  it("exports the enums as unions, keeping the vendor's case variants", () => {
    expectTypeOf<LeadProcessStatus>().toEqualTypeOf<
      | "Qualified Lead"
      | "Actively Communicating"
      | "First Communication Attempt (phone and text)"
      | "Second Communication Attempt"
      | "On Hold"
      | "Lost"
    >();
    expectTypeOf<"ASAP">().toExtend<TimeToPurchase>();
    expectTypeOf<"asap">().toExtend<TimeToPurchase>();
    expectTypeOf<"Asap">().toExtend<TimeToPurchase>();
    expectTypeOf<"soon">().not.toExtend<TimeToPurchase>();
  });

  it("types the response and the query", () => {
    expectTypeOf<UpdateLeadResponse>().toEqualTypeOf<LeadUpdateResult>();
    expectTypeOf<UpdateLeadResponse["doc"]>().toEqualTypeOf<Lead>();
    expectTypeOf<UpdateLeadResponse["message"]>().toEqualTypeOf<string>();
    expectTypeOf<UpdateLeadQuery>().toEqualTypeOf<{
      depth?: number;
      locale?: string;
      "fallback-locale"?: string;
    }>();
    expectTypeOf<PayloadErrors["errors"][number]["message"]>().toEqualTypeOf<string>();
  });
});
