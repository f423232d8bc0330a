// Builds an API client: an openapi-fetch client whose every call (path-based or convenience) goes
// through one attempt loop that adds auth, a per-attempt timeout and safe retries, plus the
// generated convenience methods, which unwrap the data or throw the API's error class.
// Only web platform globals are used (fetch, AbortController, setTimeout), so it runs in Node,
// browsers, Deno, Bun and workers alike. The code is terse on purpose: the whole client,
// openapi-fetch included, has a 5 kB (min+gzip) budget.

import createClient, { type Client, type FetchResponse, type HeadersOptions } from "openapi-fetch";
import {
  type ApiError,
  type ApiErrorDetails,
  ConnectionError,
  InvalidResponseError,
  LeadkitError,
  RequestValidationError,
  TimeoutError,
} from "./errors.js";
import { errorCode, type Outcome, parseRetryAfter, provablyNotSent, retryDelay } from "./retry.js";
import type {
  ApiDefinition,
  HttpMethod,
  OperationCaller,
  OperationDefinition,
  OperationInit,
  RequestOptions,
  ValidationOptions,
} from "./types.js";

export interface ClientOptions extends ValidationOptions {
  /** The vendor API key (required). Sent only in the header the vendor documents. */
  readonly apiKey: string;
  /** Defaults to the vendor's production server (the spec's first server). */
  readonly baseUrl?: string;
  /** A fetch implementation (default: the global `fetch`, looked up at call time). */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request; `null` removes a default one (e.g. `User-Agent`). */
  readonly headers?: Record<string, string | null>;
  /** Per-attempt timeout in ms (default 30,000; 0 disables). */
  readonly timeoutMs?: number;
  /** Retries after the first attempt (default 2; 0 disables). */
  readonly maxRetries?: number;
  /** First backoff delay in ms (default 500), doubled on each retry, with jitter. */
  readonly retryDelayMs?: number;
  /** Backoff cap, and the longest `Retry-After` that is waited for, in ms (default 60,000). */
  readonly maxRetryDelayMs?: number;
}

/** What differs per vendor; written by hand in each API package's `src/index.ts`. */
export interface VendorOptions<Bodies> {
  /** The factory's name, for error messages (`createDealerStudioClient`). */
  readonly factoryName: string;
  /** The auth header(s) for an API key, as the vendor documents them. */
  readonly auth: (apiKey: string) => Record<string, string>;
  /** The API's error class, thrown by the convenience methods. */
  readonly ApiError: new (
    details: ApiErrorDetails,
  ) => ApiError<Bodies>;
}

/** openapi-fetch's path-based client plus the generated convenience methods. */
export type ApiClient<Paths extends {}, Operations> = Client<Paths> & Operations;

type Init = RequestOptions & Record<string, unknown>;
type Result = FetchResponse<Record<string, never>, unknown, `${string}/${string}`>;
interface Sent {
  readonly result: Result;
  readonly url: string;
  readonly attempts: number;
}

/**
 * Creates the client of one API. Called by each API package's factory with its generated
 * definition and its vendor options; users call that factory, not this.
 */
export function createApiClient<Paths extends {}, Operations, Bodies>(
  api: ApiDefinition<Operations>,
  vendor: VendorOptions<Bodies>,
  options: ClientOptions,
): ApiClient<Paths, Operations> {
  const apiKey = options?.apiKey;
  // Visible ASCII only: a space, a line break or a "Bearer " prefix cannot be right.
  if (typeof apiKey !== "string" || !/^[\x21-\x7e]+$/.test(apiKey))
    throw new TypeError(
      `${vendor.factoryName}: \`apiKey\` must be your API key, without spaces or "Bearer ".\nExample: ${vendor.factoryName}({ apiKey: process.env.API_KEY })`,
    );
  const authHeaders = Object.entries(vendor.auth(apiKey));
  const { timeoutMs = 30_000, maxRetries = 2, retryDelayMs = 500, maxRetryDelayMs = 60_000 } = options;
  const inner = createClient({
    baseUrl: options.baseUrl ?? api.defaultBaseUrl,
    // Chromium and Safari drop a User-Agent set by script; no other header is added in its place,
    // since a custom one would need the vendor's CORS policy to allow it.
    headers: { "User-Agent": api.userAgent, ...options.headers } as HeadersOptions,
  }) as unknown as Record<HttpMethod, (path: string, init: unknown) => Promise<Result>>;

  // The key as it would appear inside a JSON string; whatever a server sends back is scrubbed.
  const secret = JSON.stringify(apiKey).slice(1, -1);
  const redact = <T>(value: T): T => {
    const string = typeof value === "string";
    const text = string ? value : JSON.stringify(value);
    if (!text?.includes(secret)) return value;
    const clean = text.replaceAll(secret, "[REDACTED]");
    return (string ? clean : JSON.parse(clean)) as T;
  };

  /** Sends a request, retrying as the policy allows; resolves with openapi-fetch's result. */
  async function send(method: HttpMethod, path: string, init: Init = {}): Promise<Sent> {
    const { timeoutMs: timeout = timeoutMs, maxRetries: retries = maxRetries, signal, ...rest } = init;
    // A route the spec does not list is judged by its method: POST and PATCH may create.
    const mayCreate =
      Object.values(api.operations).find(
        (operation) => operation.method === method && operation.path === path,
      )?.mayCreate ?? /^P(OST|ATCH)$/.test(method);
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      // No timeout and no caller signal: no signal at all (on Node 20 a Request that follows a
      // signal costs about a third of an openapi-fetch call).
      const controller = timeout > 0 || signal ? new AbortController() : undefined;
      const onAbort = () => controller?.abort(signal?.reason);
      signal?.addEventListener("abort", onAbort);
      let url = path;
      let timedOut: TimeoutError | undefined;
      const timer =
        timeout > 0
          ? setTimeout(() => {
              timedOut = new TimeoutError({ method, url, attempts: attempt, timeoutMs: timeout });
              controller?.abort(timedOut);
            }, timeout)
          : 0;
      let status: number | undefined;
      let result: Result | undefined;
      let outcome: Outcome;
      try {
        result = await inner[method](path, {
          ...rest,
          signal: controller?.signal,
          // Runs after the middleware: the key is added last, so logging middleware never sees it.
          fetch: async (request: Request) => {
            url = request.url;
            for (const [name, value] of authHeaders) request.headers.set(name, value);
            try {
              const response = await (options.fetch ?? fetch)(request);
              status = response.status;
              return response;
            } catch (error) {
              if (controller?.signal.aborted) throw error;
              const code = errorCode(error);
              const text = `${(error as Error)?.message}${(error as Error)?.stack}`;
              throw new ConnectionError({
                method,
                url,
                attempts: attempt,
                code,
                mayHaveReachedServer: !provablyNotSent(code),
                cause: text.includes(secret) ? new Error(redact((error as Error).message)) : error,
              });
            }
          },
        });
        outcome = { response: result.response };
      } catch (error) {
        if (timedOut) outcome = { error: timedOut };
        else if (controller?.signal.aborted) throw signal?.reason;
        // openapi-fetch could not parse a success body: the server broke the spec's promise.
        else if (error instanceof SyntaxError && status)
          throw new InvalidResponseError({ method, url, attempts: attempt, status });
        else if (error instanceof LeadkitError) outcome = { error };
        else throw error; // a middleware's own error
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }
      const delay = result?.response.ok
        ? undefined
        : retryDelay(outcome, mayCreate, attempt - 1, { maxRetries: retries, retryDelayMs, maxRetryDelayMs });
      if (delay === undefined) {
        if (result) return { result, url, attempts: attempt };
        throw (outcome as { error: unknown }).error;
      }
      await new Promise((resolve, reject) => {
        const wait = setTimeout(resolve, delay);
        signal?.addEventListener(
          "abort",
          () => {
            clearTimeout(wait);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    }
  }

  const call: OperationCaller = async <Data>(
    operation: OperationDefinition,
    init: OperationInit,
    callOptions?: RequestOptions,
  ) => {
    const { method } = operation;
    // Loaded on first use only: a client that never validates does not download the validators.
    const check =
      (callOptions?.validate ?? options.validate) &&
      (await (
        await api.loadValidation()
      ).validation(
        api,
        operation,
        init,
        options,
        callOptions,
        redact,
        RequestValidationError,
        InvalidResponseError,
      ));
    const { result, url, attempts } = await send(method, operation.path, {
      parseAs: "text",
      ...init,
      ...callOptions,
    });
    const { response } = result;
    const { ok, status, headers } = response;
    // openapi-fetch hands over the text (success) or tries JSON itself (error): finish the job.
    const payload: unknown = ok ? result.data : result.error;
    let body = payload;
    let rawBody: string | undefined;
    if (typeof payload === "string" && !(ok && init.parseAs)) {
      try {
        body = payload ? JSON.parse(payload) : undefined;
      } catch {
        rawBody = redact(payload.slice(0, 2000));
        body = undefined;
      }
    }
    if (ok && (body !== undefined || !operation.returnsData))
      return (check ? check(body, response, url, attempts) : body) as Data;
    const details = {
      method,
      url,
      attempts,
      status,
      rawBody,
      requestId: headers.get("x-request-id") ?? undefined,
    };
    if (ok) throw new InvalidResponseError(details);
    throw new vendor.ApiError({
      ...details,
      body: redact(body),
      retryAfterMs: parseRetryAfter(headers.get("retry-after")),
    });
  };

  // openapi-fetch's client (use, eject), with request() and GET, PUT, POST, ... through the attempt loop.
  const raw = (method: string, url: string, init?: Init) =>
    send(method as HttpMethod, url, init).then((sent) => sent.result);
  const client: Record<string, unknown> = {
    ...inner,
    request: (method: string, url: string, init?: Init) => raw(method.toUpperCase(), url, init),
  };
  for (const method of Object.keys(inner))
    if (/^[A-Z]+$/.test(method)) client[method] = (url: string, init?: Init) => raw(method, url, init);
  return Object.assign(client, api.bindOperations(call)) as ApiClient<Paths, Operations>;
}
