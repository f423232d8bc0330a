import { createDealerStudioClient, DealerStudioApiError } from "@leadkit/dealer-studio";

const dealerStudio = createDealerStudioClient({
  apiKey: process.env.DEALER_STUDIO_API_KEY ?? "",
  baseUrl: process.env.DEALER_STUDIO_BASE_URL, // optional: defaults to https://dashboard.dealerstudio.com.au
});

try {
  // The body is the spec's own shape: the lead wrapped in `lead`.
  const created = await dealerStudio.createLead({
    lead: {
      name: "Jane Citizen",
      email: "jane.citizen@example.com",
      phone: "0412345678",
      message: "Is the white RAV4 still available?",
      dealership_slug: "test-dealer",
      category: "Used Vehicle Enquiry",
      source: "Website",
      stocknum: "3210",
    },
  });
  console.log(`Created lead ${created.id} (lead cluster ${created.lead_cluster_id})`);
} catch (error) {
  // 422: Dealer Studio rejected a field; `body` is typed as the spec's { field: [messages] } map.
  if (error instanceof DealerStudioApiError && error.hasStatus(422)) {
    for (const [field, messages] of Object.entries(error.body))
      console.error(`${field}: ${messages.join(", ")}`);
  } else {
    throw error; // TimeoutError, ConnectionError, or another DealerStudioApiError (401, 403, 5xx)
  }
}
