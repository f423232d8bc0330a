// The packaging tests every generated types package runs: publint and attw clean, a pinned
// runtime API, and the bundled spec reachable through its exports.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { lintPublishedPackage } from "./package-lint.js";

/** The runtime exports of every types package; everything else it exports is types only. */
export const TYPES_PACKAGE_RUNTIME_EXPORTS = [
  "apiName",
  "defaultBaseUrl",
  "operationsById",
  "specTitle",
  "specVersion",
];

/**
 * `$ref`s of a bundled spec that point outside it. Example values are data, not references, so a
 * literal `$ref` key inside one (GitHub's description has them) does not count.
 */
export function externalRefs(node: unknown, exampleObject = false): string[] {
  if (Array.isArray(node)) return node.flatMap((item) => externalRefs(item));
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => {
    if (key === "$ref") return typeof value === "string" && !value.startsWith("#") ? [value] : [];
    if (key === "example" || (exampleObject && key === "value")) return [];
    if (key === "examples") {
      // A map of Example objects (their `value` is data), or JSON Schema's array of example data.
      if (Array.isArray(value) || typeof value !== "object" || value === null) return [];
      return Object.values(value).flatMap((example) => externalRefs(example, true));
    }
    return externalRefs(value);
  });
}

export function describeTypesPackage(packageJsonUrl: URL): void {
  const packageDir = fileURLToPath(new URL(".", packageJsonUrl));
  const require = createRequire(packageJsonUrl);
  const manifest = JSON.parse(readFileSync(packageJsonUrl, "utf8")) as { name: string };
  const load = async () => (await import(require.resolve(manifest.name))) as Record<string, unknown>;

  describe(`${manifest.name} as published`, () => {
    it("passes publint and attw", async () => {
      expect(await lintPublishedPackage(packageDir)).toEqual({ publint: [], attw: [] });
    });

    it("exports exactly the generated constants at runtime", async () => {
      expect(Object.keys(await load()).sort()).toEqual(TYPES_PACKAGE_RUNTIME_EXPORTS);
    });

    it("exports the bundled spec as ./openapi.json and ./openapi.yaml, at the version of the types", async () => {
      const { specVersion } = await load();
      const spec = JSON.parse(readFileSync(require.resolve(`${manifest.name}/openapi.json`), "utf8"));
      expect(spec.info.version).toBe(specVersion);
      expect(spec["x-generated"]).toContain("DO NOT EDIT");
      expect(externalRefs(spec)).toEqual([]); // bundled: only local refs
      expect(readFileSync(require.resolve(`${manifest.name}/openapi.yaml`), "utf8")).toContain(
        `version: ${specVersion}`,
      );
    });
  });
}
