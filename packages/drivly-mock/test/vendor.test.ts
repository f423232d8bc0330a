// What this package's src/vendor.ts adds to the spec, tested over HTTP: Payload's 400 for what
// the spec rejects (`{ errors: [{ name: "ValidationError", data: { errors: [{ path, message }] } }] }`,
// the field named), 403 without a key, 404 for an unknown id, `{ doc, message }` from the store.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type DrivlyMock, startDrivlyMock } from "../src/index.js";

const KEY = "drivly-test-key-2718";
let mock: DrivlyMock;
beforeAll(async () => {
  mock = await startDrivlyMock({ apiKey: KEY });
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

const required = { updatedAt: "2024-05-15T09:00:00.000Z", createdAt: "2024-05-02T09:03:47.120Z" };
const patch = (body: unknown, path = "/leads/1042", headers: Record<string, string> = {}) =>
  fetch(`${mock.url}${path}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const answer = async (response: Response) => [response.status, await response.json()];
const validationError = (fields: string[], errors: Array<{ path: string; message: unknown }>) => ({
  errors: [
    {
      name: "ValidationError",
      message: `The following field${fields.length > 1 ? "s are" : " is"} invalid: ${fields.join(", ")}`,
      data: { collection: "leads", errors },
    },
  ],
});

describe("Payload's 400 for what the spec rejects, naming the field", () => {
  it.each<[string, unknown, string, ReturnType<typeof validationError>]>([
    [
      "a value outside an enum",
      { ...required, processStatuses: "Closed" },
      "/leads/1042",
      validationError(
        ["processStatuses"],
        [
          {
            path: "processStatuses",
            message: expect.stringMatching(/^This field has an invalid selection \(must be/),
          },
        ],
      ),
    ],
    [
      "a missing required field",
      { createdAt: required.createdAt },
      "/leads/1042",
      validationError(["updatedAt"], [{ path: "updatedAt", message: "This field is required." }]),
    ],
    [
      "an array item of the wrong type",
      { ...required, searches: [88107, "x"] },
      "/leads/1042",
      validationError(["searches.1"], [{ path: "searches.1", message: expect.stringMatching(/^must be/) }]),
    ],
    [
      "a query parameter that is not a number (depth=deep)",
      required,
      "/leads/1042?depth=deep",
      validationError(["depth"], [{ path: "depth", message: "must be a number" }]),
    ],
    [
      "a body that is not JSON",
      "{notes:",
      "/leads/1042",
      validationError(
        ["body"],
        [{ path: "body", message: expect.stringMatching(/^body is not valid JSON/) }],
      ),
    ],
  ])("%s", async (_name, body, path, error) => {
    const before = structuredClone(mock.leads);
    expect(await answer(await patch(body, path))).toEqual([400, error]);
    expect(mock.leads).toEqual(before);
    expect(mock.requests[0]?.valid).toBe(false);
  });

  it("names every invalid field at once", async () => {
    const [status, body] = await answer(await patch({ ...required, reason: "Bored", emailOffers: "yes" }));
    expect(status).toBe(400);
    expect(body.errors[0].message).toBe("The following fields are invalid: reason, emailOffers");
  });

  it("reads the query as the spec types it: depth=2 is the number 2", async () => {
    expect((await patch(required, "/leads/1042?depth=2&locale=en")).status).toBe(200);
    expect(mock.requests[0]?.valid).toBe(true);
  });
});

describe("auth and ids", () => {
  it("answers 403 without a key, with a malformed one and with another key", async () => {
    for (const authorization of [undefined, KEY, "Bearer another-key-0000"]) {
      const response = await fetch(`${mock.url}/leads/1042`, {
        method: "PATCH",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(required),
      });
      expect(await answer(response)).toEqual([
        403,
        { errors: [{ message: "You are not allowed to perform this action." }] },
      ]);
    }
  });

  it("answers 404 for a lead it does not have, and its store is unchanged", async () => {
    expect(await answer(await patch(required, "/leads/9999"))).toEqual([
      404,
      { errors: [{ message: "Not Found" }] },
    ]);
    expect(mock.leads.map((lead) => lead.id)).toEqual(["1042"]);
  });
});

describe("the store", () => {
  it("starts with the spec's example lead, merges each PATCH and answers `{ doc, message }`", async () => {
    expect(mock.leads).toHaveLength(1);
    expect(mock.leads[0]).toMatchObject({
      id: "1042",
      firstName: "Maria",
      processStatuses: "Actively Communicating",
    });
    const [status, body] = await answer(
      await patch({ ...required, processStatuses: "On Hold", notes: null }),
    );
    expect(status).toBe(200);
    expect(body.message).toBe("Updated successfully.");
    expect(body.doc).toMatchObject({ firstName: "Maria", processStatuses: "On Hold", notes: null });
    expect(body.doc).not.toHaveProperty("id");
    expect(mock.leads[0]).toMatchObject({ id: "1042", processStatuses: "On Hold", notes: null });
  });

  it("starts from options.seed instead, and refuses a seed for a collection it does not have", async () => {
    const seeded = await startDrivlyMock({ seed: { leads: [{ id: "7", ...required, firstName: "Ana" }] } });
    try {
      expect(seeded.leads).toEqual([{ id: "7", ...required, firstName: "Ana" }]);
    } finally {
      await seeded.close();
    }
    await expect(startDrivlyMock({ seed: { cars: [] } as never })).rejects.toThrow(
      "`seed.cars` is not a collection of this API; its collections are leads.",
    );
  });
});
