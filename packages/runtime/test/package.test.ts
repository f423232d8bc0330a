// The package as npm users get it: publint and attw clean, a pinned public API, openapi-fetch as
// its one dependency, and a dist that bundles for the browser (no Node built-in anywhere).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lintPublishedPackage } from "@leadkit/testing";
import { describe, expect, it } from "vitest";
import { bundleSize } from "../support/bundle.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  dependencies: Record<string, string>;
  files: string[];
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
      "InvalidResponseError",
      "LeadkitError",
      "RequestValidationError",
      "TimeoutError",
      "createApiClient",
    ]);
  });

  it("depends on openapi-fetch only, pinned", () => {
    expect(manifest.dependencies).toEqual({ "openapi-fetch": "0.17.0" });
  });

  it("publishes dist and src, not the test support", () => {
    expect(manifest.files).toEqual(["dist", "src", "CHANGELOG.md"]);
  });

  it("bundles for the browser: no Node built-in in the runtime path", async () => {
    const size = await bundleSize(entry);
    expect(size.minified).toBeGreaterThan(0);
  });

  it("exports the validation checks as their own entry (./validation), which the clients load lazily", async () => {
    const module = (await import(fileURLToPath(new URL("../dist/validation.js", import.meta.url)))) as Record<
      string,
      unknown
    >;
    expect(Object.keys(module)).toEqual(["validation"]);
    expect(
      (await bundleSize(fileURLToPath(new URL("../dist/validation.js", import.meta.url)))).minified,
    ).toBeGreaterThan(0);
  });
});
