// What the Dealer Studio spec cannot say, and so the one hand-written part of this mock:
// - a lead arrives wrapped in `lead` (the body is `{ lead: {...} }`), and is stored unwrapped;
// - validation errors are Rails' `422 { field: [messages] }`, keyed by the lead's own field
//   (`phone`, `address_attributes.postcode`), in Rails' words where Rails has them;
// - a key may act only for some dealerships (`dealerships`): another gets the documented 403;
// - each lead joins a lead cluster, the customer's group of leads: the mock gives the leads of
//   one customer (same email, else same phone) the same `lead_cluster_id`, a new one otherwise.
// 401 without a key, the answer `{ id, lead_cluster_id }` and the rest follow from the spec.
import type { CreateLeadRequestBody } from "@leadkit/dealer-studio-types";
import { messageText, type StoredRecord, type VendorBehaviour, type Violation } from "@leadkit/mock-runtime";

type Lead = CreateLeadRequestBody["lead"];

/** A stored lead: what was sent in `lead`, with the ids Dealer Studio gives it. */
export type LeadRecord = Lead & { readonly id: number; readonly lead_cluster_id: number };

export interface Records {
  leads: LeadRecord;
}

export interface VendorOptions {
  /**
   * The dealerships (numeric ids or slugs) the API key may create leads for; a lead for any other
   * gets the documented 403. Default: every dealership.
   */
  readonly dealerships?: ReadonlyArray<number | string>;
}

/** Rails' wording for the failures it has words for; anything else as the validator said it. */
function railsMessage(violation: Violation): string {
  const text = messageText(violation);
  if (text === "is required") return "can't be blank";
  if (text.startsWith("must be one of")) return `is not included in the list (${text})`;
  return text;
}

/**
 * The lead's own field name (`lead.phone` -> `phone`), as Rails keys its errors; `base`, as
 * Rails does, for what concerns the request as a whole (`lead` must name a dealership, the body
 * must be JSON), and `lead` when there is no lead at all.
 */
function fieldOf(violation: Violation): string {
  if (violation.part !== "body")
    return violation.part === "header" ? "base" : violation.path.map(String).join(".");
  const [first, ...rest] = violation.path;
  if (first !== "lead") return violation.path.length === 0 ? "base" : violation.path.map(String).join(".");
  if (rest.length > 0) return rest.map(String).join(".");
  return messageText(violation) === "is required" ? "lead" : "base";
}

export const vendor: VendorBehaviour<VendorOptions> = {
  invalid(violations) {
    const errors: Record<string, string[]> = {};
    for (const violation of violations) {
      const field = fieldOf(violation);
      errors[field] = [...(errors[field] ?? []), railsMessage(violation)];
    }
    return { status: 422, body: errors };
  },

  error: (_status, message) => ({ error: message }),

  authorize(request, { options }) {
    const allowed = options.dealerships;
    if (allowed === undefined) return undefined;
    const lead = (request.body as { lead?: Lead } | undefined)?.lead;
    const named = [lead?.dealership_id, lead?.dealership_slug].filter((value) => value !== undefined);
    if (named.every((value) => allowed.some((dealership) => String(dealership) === String(value))))
      return undefined;
    return { status: 403, body: { error: "Forbidden - API key restricted to different dealership" } };
  },

  resourceFromRequest: (body) => ((body as { lead?: unknown })?.lead ?? {}) as Record<string, unknown>,

  onCreate(record, existing) {
    const email = typeof record.email === "string" ? record.email.trim().toLowerCase() : "";
    const same = (other: StoredRecord) =>
      (email !== "" && String(other.email).trim().toLowerCase() === email) ||
      (typeof record.phone === "string" && record.phone !== "" && other.phone === record.phone);
    const match = existing.find(same);
    const clusters = existing.map((other) => Number(other.lead_cluster_id) || 0);
    return {
      lead_cluster_id: (match?.lead_cluster_id as number | undefined) ?? Math.max(0, ...clusters) + 1,
    };
  },

  cli: {
    flags: {
      dealership: { description: "a dealership id or slug the key may act for", multiple: true },
    },
    toOptions: (values) => {
      const given = values.dealership as string[] | undefined;
      return given === undefined
        ? {}
        : { dealerships: given.map((value) => (/^\d+$/.test(value) ? Number(value) : value)) };
    },
  },
};
