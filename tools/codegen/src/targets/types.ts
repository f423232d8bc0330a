// The types package of an API: the bundled spec (JSON and YAML, shipped and exported), the
// openapi-typescript output, and named aliases so users need not index `paths[...]` by hand.
import { join } from "node:path";
import { hashBanner, jsonBanner, tsBanner } from "../banner.js";
import {
  listOperations,
  type OpenApiDocument,
  type OperationInfo,
  pascalCase,
  propertyKey,
  schemaNames,
  serverUrls,
  specTitle,
} from "../openapi.js";
import { renderTypes } from "../openapi-typescript.js";
import type { ApiEntry } from "../workspace.js";
import { specYaml } from "../yaml.js";
import type { GeneratedFile, Target, TargetContext } from "./target.js";

/** Options passed to openapi-typescript; part of the generated output's contract. */
export const OPENAPI_TS_OPTIONS = {
  rootTypes: true,
  rootTypesNoSchemaPrefix: true,
  silent: true,
} as const;

function operationAliases(operation: OperationInfo, taken: Set<string>): string[] {
  const base = pascalCase(operation.operationId);
  const op = `operations[${JSON.stringify(operation.operationId)}]`;
  const candidates: Array<[name: string, doc: string, type: string]> = [];
  if (operation.hasRequestBody) {
    candidates.push([
      `${base}RequestBody`,
      `The JSON request body of \`${operation.operationId}\` (${operation.method.toUpperCase()} ${operation.path}).`,
      `NonNullable<${op}["requestBody"]>["content"]["application/json"]`,
    ]);
  }
  if (operation.successStatus !== undefined) {
    candidates.push([
      `${base}Response`,
      `The ${operation.successStatus} response body of \`${operation.operationId}\`.`,
      `${op}["responses"][${operation.successStatus}]["content"]["application/json"]`,
    ]);
  }
  if (operation.pathParams.length > 0) {
    candidates.push([
      `${base}PathParams`,
      `Path parameters of \`${operation.operationId}\`.`,
      `${op}["parameters"]["path"]`,
    ]);
  }
  if (operation.queryParams.length > 0) {
    candidates.push([
      `${base}Query`,
      `Query parameters of \`${operation.operationId}\`.`,
      `NonNullable<${op}["parameters"]["query"]>`,
    ]);
  }
  return candidates
    .filter(([name]) => !taken.has(name))
    .map(([name, doc, type]) => {
      taken.add(name);
      return `/** ${doc} */\nexport type ${name} = ${type};\n`;
    });
}

export function renderApiModule(context: TargetContext): string {
  const { api, document, specVersion } = context;
  const operations = listOperations(document);
  const taken = new Set(schemaNames(document));
  const servers = serverUrls(document);
  const table = operations
    .map(
      (operation) =>
        `  ${propertyKey(operation.operationId)}: { method: ${JSON.stringify(operation.method.toUpperCase())}, path: ${JSON.stringify(operation.path)} },`,
    )
    .join("\n");
  return [
    tsBanner({ specPath: api.specPath, specVersion }),
    `import type { operations } from "./schema.gen.js";\n`,
    `/** The API's name in leadkit's redocly.yaml. */\nexport const apiName = ${JSON.stringify(api.name)};\n`,
    `/** \`info.title\` of the spec these types were generated from. */\nexport const specTitle = ${JSON.stringify(specTitle(document))};\n`,
    `/** \`info.version\` of the spec these types were generated from. */\nexport const specVersion = ${JSON.stringify(specVersion)};\n`,
    `/** The spec's first server URL: the production base URL. */\nexport const defaultBaseUrl = ${JSON.stringify(servers[0] ?? "")};\n`,
    `/** Every operation of the spec by operationId. */\nexport const operationsById = {\n${table}\n} as const;\n`,
    ...operations.flatMap((operation) => operationAliases(operation, taken)),
  ].join("\n");
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const hasRefKey = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.some(hasRefKey)
    : isNode(value) && ("$ref" in value || Object.values(value).some(hasRefKey));

/** Maps whose keys are names chosen by the spec's author: an entry there called `examples` is not the keyword. */
const NAMED_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "schemas",
  "parameters",
  "headers",
  "responses",
  "requestBodies",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
  "paths",
  "webhooks",
  "x-webhooks",
]);

/**
 * The document without its `examples` maps (media types, parameters, headers, and
 * `components.examples` with them), and without an `example` that holds a literal `$ref` key.
 * openapi-typescript renders neither (a plain `example` becomes an `@example` tag, so those stay),
 * and its own bundler would try to resolve a literal `$ref` key inside an example value, which
 * vendor specs have (GitHub's `examples.default.value: { $ref: ... }`), and fail.
 */
export function withoutExamples(document: OpenApiDocument): OpenApiDocument {
  const strip = (node: unknown, parentKey: string | undefined): unknown => {
    if (Array.isArray(node)) return node.map((item) => strip(item, undefined));
    if (!isNode(node)) return node;
    const keyword = parentKey === undefined || !NAMED_MAPS.has(parentKey);
    const copy: Node = {};
    for (const [key, value] of Object.entries(node)) {
      if (keyword && key === "examples" && isNode(value)) continue;
      if (keyword && key === "example" && hasRefKey(value)) continue;
      copy[key] = strip(value, key);
    }
    return copy;
  };
  return strip(document, undefined) as OpenApiDocument;
}

export async function renderSchemaModule(context: TargetContext): Promise<string> {
  const types = await renderTypes(withoutExamples(context.document), OPENAPI_TS_OPTIONS);
  return `${tsBanner({ specPath: context.api.specPath, specVersion: context.specVersion })}\n${types}`;
}

function withJsonBanner(context: TargetContext): OpenApiDocument {
  const { openapi, ...rest } = context.document;
  return {
    openapi,
    "x-generated": jsonBanner({ specPath: context.api.specPath, specVersion: context.specVersion }),
    ...rest,
  };
}

export const typesTarget: Target = {
  name: "types",
  packageDir: (api: ApiEntry) => api.typesDir,
  ownedDirs: (api: ApiEntry) => [join(api.typesDir, "spec"), join(api.typesDir, "src", "generated")],
  async render(context: TargetContext): Promise<GeneratedFile[]> {
    const dir = context.api.typesDir;
    const banner = { specPath: context.api.specPath, specVersion: context.specVersion };
    // Started first: a large spec's YAML is written on a worker thread while the types are generated.
    const yaml = specYaml(context.document);
    const schemaModule = await renderSchemaModule(context);
    return [
      {
        file: join(dir, "spec", "openapi.json"),
        contents: `${JSON.stringify(withJsonBanner(context), null, 2)}\n`,
      },
      { file: join(dir, "spec", "openapi.yaml"), contents: `${hashBanner(banner)}${await yaml}` },
      { file: join(dir, "src", "generated", "schema.gen.ts"), contents: schemaModule },
      { file: join(dir, "src", "generated", "api.gen.ts"), contents: renderApiModule(context) },
    ];
  },
};
