// Public entry of @leadkit/runtime: what the API packages build their clients from, and the
// errors their users catch. The API packages re-export the errors, so users rarely import this.

export type { Middleware } from "openapi-fetch";
export { type ApiClient, type ClientOptions, createApiClient, type VendorOptions } from "./client.js";
export {
  ApiError,
  type ApiErrorDetails,
  ConnectionError,
  InvalidResponseError,
  LeadkitError,
  type LeadkitErrorDetails,
  TimeoutError,
} from "./errors.js";
export type {
  ApiDefinition,
  ErrorBodiesOf,
  HttpMethod,
  OperationCaller,
  OperationDefinition,
  OperationInit,
  PathParamsOf,
  QueryOf,
  RequestBodyOf,
  RequestOptions,
  SuccessDataOf,
} from "./types.js";
