import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContractServer, startContractServer } from "../../runtime/support/contract-server.js";
import { API_KEY, describeContract } from "../../runtime/support/suites.js";
import { createDealerStudioClient } from "../src/index.js";
import { spec, subject } from "./subject.js";

describeContract(subject);

describe("contract: what the Dealer Studio spec rejects, the validator rejects", () => {
  let server: ContractServer;
  beforeAll(async () => {
    server = await startContractServer(spec);
  });
  afterAll(() => server.close());
  const post = (lead: object) =>
    createDealerStudioClient({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 }).POST("/api/v1/leads", {
      body: { lead } as never,
    });
  const lead = {
    email: "jane@example.com",
    phone: "0412345678",
    category: "General Enquiry",
    source: "Website",
  };
  const violationsOf = async (promise: Promise<unknown>) => {
    const before = server.requests.length;
    await promise;
    return server.requests.slice(before).flatMap((request) => request.violations);
  };

  it("accepts a lead naming its dealership by id or by slug", async () => {
    expect(await violationsOf(post({ ...lead, dealership_id: 42 }))).toEqual([]);
    expect(await violationsOf(post({ ...lead, dealership_slug: "test-dealer" }))).toEqual([]);
  });

  it("rejects a lead with neither dealership_id nor dealership_slug", async () => {
    expect((await violationsOf(post(lead))).join("\n")).toMatch(/dealership_id|dealership_slug|anyOf/);
  });

  it("rejects a category outside the vendor's list", async () => {
    expect((await violationsOf(post({ ...lead, dealership_id: 42, category: "Spam" }))).join("\n")).toMatch(
      /category/,
    );
  });

  it("rejects a body that is not wrapped in `lead`", async () => {
    const before = server.requests.length;
    await createDealerStudioClient({ apiKey: API_KEY, baseUrl: server.url }).POST("/api/v1/leads", {
      body: { ...lead, dealership_id: 42 } as never,
    });
    expect(server.requests[before]?.violations.join("\n")).toMatch(/must have required property 'lead'/);
  });
});
