// What the Drivly spec cannot say, and so the one hand-written part of this mock. Drivly is a
// Payload CMS REST API, so the mock answers the way Payload does:
// - validation errors are `400 { errors: [{ name: "ValidationError", message, data: { collection,
//   errors: [{ path, message }] } }] }`, in Payload's words where Payload has them;
// - other errors are `{ errors: [{ message }] }`;
// - an updated lead comes back as `{ doc, message: "Updated successfully." }`, and the lead the
//   spec's example shows (`doc`) is where the mock's one seeded lead comes from.
// 403 without a key and 404 for an unknown id are the spec's documented answers.
import type { Lead } from "@leadkit/drivly-types";
import { messageText, type VendorBehaviour, type Violation } from "@leadkit/mock-runtime";

/** A stored lead: its fields, and the id it is found under (`PATCH /leads/{id}`). */
export type LeadRecord = Lead & { readonly id: string };

export interface Records {
  leads: LeadRecord;
}

/** Drivly's mock has no options of its own. */
export type VendorOptions = object;

/** Payload's field path: dotted, array indexes included (`trade.0`). */
const pathOf = (violation: Violation) => violation.path.map(String).join(".");

/** Payload's wording for the failures it has words for; anything else as the validator said it. */
function payloadMessage(violation: Violation): string {
  const text = messageText(violation);
  if (text === "is required") return "This field is required.";
  if (text.startsWith("must be one of")) return `This field has an invalid selection (${text}).`;
  return text;
}

export const vendor: VendorBehaviour<VendorOptions> = {
  invalid(violations) {
    const fields = [...new Set(violations.map((violation) => pathOf(violation) || "body"))];
    const plural = fields.length > 1;
    return {
      status: 400,
      body: {
        errors: [
          {
            name: "ValidationError",
            message: `The following field${plural ? "s are" : " is"} invalid: ${fields.join(", ")}`,
            data: {
              collection: "leads",
              errors: violations.map((violation) => ({
                path: pathOf(violation) || "body",
                message: payloadMessage(violation),
              })),
            },
          },
        ],
      },
    };
  },

  error: (_status, message) => ({ errors: [{ message }] }),

  resourceFromResponse: (body) =>
    ((body as { doc?: Record<string, unknown> }).doc ?? {}) as Record<string, unknown>,

  render(record) {
    const { id: _id, ...doc } = record as LeadRecord;
    return { doc, message: "Updated successfully." };
  },
};
