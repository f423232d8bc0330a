// openapi-typescript for the types target. `openapiTS()` lints and bundles its input again with
// its own copy of Redocly before transforming it; the codegen hands it a document Redocly has
// just linted (with stricter rules) and bundled, so that second pass is pure cost (a third of
// the time on GitHub's description). This calls the transform openapi-typescript exports,
// `transformSchema`, with the context `openapiTS()` would build from the same options, and
// keeps the two checks of its skipped pass that lint does not make: OpenAPI 3.x only, and
// `$ref`s it can turn into TypeScript. test/openapi-typescript.test.ts holds the output to
// `openapiTS()`'s, byte for byte. openapi-typescript (and TypeScript with it) is loaded on first
// use (its CommonJS build: see below), so tools that only read specs start fast.
import { createRequire } from "node:module";
import type { OpenAPITSOptions } from "openapi-typescript";
import { SpecPointerError } from "./errors.js";
import type { OpenApiDocument } from "./openapi.js";
import { escapeToken } from "./pointer.js";

type OpenApiTs = typeof import("openapi-typescript");
const require = createRequire(import.meta.url);
let loaded: OpenApiTs | undefined;
/**
 * Its CommonJS build, through `require`: it loads TypeScript (9 MB of CommonJS) with `require`
 * too, where an ESM import of it has Node scan the whole file for its format and its exports
 * first (0.4 s of the 1.2 s it takes to load).
 */
export const openapiTypescript = (): OpenApiTs => {
  loaded ??= require("openapi-typescript") as OpenApiTs;
  return loaded;
};

/** The TypeScript compiler openapi-typescript builds its AST with (loaded with it, on first use). */
export const typescript = (): typeof import("typescript") => require("typescript");

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The root types openapi-typescript declares: a local `$ref` must start with one of them. */
const REFERENCEABLE = new Set(["components", "paths", "webhooks"]);
/** Values that are data, not schema: a `$ref` key inside them is not a reference. */
const DATA_KEYS = new Set(["example", "examples", "default", "const", "enum"]);

/**
 * The first `$ref` openapi-typescript cannot turn into a type: one into another part of the
 * document (it would write a reference to an undeclared type such as `x-shapes["Car"]`) or an
 * empty one. Only local refs exist after bundling.
 */
export function unreferenceable(document: OpenApiDocument): { pointer: string; ref: string } | undefined {
  // Depth first with one shared path: the pointer is only spelled out for the ref it finds
  // (GitHub's description has 2 million nodes).
  const path: string[] = [];
  const visit = (node: unknown): string | undefined => {
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        path.push(String(index));
        const found = visit(node[index]);
        if (found !== undefined) return found;
        path.pop();
      }
      return undefined;
    }
    if (!isNode(node)) return undefined;
    const ref = node.$ref;
    if (typeof ref === "string") {
      const segments = ref.startsWith("#/") ? ref.slice(2).split("/") : [];
      if (!REFERENCEABLE.has(segments[0] ?? "") || segments.length < 2) return ref;
    }
    for (const key in node) {
      if (key.startsWith("x-") || DATA_KEYS.has(key)) continue;
      path.push(key);
      const found = visit(node[key]);
      if (found !== undefined) return found;
      path.pop();
    }
    return undefined;
  };
  const ref = visit(document);
  return ref === undefined
    ? undefined
    : { pointer: `#${path.map((key) => `/${escapeToken(key)}`).join("")}`, ref };
}

function checkInput(document: OpenApiDocument): void {
  const version = typeof document.openapi === "string" ? document.openapi : undefined;
  const major = Number.parseFloat(version ?? "");
  if (version === undefined || !(major >= 3 && major < 4)) {
    const found =
      typeof document.swagger === "string"
        ? `Swagger ${document.swagger}`
        : `\`openapi: ${String(version)}\``;
    throw new SpecPointerError(
      `openapi-typescript reads OpenAPI 3.0 and 3.1 only; this spec is ${found}.`,
      typeof document.swagger === "string" ? "#/swagger" : "#/openapi",
      "Convert it to OpenAPI 3 (e.g. with swagger2openapi), then add it again.",
    );
  }
  const bad = unreferenceable(document);
  if (bad !== undefined) {
    throw new SpecPointerError(
      `The \`$ref: ${bad.ref}\` at ${bad.pointer} points outside \`components\`, \`paths\` and \`webhooks\`; openapi-typescript can only turn references to those into types.`,
      bad.pointer,
      "Move what it points at under `components` (a schema under `components/schemas`) and point the `$ref` there, then run `pnpm generate`.",
    );
  }
}

/** The TypeScript source openapi-typescript writes for a bundled, linted document (its AST printed). */
export async function renderTypes(
  document: OpenApiDocument,
  options: OpenAPITSOptions = {},
): Promise<string> {
  checkInput(document);
  const ots = openapiTypescript();
  const schema = document as unknown as Parameters<OpenApiTs["transformSchema"]>[0];
  // The context `openapiTS()` builds (openapi-typescript 7.13.0, dist/index.mjs), from the same options.
  const ctx = {
    additionalProperties: options.additionalProperties ?? false,
    alphabetize: options.alphabetize ?? false,
    arrayLength: options.arrayLength ?? false,
    defaultNonNullable: options.defaultNonNullable ?? true,
    discriminators: ots.scanDiscriminators(schema, options),
    emptyObjectsUnknown: options.emptyObjectsUnknown ?? false,
    enum: options.enum ?? false,
    enumValues: options.enumValues ?? false,
    conditionalEnums: options.conditionalEnums ?? false,
    dedupeEnums: options.dedupeEnums ?? false,
    excludeDeprecated: options.excludeDeprecated ?? false,
    exportType: options.exportType ?? false,
    immutable: options.immutable ?? false,
    rootTypes: options.rootTypes ?? false,
    rootTypesNoSchemaPrefix: options.rootTypesNoSchemaPrefix ?? false,
    rootTypesKeepCasing: options.rootTypesKeepCasing ?? false,
    injectFooter: [],
    pathParamsAsTypes: options.pathParamsAsTypes ?? false,
    postTransform: typeof options.postTransform === "function" ? options.postTransform : undefined,
    propertiesRequiredByDefault: options.propertiesRequiredByDefault ?? false,
    redoc: undefined,
    silent: options.silent ?? false,
    inject: options.inject ?? undefined,
    transform: typeof options.transform === "function" ? options.transform : undefined,
    transformProperty:
      typeof options.transformProperty === "function" ? options.transformProperty : undefined,
    makePathsEnum: options.makePathsEnum ?? false,
    generatePathParams: options.generatePathParams ?? false,
    readWriteMarkers: options.readWriteMarkers ?? false,
    resolve($ref: string) {
      return ots.resolveRef(schema, $ref, { silent: options.silent ?? false });
    },
  } as unknown as Parameters<OpenApiTs["transformSchema"]>[1];
  return ots.astToString(ots.transformSchema(schema, ctx));
}
