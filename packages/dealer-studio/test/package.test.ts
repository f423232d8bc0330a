// The package as npm users get it: publint and attw clean, a pinned public API, only the
// runtime and the types as dependencies, and a browser bundle within its size budget.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lintPublishedPackage } from "@leadkit/testing";
import { describe, expect, it } from "vitest";
import { BUNDLE_BUDGET_BYTES, bundleSize } from "../../runtime/support/bundle.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  dependencies: Record<string, string>;
};
const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));

describe(manifest.name, () => {
  it("passes publint and attw", async () => {
    expect(await lintPublishedPackage(packageDir)).toEqual({ publint: [], attw: [] });
  });

  it("exports exactly its public API at runtime (everything else is types)", async () => {
    const exports = (await import(entry)) as Record<string, unknown>;
    expect(Object.keys(exports).sort()).toEqual([
      "ApiError",
      "ConnectionError",
      "DealerStudioApiError",
      "InvalidResponseError",
      "LeadkitError",
      "RequestValidationError",
      "TimeoutError",
      "createDealerStudioClient",
      "operationDefinitions",
      "packageName",
      "packageVersion",
    ]);
  });

  it("depends on the runtime and its types package only", () => {
    expect(manifest.dependencies).toEqual({
      "@leadkit/dealer-studio-types": "workspace:^",
      "@leadkit/runtime": "workspace:^",
    });
  });

  it(`bundles for the browser within ${BUNDLE_BUDGET_BYTES} bytes (min+gzip, runtime and openapi-fetch included)`, async () => {
    const size = await bundleSize(entry); // fails on any Node built-in: the bundle targets the browser
    expect(size.gzipped).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
    // Validation and the validators load only through import(), when a call sets `validate`.
    expect(size.lazy.gzipped).toBeGreaterThan(0);
  });
});
