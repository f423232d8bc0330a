import { createDealerStudioClient, DealerStudioApiError } from "@leadkit/dealer-studio";
import { dealerStudioHandlers } from "@leadkit/dealer-studio-mock/msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

// The same mock in-process: requests to https://dashboard.dealerstudio.com.au never leave the test.
const dealerStudio = dealerStudioHandlers();
const server = setupServer(...dealerStudio);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => dealerStudio.reset());
afterAll(() => server.close());

const client = createDealerStudioClient({ apiKey: "test-key" }); // its default baseUrl, intercepted
const lead = {
  email: "jane.citizen@example.com",
  phone: "0412345678",
  dealership_id: 42,
  category: "General Enquiry",
  source: "Website",
} as const;

it("retries when Dealer Studio is rate limited, and creates the lead once", async () => {
  dealerStudio.inject({ fault: { status: 429, retryAfter: 0 }, operation: "createLead" });
  await client.createLead({ lead });
  expect(dealerStudio.requests.map((request) => request.status)).toEqual([429, 201]);
  expect(dealerStudio.leads).toHaveLength(1);
});

it("answers what a test needs, typed by the spec", async () => {
  dealerStudio.override({ createLead: () => ({ status: 422, body: { phone: ["is invalid"] } }) });
  const error = await client.createLead({ lead }).catch((e) => e);
  expect(error).toBeInstanceOf(DealerStudioApiError);
  expect(error.body).toEqual({ phone: ["is invalid"] });
});
