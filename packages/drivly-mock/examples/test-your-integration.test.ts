import { createDrivlyClient, DrivlyApiError } from "@leadkit/drivly";
import { type DrivlyMock, startDrivlyMock } from "@leadkit/drivly-mock";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

// A Drivly look-alike on 127.0.0.1 that validates every request against the spec. It starts
// with the lead of the spec's example, id "1042"; `seed` gives it others.
let mock: DrivlyMock;
beforeAll(async () => {
  mock = await startDrivlyMock({ apiKey: "test-key" });
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

const update = {
  updatedAt: "2024-05-15T09:00:00.000Z",
  createdAt: "2024-05-02T09:03:47.120Z",
  processStatuses: "Qualified Lead",
} as const;

it("updates the lead, merging the fields sent", async () => {
  const drivly = createDrivlyClient({ apiKey: "test-key", baseUrl: mock.url });
  const { doc, message } = await drivly.updateLead("1042", update);
  expect(message).toBe("Updated successfully.");
  expect(doc).toMatchObject({ processStatuses: "Qualified Lead", firstName: "Maria" });
  expect(mock.leads[0]).toMatchObject({ id: "1042", processStatuses: "Qualified Lead" });
});

it("gets Payload's 404 for a lead that does not exist", async () => {
  const drivly = createDrivlyClient({ apiKey: "test-key", baseUrl: mock.url });
  const error = await drivly.updateLead("9999", update).catch((e) => e);
  expect(error).toBeInstanceOf(DrivlyApiError);
  expect(error.body).toEqual({ errors: [{ message: "Not Found" }] });
});

it("retries an update that timed out (an update is safe to repeat)", async () => {
  mock.inject({ fault: "hang", operation: "updateLead" });
  // The first attempt gets no answer and times out after 1 s; the client sends the update again.
  const drivly = createDrivlyClient({ apiKey: "test-key", baseUrl: mock.url, timeoutMs: 1_000 });
  await drivly.updateLead("1042", update);
  expect(mock.requests.map((request) => request.fault)).toEqual(["hang", undefined]);
});
