// Public entry of @leadkit/dealer-studio, the Dealer Studio Public API client. The operations, their types
// and the retry metadata are generated from the spec (src/generated/client.gen.ts); retries,
// timeouts and errors live in @leadkit/runtime. This file holds only what is Dealer Studio's own.
import type { paths } from "@leadkit/dealer-studio-types";
import { type ApiClient, ApiError, type ClientOptions, createApiClient } from "@leadkit/runtime";
import { api, type ErrorBodies, type Operations } from "./generated/client.gen.js";

/** An error status from Dealer Studio; `hasStatus(422)` types `body` as the Rails-style `{ field: [messages] }` map. */
export class DealerStudioApiError extends ApiError<ErrorBodies> {
  override get name(): string {
    return "DealerStudioApiError";
  }
}

export type DealerStudioClientOptions = ClientOptions;
export type DealerStudioClient = ApiClient<paths, Operations>;

/** Creates a Dealer Studio client; the key is sent as `Authorization: Bearer <apiKey>`, as Dealer Studio documents. */
export function createDealerStudioClient(options: DealerStudioClientOptions): DealerStudioClient {
  return createApiClient<paths, Operations, ErrorBodies>(
    api,
    {
      factoryName: "createDealerStudioClient",
      auth: (apiKey) => ({ Authorization: `Bearer ${apiKey}` }),
      ApiError: DealerStudioApiError,
    },
    options,
  );
}

export type * from "@leadkit/dealer-studio-types";
export {
  ApiError,
  ConnectionError,
  InvalidResponseError,
  LeadkitError,
  type Middleware,
  type RequestIssue,
  type RequestOptions,
  RequestValidationError,
  TimeoutError,
  type ValidateOption,
  type ValidationIssue,
} from "@leadkit/runtime";
export {
  type ErrorBodies,
  type Operations,
  operationDefinitions,
  packageName,
  packageVersion,
} from "./generated/client.gen.js";
