// Public entry of @leadkit/drivly, the Drivly commerce API client. The operations, their types
// and the retry metadata are generated from the spec (src/generated/client.gen.ts); retries,
// timeouts and errors live in @leadkit/runtime. This file holds only what is Drivly's own.
import type { paths } from "@leadkit/drivly-types";
import { type ApiClient, ApiError, type ClientOptions, createApiClient } from "@leadkit/runtime";
import { api, type ErrorBodies, type Operations } from "./generated/client.gen.js";

/** An error status from Drivly; `hasStatus(400)` types `body` as Payload's `{ errors: [...] }`. */
export class DrivlyApiError extends ApiError<ErrorBodies> {
  override get name(): string {
    return "DrivlyApiError";
  }
}

export type DrivlyClientOptions = ClientOptions;
export type DrivlyClient = ApiClient<paths, Operations>;

/** Creates a Drivly client; the key is sent as `Authorization: Bearer <apiKey>`, as Drivly documents. */
export function createDrivlyClient(options: DrivlyClientOptions): DrivlyClient {
  return createApiClient<paths, Operations, ErrorBodies>(
    api,
    {
      factoryName: "createDrivlyClient",
      auth: (apiKey) => ({ Authorization: `Bearer ${apiKey}` }),
      ApiError: DrivlyApiError,
    },
    options,
  );
}

export type * from "@leadkit/drivly-types";
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
