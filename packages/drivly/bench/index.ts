// `pnpm bench`: updateLead through the leadkit client vs bare openapi-fetch vs a raw fetch, with
// the spec's request and response examples. Runs the built package (dist), as users get it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { paths } from "@leadkit/drivly-types";
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

await runBenchmarks({
  title: "@leadkit/drivly updateLead",
  response: { status: 200, json: success?.example },
  bundleEntry: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
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
