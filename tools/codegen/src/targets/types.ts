// The types package of an API: the bundled spec (JSON and YAML, shipped and exported), the
// openapi-typescript output, and named aliases so users need not index `paths[...]` by hand.
import { join } from "node:path";
import type { OpenAPITSOptions } from "openapi-typescript";
import { hashBanner, jsonBanner, tsBanner } from "../banner.js";
import {
  listOperations,
  type MediaInfo,
  type OpenApiDocument,
  type OperationInfo,
  pascalCase,
  propertyKey,
  schemaNames,
  serverUrls,
  specTitle,
} from "../openapi.js";
import { openapiTypescript, renderTypes, typescript } from "../openapi-typescript.js";
import type { ApiEntry } from "../workspace.js";
import { specYaml } from "../yaml.js";
import type { GeneratedFile, Target, TargetContext } from "./target.js";

/**
 * Options passed to openapi-typescript; part of the generated output's contract. A string of
 * `format: binary` (a file in a multipart body, an octet-stream body) becomes `Blob`, which is
 * what a caller passes and what the client returns for it; openapi-typescript's default,
 * `string`, could not hold a file.
 */
export const OPENAPI_TS_OPTIONS = {
  rootTypes: true,
  rootTypesNoSchemaPrefix: true,
  silent: true,
  transform(schema) {
    if (schema.format !== "binary") return undefined;
    // loaded by then: the transform runs inside renderTypes
    const { NULL, tsUnion } = openapiTypescript();
    const blob = typescript().factory.createTypeReferenceNode("Blob");
    const nullable =
      ("nullable" in schema && schema.nullable === true) ||
      ("type" in schema && Array.isArray(schema.type) && schema.type.includes("null"));
    return nullable ? tsUnion([blob, NULL]) : blob;
  },
} satisfies OpenAPITSOptions;

/** `200` as openapi-typescript keys it (a number), `"2XX"` and `"default"` as strings. */
function statusKey(status: string): string {
  return /^\d+$/.test(status) ? status : JSON.stringify(status);
}

/**
 * The type of a body of one media type as leadkit's packages hand it over: the spec's schema
 * for JSON, form and multipart bodies (and binary ones, whose `format: binary` is a `Blob`),
 * `string` for text (XML included: it is sent and returned as text).
 */
export function bodyType(content: string, media: MediaInfo): string {
  return media.kind === "text" ? "string" : `${content}[${JSON.stringify(media.type)}]`;
}

function operationAliases(operation: OperationInfo, taken: Set<string>): string[] {
  const base = pascalCase(operation.name);
  const op = operation.typeRef;
  const label = `\`${operation.name}\``;
  const candidates: Array<[name: string, doc: string, type: string]> = [];
  const request = operation.requestMedia[0];
  if (request !== undefined) {
    const what =
      request.type === "application/json" ? "The JSON request body" : `The ${request.type} request body`;
    candidates.push([
      `${base}RequestBody`,
      `${what} of ${label} (${operation.method.toUpperCase()} ${operation.path}).`,
      bodyType(`NonNullable<${op}["requestBody"]>["content"]`, request),
    ]);
  }
  const response = operation.responseMedia[0];
  if (operation.successStatus !== undefined && response !== undefined) {
    const media = response.type === "application/json" ? "" : ` (${response.type})`;
    candidates.push([
      `${base}Response`,
      `The ${operation.successStatus} response body${media} of ${label}.`,
      bodyType(`${op}["responses"][${statusKey(operation.successStatus)}]["content"]`, response),
    ]);
  }
  if (operation.pathParams.length > 0) {
    candidates.push([`${base}PathParams`, `Path parameters of ${label}.`, `${op}["parameters"]["path"]`]);
  }
  if (operation.queryParams.length > 0) {
    candidates.push([
      `${base}Query`,
      `Query parameters of ${label}.`,
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
  const unnamed = operations.some((operation) => operation.operationId === undefined);
  const table = operations
    .map(
      (operation) =>
        `  ${propertyKey(operation.name)}: { method: ${JSON.stringify(operation.method.toUpperCase())}, path: ${JSON.stringify(operation.path)} },`,
    )
    .join("\n");
  const tableDoc = unnamed
    ? "Every operation of the spec by operationId, or by the name derived from its method and path when it has none."
    : "Every operation of the spec by operationId.";
  return [
    tsBanner({ specPath: api.specPath, specVersion }),
    `import type { ${unnamed ? "operations, paths" : "operations"} } from "./schema.gen.js";\n`,
    `/** The API's name in leadkit's redocly.yaml. */\nexport const apiName = ${JSON.stringify(api.name)};\n`,
    `/** \`info.title\` of the spec these types were generated from. */\nexport const specTitle = ${JSON.stringify(specTitle(document))};\n`,
    `/** \`info.version\` of the spec these types were generated from. */\nexport const specVersion = ${JSON.stringify(specVersion)};\n`,
    `/** The spec's first server URL: the production base URL. */\nexport const defaultBaseUrl = ${JSON.stringify(servers[0] ?? "")};\n`,
    `/** ${tableDoc} */\nexport const operationsById = {\n${table}\n} as const;\n`,
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

/**
 * The document with every discriminator `mapping` value that is a bare schema name (`Cat`, which
 * OpenAPI allows) written as the ref it stands for (`#/components/schemas/Cat`): openapi-typescript
 * reads every mapping value as a ref and fails on a bare name. Values that are not the name of a
 * component schema are left alone.
 */
export function withMappingRefs(document: OpenApiDocument): OpenApiDocument {
  const components = isNode(document.components) ? document.components : {};
  const schemas = new Set(Object.keys(isNode(components.schemas) ? components.schemas : {}));
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isNode(node)) return node;
    const copy: Node = {};
    for (const [key, value] of Object.entries(node)) copy[key] = visit(value);
    const discriminator = copy.discriminator;
    if (isNode(discriminator) && isNode(discriminator.mapping)) {
      const mapping = Object.entries(discriminator.mapping).map(([tag, target]) => [
        tag,
        typeof target === "string" && schemas.has(target) && !target.includes("/")
          ? `#/components/schemas/${target}`
          : target,
      ]);
      copy.discriminator = { ...discriminator, mapping: Object.fromEntries(mapping) };
    }
    return copy;
  };
  return visit(document) as OpenApiDocument;
}

export async function renderSchemaModule(context: TargetContext): Promise<string> {
  const types = await renderTypes(withMappingRefs(withoutExamples(context.document)), OPENAPI_TS_OPTIONS);
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
