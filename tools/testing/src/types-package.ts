// The packaging tests every generated types package runs: publint and attw clean, a pinned
// runtime API, the bundled spec reachable through its exports, and the validators entry.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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

    it("exports the spec's validators as ./validate: Standard Schema v1, tabled per operation, importing nothing", async () => {
      const entry = require.resolve(`${manifest.name}/validate`);
      const module = (await import(entry)) as Record<string, unknown> & {
        validators: Record<string, Record<string, unknown> & { responses: Record<string, unknown> }>;
      };
      const spec = JSON.parse(readFileSync(require.resolve(`${manifest.name}/openapi.json`), "utf8"));
      const named = Object.keys(module).filter((name) => name !== "validators");
      const tabled = Object.values(module.validators).flatMap((entry) => [
        ...["params", "query", "body"].flatMap((part) => (entry[part] === undefined ? [] : [entry[part]])),
        ...Object.values(entry.responses),
      ]);
      // Every named validator is in the table once, and each is a synchronous Standard Schema v1 object.
      expect(new Set(tabled)).toEqual(new Set(named.map((name) => module[name])));
      for (const name of named) {
        const validator = module[name] as { "~standard": Record<string, unknown>; is: unknown };
        expect(validator["~standard"]).toMatchObject({ version: 1, vendor: "leadkit" });
        expect(typeof validator.is).toBe("function");
        expect(
          (validator["~standard"].validate as (value: unknown) => unknown)(Symbol("not JSON")),
        ).toHaveProperty("issues");
      }
      // Each entry names its operation as the spec does.
      for (const entry of Object.values(module.validators)) {
        const operation = spec.paths[entry.path as string]?.[(entry.method as string).toLowerCase()];
        expect(operation?.operationId).toBe(entry.operationId);
      }
      // Compiled ahead of time: the published code imports no validator library, nothing at all.
      const generated = readFileSync(join(dirname(entry), "generated", "validate.gen.js"), "utf8");
      expect(generated).not.toMatch(/^\s*import\s|\bimport\(|\brequire\(/m);
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
