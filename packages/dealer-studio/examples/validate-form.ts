import { createDealerStudioClient, RequestValidationError } from "@leadkit/dealer-studio";
import { createLeadBody } from "@leadkit/dealer-studio-types/validate";

const dealerStudio = createDealerStudioClient({
  apiKey: process.env.DEALER_STUDIO_API_KEY ?? "",
  baseUrl: process.env.DEALER_STUDIO_BASE_URL,
  validate: "both", // every request is checked before it is sent, every 2xx body after
});

/** A web form's handler: field errors go back to the form, a valid lead goes to Dealer Studio. */
export async function submitLead(form: FormData) {
  const input = {
    lead: {
      name: form.get("name"),
      email: form.get("email"),
      phone: form.get("phone") || undefined,
      category: form.get("category"),
      source: "Website",
      dealership_slug: "test-dealer",
    },
  };
  // Standard Schema v1: the same object plugs into any form library that accepts one.
  const result = createLeadBody["~standard"].validate(input);
  if (result.issues) return { errors: result.issues.map((issue) => issue.message) };
  const created = await dealerStudio.createLead(result.value); // typed as the spec's body
  return { id: created.id };
}

/** Rows of a CSV import, unchecked: the client's `validate` option stops a bad one before sending. */
export async function importRow(row: Record<string, string>) {
  try {
    await dealerStudio.createLead({ lead: { ...row, source: "Website" } } as never);
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    console.error(error.issues.map((issue) => `${issue.in}: ${issue.message}`).join("\n"));
  }
}
