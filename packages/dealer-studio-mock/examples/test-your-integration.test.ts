import { ConnectionError, createDealerStudioClient, DealerStudioApiError } from "@leadkit/dealer-studio";
import { type DealerStudioMock, startDealerStudioMock } from "@leadkit/dealer-studio-mock";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

// A Dealer Studio look-alike on 127.0.0.1 that validates every request against the spec.
let mock: DealerStudioMock;
beforeAll(async () => {
  mock = await startDealerStudioMock({ apiKey: "test-key", dealerships: ["test-dealer"] });
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

const lead = {
  name: "Jane Citizen",
  email: "jane.citizen@example.com",
  phone: "0412345678",
  dealership_slug: "test-dealer",
  category: "Used Vehicle Enquiry",
  source: "Website",
} as const;

it("creates the lead", async () => {
  const dealerStudio = createDealerStudioClient({ apiKey: "test-key", baseUrl: mock.url });
  const created = await dealerStudio.createLead({ lead });
  expect(mock.leads).toEqual([{ ...lead, id: created.id, lead_cluster_id: created.lead_cluster_id }]);
});

it("gets Dealer Studio's 422, naming the field, for a lead the spec rejects", async () => {
  const dealerStudio = createDealerStudioClient({ apiKey: "test-key", baseUrl: mock.url });
  const error = await dealerStudio.createLead({ lead: { ...lead, dob: "1980-01-31" } }).catch((e) => e);
  expect(error).toBeInstanceOf(DealerStudioApiError);
  expect(error.status).toBe(422);
  expect(Object.keys(error.body)).toEqual(["dob"]);
});

it("never creates the lead twice, even when the connection drops after Dealer Studio stored it", async () => {
  mock.inject({ fault: "reset-after", operation: "createLead" });
  const dealerStudio = createDealerStudioClient({ apiKey: "test-key", baseUrl: mock.url });
  await expect(dealerStudio.createLead({ lead })).rejects.toBeInstanceOf(ConnectionError);
  expect(mock.leads).toHaveLength(1); // stored once: the client did not retry into a duplicate
});
