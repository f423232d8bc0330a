import { createDrivlyClient, DrivlyApiError } from "@leadkit/drivly";

const drivly = createDrivlyClient({
  apiKey: process.env.DRIVLY_API_KEY ?? "",
  baseUrl: process.env.DRIVLY_BASE_URL, // optional: defaults to https://commerce.driv.ly/api
});

try {
  // Send the fields to change; Drivly's schema requires `updatedAt` and `createdAt` too.
  const { doc, message } = await drivly.updateLead(
    "1042",
    {
      updatedAt: new Date().toISOString(),
      createdAt: "2024-05-02T09:03:47.120Z",
      processStatuses: "Actively Communicating",
      notes: "Prefers text messages after 5pm.",
    },
    { depth: 0 },
  );
  console.log(`${message} ${doc.firstName} ${doc.lastName}: ${doc.processStatuses}`);
} catch (error) {
  // 400: Payload's validation error; `body` is typed as the spec's { errors: [...] }.
  if (error instanceof DrivlyApiError && error.hasStatus(400)) {
    console.error(error.body.errors.map((problem) => problem.message).join("; "));
  } else {
    throw error; // TimeoutError, ConnectionError, or another DrivlyApiError (403, 404, 5xx)
  }
}
