import { createDrivlyClient, DrivlyApiError } from "@leadkit/drivly";
import { drivlyHandlers } from "@leadkit/drivly-mock/msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

// The same mock in-process: requests to https://commerce.driv.ly/api never leave the test.
const drivly = drivlyHandlers({
  seed: {
    leads: [
      {
        id: "7",
        updatedAt: "2024-05-01T00:00:00.000Z",
        createdAt: "2024-05-01T00:00:00.000Z",
        firstName: "Ana",
      },
    ],
  },
});
const server = setupServer(...drivly);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => drivly.reset());
afterAll(() => server.close());

const client = createDrivlyClient({ apiKey: "test-key" }); // its default baseUrl, intercepted
const update = {
  updatedAt: "2024-05-15T09:00:00.000Z",
  createdAt: "2024-05-01T00:00:00.000Z",
  notes: "Called back",
};

it("updates a seeded lead", async () => {
  const { doc } = await client.updateLead("7", update);
  expect(doc).toEqual({ ...update, firstName: "Ana" });
  expect(drivly.leads).toEqual([{ id: "7", ...update, firstName: "Ana" }]);
});

it("answers what a test needs, typed by the spec", async () => {
  drivly.override({
    updateLead: () => ({
      status: 403,
      body: { errors: [{ message: "You are not allowed to perform this action." }] },
    }),
  });
  const error = await client.updateLead("7", update).catch((e) => e);
  expect(error).toBeInstanceOf(DrivlyApiError);
  expect(error.status).toBe(403);
});
