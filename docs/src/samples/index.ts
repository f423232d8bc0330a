// Code samples for every operation of an API, added to the copy of the bundled spec that Redoc
// renders (`x-codeSamples`), never to the spec files. Generic: each sample is made from the
// bundled spec, the codegen's own `listOperations`/`methodName` (the client's method names) and
// which of the API's packages exist, so an API added with `pnpm new-api` gets them unasked.
//
// Each kind of sample is one module exporting a `SampleKind`; adding a kind is adding it to
// SAMPLE_KINDS. A TypeScript kind (`typecheck: true`) is type-checked by the docs tests against
// the built packages (test/samples.typecheck.test.ts).
import { listOperations, type OpenApiDocument, pascalCase } from "@leadkit/codegen";
import type { ApiDoc } from "../site.js";
import { curlSample } from "./curl.js";
import { mcpConfigSample, mcpToolSample } from "./mcp.js";
import { mockSample } from "./mock.js";
import { keyPlacement, requestExample, serverUrl } from "./request.js";
import type { CodeSample, OperationInput, SampleContext, SampleKind } from "./types.js";
import { typescriptSample } from "./typescript.js";

export type { CodeSample, OperationInput, SampleContext, SampleKind } from "./types.js";

/** Every kind of sample, in the order of the reference's language menu. */
export const SAMPLE_KINDS: readonly SampleKind[] = [
  typescriptSample,
  curlSample,
  mockSample,
  mcpConfigSample,
  mcpToolSample,
];

/** What a sample context is made from: an API's name, bundled spec and packages (an `ApiDoc`). */
export type SampleSource = Pick<ApiDoc, "name" | "document"> &
  Partial<Pick<ApiDoc, "clientPackage" | "mockPackage" | "mcpPackage">>;

export function sampleContext(api: SampleSource): SampleContext {
  const Name = pascalCase(api.name);
  return {
    api: api.name,
    document: api.document,
    Name,
    // The scaffold's `{{ENV}}`: the client READMEs read `<ENV>_API_KEY` too.
    ENV: api.name.toUpperCase().replace(/-/g, "_"),
    packages: {
      client: api.clientPackage?.name,
      mock: api.mockPackage?.name,
      mcp: api.mcpPackage?.name,
    },
  };
}

export function operationInputs(document: OpenApiDocument): OperationInput[] {
  return listOperations(document).map((operation) => ({
    operation,
    method: operation.methodName,
    request: requestExample(document, operation),
    serverUrl: serverUrl(document, operation),
    auth: keyPlacement(document, operation),
  }));
}

/** The kinds of sample an API gets. */
export function sampleKinds(context: SampleContext): SampleKind[] {
  return SAMPLE_KINDS.filter((kind) => kind.available(context));
}

export interface OperationSamples {
  readonly input: OperationInput;
  readonly samples: ReadonlyArray<CodeSample & { readonly kind: SampleKind }>;
}

/** Every operation of the API with its samples. */
export function codeSamples(context: SampleContext): OperationSamples[] {
  const kinds = sampleKinds(context);
  return operationInputs(context.document).map((input) => ({
    input,
    samples: kinds.map((kind) => ({
      kind,
      lang: kind.lang,
      label: kind.label,
      source: kind.render(context, input),
    })),
  }));
}

/** A copy of `document` whose operations carry their samples as `x-codeSamples`. */
export function withCodeSamples(document: OpenApiDocument, context: SampleContext): OpenApiDocument {
  const copy = structuredClone(document);
  const paths = copy.paths as Record<string, Record<string, Record<string, unknown>>>;
  // Made from the spec as bundled (`context.document`), attached to the copy Redoc renders.
  for (const { input, samples } of codeSamples(context)) {
    const operation = paths[input.operation.path]?.[input.operation.method];
    if (operation === undefined) continue;
    operation["x-codeSamples"] = samples.map(({ lang, label, source }) => ({ lang, label, source }));
  }
  return copy;
}

/**
 * Redoc's `codeSamples.languages`: its language menu, which also decides which `x-codeSamples`
 * show (matched by label). Only leadkit's samples: Redoc would otherwise add its own untested
 * snippets for ten languages.
 */
export function sampleLanguages(context: SampleContext): Array<{ lang: string; label: string }> {
  return sampleKinds(context).map(({ lang, label }) => ({ lang, label }));
}
