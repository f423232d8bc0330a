// What the compiler sees: overrides are typed by the spec's paths (a body the spec does not
// allow for that status fails to compile), stored leads by the spec's Lead.
import type { paths } from "@leadkit/drivly-types";
import { describe, expectTypeOf, it } from "vitest";
import { type DrivlyMock, startDrivlyMock } from "../src/index.js";
import { drivlyHandlers } from "../src/msw.js";

type Updated = paths["/leads/{id}"]["patch"]["responses"][200]["content"]["application/json"];

describe("types", () => {
  it("types overrides by the spec: documented statuses with their bodies only", () => {
    const handlers = drivlyHandlers();
    const doc = { updatedAt: "2024-05-15T09:00:00.000Z", createdAt: "2024-05-02T09:03:47.120Z" };
    handlers.override({
      updateLead: () => ({ status: 200, body: { doc, message: "ok" } satisfies Updated }),
    });
    handlers.override({ updateLead: () => ({ status: 404, body: { errors: [{ message: "Not Found" }] } }) });
    // @ts-expect-error a 200 answer needs the `message` the spec requires
    handlers.override({ updateLead: () => ({ status: 200, body: { doc } }) });
    // @ts-expect-error Payload's errors are objects with a message, not strings
    handlers.override({ updateLead: () => ({ status: 400, body: { errors: ["invalid"] } }) });
    // @ts-expect-error 401 is not a status updateLead documents
    handlers.override({ updateLead: () => ({ status: 401, body: { errors: [{ message: "no" }] } }) });
  });

  it("hands an override the path, query and body as the spec types them", () => {
    void startDrivlyMock({
      overrides: {
        updateLead: ({ params, query, body }) => {
          expectTypeOf(params.id).toEqualTypeOf<string>();
          expectTypeOf(query.depth).toEqualTypeOf<number | undefined>();
          expectTypeOf(body.updatedAt).toEqualTypeOf<string>();
          return undefined;
        },
      },
    });
  });

  it("types stored leads", () => {
    const mock = {} as DrivlyMock;
    expectTypeOf(mock.leads[0]?.id).toEqualTypeOf<string | undefined>();
    expectTypeOf(mock.leads[0]?.firstName).toEqualTypeOf<string | null | undefined>();
  });
});
