// What this package's src/vendor.ts adds to the spec, tested over HTTP: Dealer Studio's words
// for invalid leads (422 `{ field: [messages] }`, the field named), 401 without a key, 403 for a
// dealership the key may not act for, the stored lead with its ids and lead cluster.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type DealerStudioMock, startDealerStudioMock } from "../src/index.js";
import { vendor } from "../src/vendor.js";

const KEY = "ds-test-key-5150";
let mock: DealerStudioMock;
beforeAll(async () => {
  mock = await startDealerStudioMock({ apiKey: KEY, dealerships: [42, "test-dealer"] });
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

const valid = {
  email: "jane@example.com",
  phone: "0412345678",
  category: "General Enquiry",
  source: "Website",
  dealership_id: 42,
};
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${mock.url}/api/v1/leads`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const answer = async (response: Response) => [response.status, await response.json()];

describe("Dealer Studio's 422 for what the spec rejects, keyed by the lead's field", () => {
  const { dealership_id: _id, ...withoutDealership } = valid;
  it.each<[string, unknown, Record<string, unknown>]>([
    ["a missing required field", { lead: { ...valid, email: undefined } }, { email: ["can't be blank"] }],
    [
      "a category outside the vendor's list",
      { lead: { ...valid, category: "Spam" } },
      {
        category: [
          expect.stringMatching(/^is not included in the list \(must be one of "New Vehicle Enquiry", /),
        ],
      },
    ],
    ["a wrong type", { lead: { ...valid, phone: 412345678 } }, { phone: ["must be a string"] }],
    [
      "a date of birth not in DD/MM/YYYY",
      { lead: { ...valid, dob: "1980-01-31" } },
      { dob: [expect.stringMatching(/^must match the pattern/)] },
    ],
    ["a negative time on site", { lead: { ...valid, time_on_site: -5 } }, { time_on_site: ["must be >= 0"] }],
    [
      "a nested field (address postcode)",
      { lead: { ...valid, address_attributes: { postcode: true } } },
      { "address_attributes.postcode": ["must be an integer or a string"] },
    ],
    [
      "a charge whose amount is not a number",
      {
        lead: {
          ...valid,
          charge_breakdown: { total: { amount: 50 }, charges: [{ name: "Fee", amount: "5" }] },
        },
      },
      { "charge_breakdown.charges.0.amount": ["must be a number"] },
    ],
    [
      "a lead naming no dealership",
      { lead: withoutDealership },
      { base: ['must have "dealership_id" or "dealership_slug"'] },
    ],
    ["a body without the `lead` wrapper", valid, { lead: ["can't be blank"] }],
    ["a body that is not JSON", "{lead:", { base: [expect.stringMatching(/^body is not valid JSON/)] }],
  ])("%s", async (_name, body, errors) => {
    expect(await answer(await post(body))).toEqual([422, errors]);
    expect(mock.leads).toEqual([]);
    expect(mock.requests[0]?.valid).toBe(false);
  });

  it("lists every problem at once", async () => {
    const [status, body] = await answer(
      await post({ lead: { ...valid, email: 1, source: "Carrier pigeon" } }),
    );
    expect(status).toBe(422);
    expect(Object.keys(body).sort()).toEqual(["email", "source"]);
  });

  it("says so for a body sent as another content type", async () => {
    const response = await post(JSON.stringify({ lead: valid }), { "content-type": "text/plain" });
    expect(await answer(response)).toEqual([
      422,
      { base: ["Content-Type must be application/json (it is text/plain)"] },
    ]);
  });
});

describe("auth", () => {
  it("answers 401 without a key, with a malformed one, and with another key", async () => {
    for (const authorization of [undefined, KEY, "Bearer not-the-key"]) {
      const response = await fetch(`${mock.url}/api/v1/leads`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ lead: valid }),
      });
      expect(await answer(response)).toEqual([401, { error: "Unauthorized" }]);
    }
    expect(mock.leads).toEqual([]);
  });

  it("takes the dealerships from the CLI's --dealership flags, ids as numbers", () => {
    expect(vendor.cli?.toOptions({ dealership: ["42", "test-dealer"] })).toEqual({
      dealerships: [42, "test-dealer"],
    });
    expect(vendor.cli?.toOptions({})).toEqual({});
  });

  it("answers 403 for a dealership the key may not act for, by id or by slug", async () => {
    for (const dealership of [{ dealership_id: 7 }, { dealership_slug: "other-dealer" }]) {
      const { dealership_id: _id, ...lead } = valid;
      expect(await answer(await post({ lead: { ...lead, ...dealership } }))).toEqual([
        403,
        { error: "Forbidden - API key restricted to different dealership" },
      ]);
    }
    expect(
      (await post({ lead: { ...valid, dealership_id: undefined, dealership_slug: "test-dealer" } })).status,
    ).toBe(201);
  });
});

describe("stored leads", () => {
  it("get increasing ids; a customer's leads share a lead cluster, others get a new one", async () => {
    const created = [];
    for (const lead of [
      valid,
      { ...valid, email: "other@example.com", phone: "0400000001" },
      { ...valid, email: "JANE@example.com", category: "Test Drive Booking" },
      { ...valid, email: "third@example.com" }, // same phone as Jane's
    ])
      created.push((await answer(await post({ lead })))[1]);
    expect(created).toEqual([
      { id: 1, lead_cluster_id: 1 },
      { id: 2, lead_cluster_id: 2 },
      { id: 3, lead_cluster_id: 1 },
      { id: 4, lead_cluster_id: 1 },
    ]);
    expect(mock.leads[2]).toEqual({
      ...valid,
      email: "JANE@example.com",
      category: "Test Drive Booking",
      id: 3,
      lead_cluster_id: 1,
    });
  });
});
