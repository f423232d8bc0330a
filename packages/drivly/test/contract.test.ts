import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContractServer, startContractServer } from "../../runtime/support/contract-server.js";
import { API_KEY, describeContract } from "../../runtime/support/suites.js";
import { createDrivlyClient } from "../src/index.js";
import { spec, subject } from "./subject.js";

describeContract(subject);

describe("contract: what the Drivly spec rejects, the validator rejects (OpenAPI 3.1 types)", () => {
  let server: ContractServer;
  beforeAll(async () => {
    server = await startContractServer(spec);
  });
  afterAll(() => server.close());
  const patch = (body: object, query?: object) =>
    createDrivlyClient({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 }).PATCH("/leads/{id}", {
      params: { path: { id: "1042" }, query: query as never },
      body: body as never,
    });
  const base = { updatedAt: "2024-05-14T16:20:11.512Z", createdAt: "2024-05-02T09:03:47.120Z" };
  const violationsOf = async (promise: Promise<unknown>) => {
    const before = server.requests.length;
    await promise;
    return server.requests.slice(before).flatMap((request) => request.violations);
  };

  it("accepts null where the type is [string, null]", async () => {
    expect(await violationsOf(patch({ ...base, notes: null }))).toEqual([]);
  });

  it("rejects a number where the type is [string, null]", async () => {
    expect((await violationsOf(patch({ ...base, notes: 5 }))).join("\n")).toMatch(/notes must be string/);
  });

  it("rejects a value outside an enum, and a query parameter of the wrong type", async () => {
    const problems = (await violationsOf(patch({ ...base, processStatuses: "Won" }, { depth: "deep" }))).join(
      "\n",
    );
    expect(problems).toMatch(/processStatuses/);
    expect(problems).toMatch(/depth must be number/);
  });
});
