// `pnpm bench`: updateLead through the leadkit client vs bare openapi-fetch vs a raw fetch, with
// the spec's request and response examples, and the generated body validator against Ajv on the
// 84-field Lead. Runs the built packages (dist), as users get them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { validatorSchemas } from "@leadkit/codegen";
import type { paths } from "@leadkit/drivly-types";
import { updateLeadBody } from "@leadkit/drivly-types/validate";
import createClient from "openapi-fetch";
import { runBenchmarks } from "../../runtime/support/bench.js";
import { operationsOf } from "../../runtime/support/spec.js";
import { createDrivlyClient } from "../dist/index.js";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@leadkit/drivly-types/openapi.json"), "utf8"));
const operation = operationsOf(spec).find((candidate) => candidate.operationId === "updateLead");
const body = operation?.requestExamples[0]
  ?.value as paths["/leads/{id}"]["patch"]["requestBody"]["content"]["application/json"];
const success = operation?.responses.find((response) => response.status === "200");
const apiKey = "bench-key";
const schemas = validatorSchemas(spec);
const bodySchema = schemas.validators.find((validator) => validator.name === "updateLeadBody");
if (bodySchema === undefined) throw new Error("no updateLeadBody in the spec's validators");
// The 200 example's `doc` is a Lead with all 84 properties: the largest body the spec allows.
const lead = (success?.example as { doc: Record<string, unknown> } | undefined)?.doc ?? {};

await runBenchmarks({
  title: "@leadkit/drivly updateLead",
  response: { status: 200, json: success?.example },
  bundleEntry: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  validation: {
    name: "updateLeadBody",
    validator: updateLeadBody,
    schema: schemas.document(bodySchema),
    samples: {
      [`the ${Object.keys(lead).length}-field Lead (the 200 example's doc), valid`]: lead,
      [`the spec's request example (${Object.keys(body).length} fields), valid`]: body,
      "the 84-field Lead with an enum in a case the vendor does not list, invalid": {
        ...lead,
        timeToPurchase: ["asAP"],
      },
    },
  },
  leadkit: ({ baseUrl, fetch, timeoutMs }) => {
    const client = createDrivlyClient({ apiKey, baseUrl, fetch, timeoutMs });
    return () => client.updateLead("1042", body);
  },
  openapiFetch: ({ baseUrl, fetch, timeoutMs }) => {
    const client = createClient<paths>({ baseUrl, fetch, headers: { Authorization: `Bearer ${apiKey}` } });
    const signal = () => (timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined);
    return () => client.PATCH("/leads/{id}", { params: { path: { id: "1042" } }, body, signal: signal() });
  },
  raw: ({ baseUrl, fetch, timeoutMs }) => {
    const signal = () => (timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined);
    return () =>
      fetch(
        new Request(`${baseUrl}/leads/1042`, {
          method: "PATCH",
          headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
          signal: signal(),
        }),
      ).then((response) => response.json());
  },
});
