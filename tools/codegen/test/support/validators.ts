// Loads what the validators' tests need: the documents (both APIs' bundled specs, the GitHub
// slice bundled by Redocly as codegen bundles it, the keyword fixtures), the module the validate
// target renders for a document (written to a temp file and imported), and Ajv, the oracle.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import { redoclyDiagnostics, runRedocly } from "../../src/redocly.js";
import { renderValidateModule } from "../../src/targets/validate.js";
import type { ValidatorSchemas } from "../../src/validators/schemas.js";

// ajv-formats is CommonJS: its default export arrives wrapped once more under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

export const REPO = new URL("../../../../", import.meta.url).pathname;
const FIXTURES = new URL("../fixtures/validators/", import.meta.url).pathname;

export type Document = Record<string, unknown>;

export function bundledSpec(api: string): Document {
  const document = JSON.parse(
    readFileSync(join(REPO, "packages", `${api}-types`, "spec", "openapi.json"), "utf8"),
  );
  delete document["x-generated"];
  return document;
}

export function keywordFixture(file: string): Document {
  return parse(readFileSync(join(FIXTURES, file), "utf8"));
}

/** The GitHub issues slice (tools/scaffold's fixture, 43 files), bundled by the Redocly CLI. */
export async function githubSlice(): Promise<Document> {
  const dir = join(REPO, "tools", "scaffold", "test", "fixtures", "github");
  const result = await runRedocly(["bundle", "openapi.json", "--ext", "json"], dir);
  if (result.code !== 0) throw new Error(`redocly bundle failed:\n${redoclyDiagnostics(result.stderr)}`);
  return JSON.parse(result.stdout);
}

export interface Issue {
  readonly message: string;
  readonly path: ReadonlyArray<string | number>;
}
export interface LoadedValidator {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    validate(value: unknown): { value?: unknown; issues?: readonly Issue[] };
  };
  is(value: unknown): boolean;
}
export type ValidatorsModule = Record<string, LoadedValidator> & {
  validators: Record<string, Record<string, unknown>>;
};

const temp = mkdtempSync(join(tmpdir(), "leadkit-validators-"));
process.on("exit", () => rmSync(temp, { recursive: true, force: true }));
let counter = 0;

/** Renders the validate target's module for a document and imports it. */
export async function loadModule(
  name: string,
  document: Document,
): Promise<{ source: string; module: ValidatorsModule }> {
  const source = renderValidateModule({
    workspace: {} as never,
    api: { name, specPath: `specs/${name}/openapi.yaml` } as never,
    document,
    specVersion: String((document.info as { version?: unknown } | undefined)?.version ?? "0.0.0"),
  });
  const file = join(temp, `${name}-${counter++}.ts`);
  writeFileSync(file, source);
  return { source, module: (await import(file)) as ValidatorsModule };
}

/**
 * Ajv 2020 with ajv-formats, the oracle: compiled at run time from the same JSON Schemas the
 * validators were compiled from. `strictNumbers` because NaN and Infinity are not JSON numbers
 * (JSON.stringify would send them as null); `strict: false` ignores unknown keywords and formats,
 * as the compiled validators do. The referenced schemas are added once, as one document, so Ajv
 * compiles each of them once for all validators (as the generated module shares them).
 */
export function oracle(schemas: ValidatorSchemas, allErrors = false) {
  const ajv = new Ajv2020({ strict: false, strictNumbers: true, allErrors, logger: false });
  addFormats(ajv);
  const base = "https://leadkit.invalid/defs";
  const absolute = (node: unknown): unknown =>
    Array.isArray(node)
      ? node.map(absolute)
      : typeof node === "object" && node !== null
        ? Object.fromEntries(
            Object.entries(node).map(([key, value]) => [
              key,
              key === "$ref" && typeof value === "string" ? `${base}${value}` : absolute(value),
            ]),
          )
        : node;
  ajv.addSchema({ $id: base, $defs: Object.fromEntries(schemas.defs) });
  return (validator: ValidatorSchemas["validators"][number]) =>
    ajv.compile(absolute(validator.schema) as object);
}
