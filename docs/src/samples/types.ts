// The shapes shared by the code-sample generators (see index.ts for how they are put together).
import type { OpenApiDocument, OperationInfo } from "@leadkit/codegen";
import type { KeyPlacement, RequestExample } from "./request.js";

/** One entry of Redoc's `x-codeSamples` (https://redocly.com/docs-legacy/api-reference-docs/specification-extensions/x-code-samples). */
export interface CodeSample {
  /** Highlighting language. */
  readonly lang: string;
  /** The tab's name; Redoc matches samples to its `codeSamples.languages` by it. */
  readonly label: string;
  readonly source: string;
}

/** What every sample of an API knows: its name in code and which of its packages exist. */
export interface SampleContext {
  /** The API's name in redocly.yaml, e.g. `garage`. */
  readonly api: string;
  readonly document: OpenApiDocument;
  /** PascalCase name, as in `create<Name>Client` and `<Name>ApiError`. */
  readonly Name: string;
  /** Environment variable prefix, as in `<ENV>_API_KEY`. */
  readonly ENV: string;
  /** npm names of the API's packages that exist in the workspace. */
  readonly packages: {
    readonly client?: string | undefined;
    readonly mock?: string | undefined;
    readonly mcp?: string | undefined;
  };
}

/** One operation, as the samples need it. */
export interface OperationInput {
  readonly operation: OperationInfo;
  /** The client method (and MCP tool) name: codegen's `methodName` of the operation. */
  readonly method: string;
  readonly request: RequestExample;
  /** The operation's server URL, variables filled in, without a trailing slash. */
  readonly serverUrl: string;
  /** Where the API key goes for this operation. */
  readonly auth: KeyPlacement;
}

/** One kind of sample (a tab in the reference), rendered for every operation of an API it applies to. */
export interface SampleKind {
  readonly label: string;
  readonly lang: string;
  /** TypeScript that the docs tests type-check against the built packages. */
  readonly typecheck?: boolean;
  /** Whether the API gets this kind at all (e.g. only once its package exists). */
  available(context: SampleContext): boolean;
  render(context: SampleContext, input: OperationInput): string;
}
