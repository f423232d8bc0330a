// What the compiler sees: createLead takes the spec's `{ lead: {...} }` body and returns the 201
// body; the error narrows to the spec's body per status; the path-based client stays typed.
import { describe, expectTypeOf, it } from "vitest";
import {
  type CreateLeadRequestBody,
  type CreateLeadResponse,
  createDealerStudioClient,
  type DealerStudioApiError,
  type ErrorResponse,
  type ValidationErrors,
} from "../src/index.js";

const client = createDealerStudioClient({ apiKey: "k" });

describe("types", () => {
  it("createLead(body, options?) takes the spec's body as is and resolves with the 201 body", () => {
    expectTypeOf(client.createLead).parameter(0).toEqualTypeOf<CreateLeadRequestBody>();
    expectTypeOf(client.createLead).returns.resolves.toEqualTypeOf<CreateLeadResponse>();
    const unwrapped = {
      email: "a@b.c",
      phone: "1",
      category: "Survey",
      source: "Website",
      dealership_id: 1,
    } as const;
    // @ts-expect-error the lead must be wrapped in `lead`, as the spec defines the body
    void client.createLead(unwrapped);
  });

  it("hasStatus narrows the body to the spec's type for that status", () => {
    const error = {} as DealerStudioApiError;
    if (error.hasStatus(422)) expectTypeOf(error.body).toEqualTypeOf<ValidationErrors>();
    if (error.hasStatus(401)) expectTypeOf(error.body).toEqualTypeOf<ErrorResponse>();
    // @ts-expect-error 404 is not a status the spec documents
    error.hasStatus(404);
  });

  it("keeps openapi-fetch's typed path-based calls and middleware", () => {
    expectTypeOf(client.POST).toBeFunction();
    expectTypeOf(client.use).toBeFunction();
    // @ts-expect-error the spec has no GET /api/v1/leads
    void client.GET("/api/v1/leads");
  });
});
