// A consumer of both leadkit clients: what a user's file costs the compiler (measured by
// bench/index.ts with `tsc --extendedDiagnostics`). Calls every convenience method and narrows
// the typed errors, as real code would.
import { createDealerStudioClient, DealerStudioApiError } from "@leadkit/dealer-studio";
import { createDrivlyClient, DrivlyApiError } from "@leadkit/drivly";

const dealerStudio = createDealerStudioClient({ apiKey: process.env.DEALER_STUDIO_API_KEY ?? "" });
const drivly = createDrivlyClient({ apiKey: process.env.DRIVLY_API_KEY ?? "" });

export async function forwardLead(id: string): Promise<number> {
  try {
    const { doc } = await drivly.updateLead(
      id,
      {
        updatedAt: new Date().toISOString(),
        createdAt: "2024-05-02T09:03:47.120Z",
        processStatuses: "Qualified Lead",
      },
      { depth: 0 },
    );
    const created = await dealerStudio.createLead({
      lead: {
        name: `${doc.firstName ?? ""} ${doc.lastName ?? ""}`.trim(),
        email: doc.email ?? "unknown@example.com",
        phone: doc.phone ?? "0400000000",
        dealership_slug: "test-dealer",
        category: "Used Vehicle Enquiry",
        source: "Website",
      },
    });
    return created.id;
  } catch (error) {
    if (error instanceof DealerStudioApiError && error.hasStatus(422)) {
      for (const [field, messages] of Object.entries(error.body)) console.error(field, messages.join(", "));
    }
    if (error instanceof DrivlyApiError && error.hasStatus(400)) {
      console.error(error.body.errors.map((problem) => problem.message).join("; "));
    }
    throw error;
  }
}
