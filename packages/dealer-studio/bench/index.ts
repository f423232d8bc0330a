// `pnpm bench`: createLead through the leadkit client vs bare openapi-fetch vs a raw fetch, with
// the spec's request and response examples, and the generated body validator against Ajv on the
// spec's request examples. Runs the built packages (dist), as users get them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { validatorSchemas } from "@leadkit/codegen";
import type { paths } from "@leadkit/dealer-studio-types";
import { createLeadBody } from "@leadkit/dealer-studio-types/validate";
import createClient from "openapi-fetch";
import { runBenchmarks } from "../../runtime/support/bench.js";
import { operationsOf } from "../../runtime/support/spec.js";
import { createDealerStudioClient } from "../dist/index.js";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@leadkit/dealer-studio-types/openapi.json"), "utf8"));
const operation = operationsOf(spec).find((candidate) => candidate.operationId === "createLead");
const body = operation?.requestExamples[0]
  ?.value as paths["/api/v1/leads"]["post"]["requestBody"]["content"]["application/json"];
const success = operation?.responses.find((response) => response.status === "201");
const apiKey = "bench-key";
const schemas = validatorSchemas(spec);
const bodySchema = schemas.validators.find((validator) => validator.name === "createLeadBody");
if (bodySchema === undefined) throw new Error("no createLeadBody in the spec's validators");
const examples = Object.fromEntries(
  (operation?.requestExamples ?? []).map((example) => [example.name, example.value]),
);
const fullest = examples.documentRequest as { lead: Record<string, unknown> };

await runBenchmarks({
  title: "@leadkit/dealer-studio createLead",
  response: { status: 201, json: success?.example },
  bundleEntry: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  validation: {
    name: "createLeadBody",
    validator: createLeadBody,
    schema: schemas.document(bodySchema),
    samples: {
      [`the spec's "documentRequest" example (${Object.keys(fullest.lead).length} fields), valid`]: fullest,
      [`the vendor's example ("seed", ${Object.keys((examples.seed as { lead: object }).lead).length} fields), valid`]:
        examples.seed,
      "the documentRequest lead with a misspelt category, invalid": {
        lead: { ...fullest.lead, category: "Document request" },
      },
    },
  },
  leadkit: ({ baseUrl, fetch, timeoutMs }) => {
    const client = createDealerStudioClient({ apiKey, baseUrl, fetch, timeoutMs });
    return () => client.createLead(body);
  },
  openapiFetch: ({ baseUrl, fetch, timeoutMs }) => {
    const client = createClient<paths>({ baseUrl, fetch, headers: { Authorization: `Bearer ${apiKey}` } });
    const signal = () => (timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined);
    return () => client.POST("/api/v1/leads", { body, signal: signal() });
  },
  raw: ({ baseUrl, fetch, timeoutMs }) => {
    const signal = () => (timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined);
    return () =>
      fetch(
        new Request(`${baseUrl}/api/v1/leads`, {
          method: "POST",
          headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
          signal: signal(),
        }),
      ).then((response) => response.json());
  },
});
