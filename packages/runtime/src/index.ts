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
  RequestValidationError,
  TimeoutError,
} from "./errors.js";
export type {
  ApiDefinition,
  ErrorBodiesOf,
  HttpMethod,
  InvalidResponseHook,
  OperationCaller,
  OperationDefinition,
  OperationInit,
  PathParamsOf,
  QueryOf,
  RequestBodyOf,
  RequestIssue,
  RequestOptions,
  SuccessDataOf,
  ValidateOption,
  ValidationIssue,
  ValidationOptions,
  ValidatorLike,
  ValidatorTable,
} from "./types.js";
