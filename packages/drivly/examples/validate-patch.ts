import { createDrivlyClient, RequestValidationError } from "@leadkit/drivly";
import { updateLeadBody } from "@leadkit/drivly-types/validate";

const drivly = createDrivlyClient({
  apiKey: process.env.DRIVLY_API_KEY ?? "",
  baseUrl: process.env.DRIVLY_BASE_URL,
  validate: "both", // every request is checked before it is sent, every 2xx body after
});

/** A lead form's handler: field errors go back to the form, a valid patch goes to Drivly. */
export async function saveLead(id: string, form: FormData, createdAt: string) {
  const patch = {
    updatedAt: new Date().toISOString(),
    createdAt,
    firstName: form.get("firstName"),
    processStatuses: form.get("status") || null,
    timeToPurchase: form.getAll("timeToPurchase"), // Drivly's casing: "ASAP", "Asap" and "asap" all exist
  };
  // Standard Schema v1: the same object plugs into any form library that accepts one.
  const result = updateLeadBody["~standard"].validate(patch);
  if (result.issues) return { errors: result.issues.map((issue) => issue.message) };
  const { doc } = await drivly.updateLead(id, result.value); // typed as the spec's body
  return { lead: doc };
}

/** Plain-JS callers bypass the types: the client's `validate` option stops a bad patch before sending. */
export async function markLost(id: string, lead: { createdAt: string; updatedAt: string }) {
  try {
    await drivly.updateLead(id, { ...lead, processStatuses: "lost" } as never);
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    console.error(error.issues.map((issue) => `${issue.in}: ${issue.message}`).join("\n"));
  }
}
