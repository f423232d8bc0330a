// The client's `validate` option: checks a call's request against the spec before it is sent,
// and its 2xx body after, with the validators generated into the API's types package. Each client
// package loads this module together with its validators (`api.loadValidation`, one chunk) only
// when a call asks for validation, so a client that never validates does not download either.
import type {
  InvalidResponseError as InvalidResponse,
  RequestValidationError as RequestValidation,
} from "./errors.js";
import type {
  ApiDefinition,
  OperationDefinition,
  OperationInit,
  RequestIssue,
  ValidateOption,
  ValidationIssue,
  ValidationOptions,
  ValidatorLike,
} from "./types.js";

/** Checks a 2xx body; resolves to the data, throws `InvalidResponseError` (unless hooked). */
export type ResponseCheck = (body: unknown, response: Response, url: string, attempts: number) => unknown;

const MODES = ["request", "response", "both"];

/** "body: lead.category must be …; query: depth must be a number" */
function summary(issues: readonly (ValidationIssue & { in?: string })[]): string {
  return issues
    .map((issue) => (issue.in === undefined ? issue.message : `${issue.in}: ${issue.message}`))
    .join("; ");
}

/**
 * Validates the request of `operation` (when `mode` asks for it) and returns the check of its
 * response (when `mode` asks for it). `redact` scrubs the API key from anything reported.
 */
export async function validation(
  api: ApiDefinition<unknown>,
  operation: OperationDefinition,
  init: OperationInit,
  options: ValidationOptions & { readonly baseUrl?: string | undefined },
  callOptions: ValidationOptions | undefined,
  redact: <T>(value: T) => T,
  // Handed over by the client, not imported: importing them would make the bundler move the
  // errors into a chunk of their own, which costs the client's base bundle bytes.
  RequestValidationError: typeof RequestValidation,
  InvalidResponseError: typeof InvalidResponse,
): Promise<ResponseCheck | undefined> {
  const mode: ValidateOption = callOptions?.validate ?? options.validate ?? false;
  if (!MODES.includes(mode as string))
    throw new TypeError(
      `\`validate\` must be "request", "response", "both" or false, not ${JSON.stringify(mode)}.`,
    );
  const { validators } = await api.loadValidation();
  const name = Object.keys(api.operations).find((key) => api.operations[key] === operation);
  const entry = name === undefined ? undefined : validators[name];
  if (entry === undefined) return undefined; // the spec gives this operation no JSON schema
  const { method } = operation;
  if (mode !== "response") {
    const issues: RequestIssue[] = [];
    const check = (where: RequestIssue["in"], validator: ValidatorLike | undefined, value: unknown) => {
      for (const issue of validator?.["~standard"].validate(value).issues ?? [])
        issues.push({ ...issue, in: where });
    };
    check("path", entry.params, init.params?.path ?? {});
    check("query", entry.query, init.params?.query ?? {});
    if (init.body !== undefined || entry.bodyRequired) check("body", entry.body, init.body);
    if (issues.length > 0) {
      throw new RequestValidationError(
        redact(`was not sent: the request does not match the spec: ${summary(issues)}`),
        // The details of every LeadkitError, plus the issues (copied onto the error).
        {
          method,
          url: `${options.baseUrl ?? api.defaultBaseUrl}${operation.path}`,
          attempts: 0,
          issues: redact(issues),
        } as ConstructorParameters<typeof RequestValidationError>[1],
      );
    }
  }
  if (mode === "request") return undefined;
  return (body, response, url, attempts) => {
    const { status } = response;
    const validator =
      entry.responses[status] ?? entry.responses[`${String(status)[0]}XX`] ?? entry.responses.default;
    const issues = validator?.["~standard"].validate(body).issues;
    if (issues === undefined) return body;
    const hook = callOptions?.onInvalidResponse ?? options.onInvalidResponse;
    if (hook !== undefined) {
      hook(redact(issues), response);
      return body;
    }
    throw new InvalidResponseError(
      {
        method,
        url,
        attempts,
        status,
        requestId: response.headers.get("x-request-id") ?? undefined,
        issues: redact(issues),
      },
      redact(`answered ${status} with a body that does not match the spec: ${summary(issues)}`),
    );
  };
}
