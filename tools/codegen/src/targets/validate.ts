// The validators of an API, in its types package (`@leadkit/<api>-types/validate`): one Standard
// Schema v1 validator per part of each operation (path parameters, query, JSON request body, each
// JSON response body), compiled ahead of time from the spec's schemas into plain functions, and
// one table of them by client method name for generic consumers (the client's `validate`
// option, mock servers, MCP servers). The module imports nothing at run time.
import { join } from "node:path";
import { tsBanner } from "../banner.js";
import { CodegenError } from "../errors.js";
import { type OpenApiDocument, propertyKey } from "../openapi.js";
import { Compiler } from "../validators/compile.js";
import { HELPER_NAMES, helperSource, PUBLIC_TYPES } from "../validators/runtime.js";
import { type ValidatorSchema, validatorSchemas } from "../validators/schemas.js";
import type { ApiEntry } from "../workspace.js";
import type { GeneratedFile, Target, TargetContext } from "./target.js";

/** The file, relative to the types package. */
export const VALIDATE_MODULE = join("src", "generated", "validate.gen.ts");

/** Names the module declares for itself: no validator may take one. */
const RESERVED = [
  "validators",
  "Validators",
  "Validator",
  "ValidatorProps",
  "ValidationIssue",
  "ValidationResult",
  "OperationValidators",
];

/** The TypeScript type a validator's value has, read from openapi-typescript's `paths`. */
function valueType(validator: ValidatorSchema): string {
  const { path, method } = validator.operation;
  const operation = `paths[${JSON.stringify(path)}][${JSON.stringify(method)}]`;
  switch (validator.part) {
    case "params":
      return `${operation}["parameters"]["path"]`;
    case "query":
      return `NonNullable<${operation}["parameters"]["query"]>`;
    case "body":
      return `NonNullable<${operation}["requestBody"]>["content"][${JSON.stringify(validator.mediaType)}]`;
    default: {
      const status = /^\d+$/.test(validator.status ?? "")
        ? validator.status
        : JSON.stringify(validator.status);
      return `${operation}["responses"][${status}]["content"][${JSON.stringify(validator.mediaType)}]`;
    }
  }
}

function describe(validator: ValidatorSchema): string {
  const { operation } = validator;
  const route = `\`${operation.method.toUpperCase()} ${operation.path}\` (\`${operation.name}\`)`;
  switch (validator.part) {
    case "params":
      return `The path parameters of ${route}, as an object keyed by name.`;
    case "query":
      return `The query parameters of ${route}, as an object keyed by name.`;
    case "body":
      return `The request body of ${route} (${validator.mediaType}).`;
    default:
      return `The ${validator.status} response body of ${route} (${validator.mediaType}).`;
  }
}

export function renderValidateModule(context: TargetContext): string {
  const { api, document, specVersion } = context;
  const schemas = validatorSchemas(document as OpenApiDocument, api.specPath);
  const exported = new Map<string, ValidatorSchema>();
  for (const validator of schemas.validators) {
    const other = exported.get(validator.name);
    if (other !== undefined || RESERVED.includes(validator.name)) {
      const route = (v: ValidatorSchema) =>
        `\`${v.operation.name}\` (${v.operation.method.toUpperCase()} ${v.operation.path})`;
      throw new CodegenError(
        `Two validators of ${api.specPath} would both be exported as \`${validator.name}\`: ${route(validator)}${other ? ` and ${route(other)}` : ", a name the module uses itself"}.`,
        "Rename one of the operationIds in the spec.",
      );
    }
    exported.set(validator.name, validator);
  }
  const compiler = new Compiler(schemas.defs, api.specPath);
  compiler.reserve([...RESERVED, ...HELPER_NAMES, ...exported.keys(), "paths", "StandardSchemaV1"]);
  const roots = schemas.validators.map((validator) =>
    compiler.functionFor(validator.schema, `check_${validator.name}`),
  );
  const declarations = schemas.validators.map(
    (validator, index) =>
      `/** ${describe(validator)} */\nexport const ${validator.name}: Validator<${valueType(validator)}> = validator(${roots[index]}, ${JSON.stringify(validator.label)});`,
  );
  const byMethod = new Map<string, ValidatorSchema[]>();
  for (const validator of schemas.validators) {
    const list = byMethod.get(validator.method) ?? [];
    list.push(validator);
    byMethod.set(validator.method, list);
  }
  const entries = [...byMethod].map(([method, list]) => {
    const operation = list[0]?.operation as ValidatorSchema["operation"];
    // [key, literal or validator name, is a validator]: rendered as the value and as its type.
    const fields: Array<[string, string, boolean]> = [
      ["operationId", JSON.stringify(operation.name), false],
      ["method", JSON.stringify(operation.method.toUpperCase()), false],
      ["path", JSON.stringify(operation.path), false],
    ];
    for (const validator of list) {
      if (validator.part === "params" || validator.part === "query")
        fields.push([validator.part, validator.name, true]);
      if (validator.part === "body")
        fields.push(
          ["body", validator.name, true],
          ["bodyMediaType", JSON.stringify(validator.mediaType), false],
          ["bodyRequired", String(validator.required === true), false],
        );
    }
    const responses = list.filter((validator) => validator.part === "response");
    const value = [
      ...fields.map(([key, expression]) => `${key}: ${expression},`),
      `responses: { ${responses.map((validator) => `${JSON.stringify(validator.status)}: ${validator.name}`).join(", ")} },`,
    ];
    const type = [
      ...fields.map(
        ([key, expression, isValidator]) =>
          `readonly ${key}: ${isValidator ? `typeof ${expression}` : expression};`,
      ),
      `readonly responses: { ${responses.map((validator) => `readonly ${JSON.stringify(validator.status)}: typeof ${validator.name}`).join("; ")} };`,
    ];
    return {
      value: `  ${propertyKey(method)}: {\n${value.map((line) => `    ${line}`).join("\n")}\n  },`,
      type: `  readonly ${propertyKey(method)}: {\n${type.map((line) => `    ${line}`).join("\n")}\n  };`,
    };
  });
  const code = compiler.code();
  return [
    tsBanner({ specPath: api.specPath, specVersion }),
    `// Validators of ${JSON.stringify(api.name)}, compiled by @leadkit/codegen from the spec's JSON Schemas into`,
    "// plain functions (Ajv's semantics, ajv-formats' formats); nothing is imported at run time.",
    '// Each export is a Standard Schema v1 validator: `validator["~standard"].validate(value)` returns',
    "// `{ value }` or `{ issues: [{ message, path }] }`, synchronously; `validator.is(value)` is the same",
    "// check as a type guard. `validators` lists them per operation, by client method name.",
    "// readOnly properties are rejected in requests (and not required there), writeOnly ones in responses.",
    ...(schemas.skipped.length === 0
      ? []
      : [
          "// Not compiled: these parts' schemas use a JSON Schema keyword the compiler does not implement, and",
          "// checking them without it could accept what the spec rejects, so they have no validator (the",
          "// client's `validate` option and the mock leave them unchecked):",
          ...schemas.skipped.map(
            (skip) =>
              `//   ${skip.name}: \`${skip.keyword}\` at ${skip.where.replace(/[\r\n\u2028\u2029]/g, " ")}`,
          ),
        ]),
    'import type { StandardSchemaV1 } from "@standard-schema/spec";',
    'import type { paths } from "./schema.gen.js";',
    "",
    PUBLIC_TYPES,
    "",
    helperSource(compiler.helpers),
    "",
    code,
    "",
    declarations.join("\n\n"),
    "",
    "/**",
    " * The type of `validators`, written out rather than inferred: a spec with a thousand operations",
    " * would otherwise give a type too long for TypeScript to write into a declaration file.",
    " */",
    `export type Validators = {\n${entries.map((entry) => entry.type).join("\n")}\n};`,
    "",
    "/** Every operation's validators, keyed by the client's method name. */",
    `export const validators: Validators & Record<string, OperationValidators> = {\n${entries.map((entry) => entry.value).join("\n")}\n};`,
    "",
  ].join("\n");
}

export const validateTarget: Target = {
  name: "validate",
  packageDir: (api: ApiEntry) => api.typesDir,
  // The types target owns the folder (src/generated of the types package).
  ownedDirs: () => [],
  async render(context: TargetContext): Promise<GeneratedFile[]> {
    return [{ file: join(context.api.typesDir, VALIDATE_MODULE), contents: renderValidateModule(context) }];
  },
};
