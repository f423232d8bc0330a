// The baseline of the consumer bench: the same calls through bare openapi-fetch and the types
// packages (what a user writes without leadkit's clients: no retries, no typed errors).
import type { paths as DealerStudioPaths } from "@leadkit/dealer-studio-types";
import type { paths as DrivlyPaths } from "@leadkit/drivly-types";
import createClient from "openapi-fetch";

const dealerStudio = createClient<DealerStudioPaths>({
  baseUrl: "https://dashboard.dealerstudio.com.au",
  headers: { Authorization: `Bearer ${process.env.DEALER_STUDIO_API_KEY ?? ""}` },
});
const drivly = createClient<DrivlyPaths>({
  baseUrl: "https://commerce.driv.ly/api",
  headers: { Authorization: `Bearer ${process.env.DRIVLY_API_KEY ?? ""}` },
});

export async function forwardLead(id: string): Promise<number> {
  const updated = await drivly.PATCH("/leads/{id}", {
    params: { path: { id }, query: { depth: 0 } },
    body: {
      updatedAt: new Date().toISOString(),
      createdAt: "2024-05-02T09:03:47.120Z",
      processStatuses: "Qualified Lead",
    },
  });
  if (updated.error !== undefined) {
    console.error(updated.error.errors.map((problem) => problem.message).join("; "));
    throw new Error(`Drivly answered ${updated.response.status}`);
  }
  const doc = updated.data.doc;
  const created = await dealerStudio.POST("/api/v1/leads", {
    body: {
      lead: {
        name: `${doc.firstName ?? ""} ${doc.lastName ?? ""}`.trim(),
        email: doc.email ?? "unknown@example.com",
        phone: doc.phone ?? "0400000000",
        dealership_slug: "test-dealer",
        category: "Used Vehicle Enquiry",
        source: "Website",
      },
    },
  });
  if (created.error !== undefined) throw new Error(`Dealer Studio answered ${created.response.status}`);
  return created.data.id;
}
