// What the compiler sees: overrides are typed by the spec's paths (a body the spec does not
// allow for that status fails to compile), stored leads by the request body, faults by name.

import type { paths } from "@leadkit/dealer-studio-types";
import { describe, expectTypeOf, it } from "vitest";
import { type DealerStudioMock, startDealerStudioMock } from "../src/index.js";
import { dealerStudioHandlers } from "../src/msw.js";

type Created = paths["/api/v1/leads"]["post"]["responses"][201]["content"]["application/json"];

describe("types", () => {
  it("types overrides by the spec: documented statuses with their bodies only", () => {
    const handlers = dealerStudioHandlers();
    handlers.override({
      createLead: () => ({ status: 201, body: { id: 1, lead_cluster_id: 2 } satisfies Created }),
    });
    handlers.override({ createLead: () => ({ status: 422, body: { phone: ["is invalid"] } }) });
    handlers.override({ createLead: () => undefined }); // falls through to the mock
    // @ts-expect-error the 201 body's id is an integer in the spec, not a string
    handlers.override({ createLead: () => ({ status: 201, body: { id: "1", lead_cluster_id: 2 } }) });
    // @ts-expect-error 404 is not a status createLead documents
    handlers.override({ createLead: () => ({ status: 404, body: { error: "Not found" } }) });
    // @ts-expect-error a 422 body maps fields to lists of messages
    handlers.override({ createLead: () => ({ status: 422, body: { phone: "is invalid" } }) });
    // @ts-expect-error there is no operation updateLead in this API
    handlers.override({ updateLead: () => undefined });
  });

  it("hands an override the request body as the spec types it", () => {
    void startDealerStudioMock({
      overrides: {
        createLead: ({ body }) => {
          expectTypeOf(body.lead.email).toEqualTypeOf<string>();
          return undefined;
        },
      },
    });
  });

  it("types stored leads, faults and options", () => {
    const mock = {} as DealerStudioMock;
    expectTypeOf(mock.leads[0]?.id).toEqualTypeOf<number | undefined>();
    expectTypeOf(mock.leads[0]?.lead_cluster_id).toEqualTypeOf<number | undefined>();
    expectTypeOf(mock.leads[0]?.email).toEqualTypeOf<string | undefined>();
    mock.inject({ fault: "reset-after", operation: "createLead" });
    // @ts-expect-error faults are named: "reset-after", not "reset"
    mock.inject({ fault: "reset" });
    // @ts-expect-error operations are the client's method names
    mock.inject({ fault: "hang", operation: "createLeads" });
    void startDealerStudioMock({ apiKey: "k", dealerships: [42, "test-dealer"], port: 4010 });
  });
});
