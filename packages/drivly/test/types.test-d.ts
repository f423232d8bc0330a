// What the compiler sees: the convenience method takes the spec's types and returns the 200
// body; the error narrows to the spec's body per status; the path-based client stays typed.
import { describe, expectTypeOf, it } from "vitest";
import {
  createDrivlyClient,
  type DrivlyApiError,
  type LeadUpdateResult,
  type PayloadErrors,
  type UpdateLeadQuery,
  type UpdateLeadRequestBody,
} from "../src/index.js";

const client = createDrivlyClient({ apiKey: "k" });

describe("types", () => {
  it("updateLead(id, patch, query?, options?) resolves with the 200 body", () => {
    expectTypeOf(client.updateLead).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(client.updateLead).parameter(1).toEqualTypeOf<UpdateLeadRequestBody>();
    expectTypeOf(client.updateLead).parameter(2).toEqualTypeOf<UpdateLeadQuery | undefined>();
    expectTypeOf(client.updateLead).returns.resolves.toEqualTypeOf<LeadUpdateResult>();
    // @ts-expect-error updatedAt and createdAt are required by the spec
    void client.updateLead("1", { notes: "x" });
  });

  it("hasStatus narrows the body to the spec's type for that status", () => {
    const error = {} as DrivlyApiError;
    if (error.hasStatus(400)) expectTypeOf(error.body).toEqualTypeOf<PayloadErrors>();
    // @ts-expect-error 422 is not a status the spec documents
    error.hasStatus(422);
  });

  it("keeps openapi-fetch's typed path-based calls and middleware", () => {
    expectTypeOf(client.PATCH).toBeFunction();
    expectTypeOf(client.use).toBeFunction();
    // @ts-expect-error the spec has no GET /leads/{id}
    void client.GET("/leads/{id}", { params: { path: { id: "1" } } });
  });
});
