// createApiClient with a stubbed fetch: options, headers, the attempt loop's timing (fake
// timers: exact Retry-After and backoff waits, per-attempt timeouts, cancellation), middleware
// and the errors. The contract, fault and secret suites run per API package over real HTTP.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ApiError,
  type ClientOptions,
  ConnectionError,
  createApiClient,
  InvalidResponseError,
  LeadkitError,
  type OperationCaller,
  TimeoutError,
} from "../src/index.js";

class GarageApiError extends ApiError<{ 404: { message: string } }> {
  override get name(): string {
    return "GarageApiError";
  }
}

const operations = {
  createCar: {
    operationId: "createCar",
    method: "POST",
    path: "/cars",
    pathParams: [],
    queryParams: [],
    returnsData: true,
    mayCreate: true,
  },
  updateCar: {
    operationId: "updateCar",
    method: "PATCH",
    path: "/cars/{carId}",
    pathParams: ["carId"],
    queryParams: ["dryRun"],
    returnsData: true,
    mayCreate: false,
  },
} as const;

interface Operations {
  createCar(body: object, options?: object): Promise<unknown>;
  updateCar(carId: number, body: object, query?: object, options?: object): Promise<unknown>;
}

const api = {
  userAgent: "leadkit-garage/1.2.3",
  defaultBaseUrl: "https://api.garage.test/v1",
  operations,
  bindOperations: (call: OperationCaller): Operations => ({
    createCar: (body, options) => call(operations.createCar, { body }, options),
    updateCar: (carId, body, query, options) =>
      call(operations.updateCar, { params: { path: { carId }, query }, body }, options),
  }),
  loadValidation: () =>
    import("../src/validation.js").then(({ validation }) => ({ validation, validators: {} })),
};
const vendor = {
  factoryName: "createGarageClient",
  auth: (apiKey: string) => ({ Authorization: `Bearer ${apiKey}` }),
  ApiError: GarageApiError,
};
const KEY = "garage_key_123";

type Stub = (request: Request) => Promise<Response>;
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

function garage(fetch: Stub, options: Partial<ClientOptions> = {}) {
  // biome-ignore lint/suspicious/noExplicitAny: the test API has no paths type
  return createApiClient<any, Operations, { 404: { message: string } }>(api, vendor, {
    apiKey: KEY,
    fetch,
    ...options,
  });
}

/** A fetch that answers from a list, recording each request. */
function sequence(...answers: Array<Response | Error>) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    requests.push(request);
    const answer = answers.shift() ?? json(200, { ok: true });
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { fetch, requests };
}

/** A fetch that never answers but honours the request's signal, as a real one does. */
const hanging: Stub = (request) =>
  new Promise((_resolve, reject) =>
    request.signal.addEventListener("abort", () => reject(request.signal.reason)),
  );

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("resolved");
    },
    (error: unknown) => error,
  );
}

describe("options", () => {
  it("requires an apiKey that can be sent in a header, and says how to pass it", () => {
    for (const apiKey of [undefined, "", "  ", "key with space", `${KEY}\n`, `Bearer ${KEY}`, 42]) {
      expect(() => garage(sequence().fetch, { apiKey: apiKey as string })).toThrow(
        /^createGarageClient: `apiKey` must be your API key, without spaces or "Bearer "\.\nExample: createGarageClient\(\{ apiKey: process\.env\.API_KEY \}\)$/,
      );
    }
    // @ts-expect-error no options at all
    expect(() => createApiClient(api, vendor, undefined)).toThrow(TypeError);
  });

  it("sends the vendor's auth header, the client's User-Agent and the default headers, to the default server", async () => {
    const { fetch, requests } = sequence();
    await garage(fetch, { headers: { "X-Trace": "t1" } }).createCar({ make: "VW" });
    const [request] = requests;
    expect(request?.url).toBe("https://api.garage.test/v1/cars");
    expect(request?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(request?.headers.get("user-agent")).toBe("leadkit-garage/1.2.3");
    expect(request?.headers.get("x-client")).toBeNull();
    expect(request?.headers.get("x-trace")).toBe("t1");
    expect(await request?.json()).toEqual({ make: "VW" });
  });

  it("in a browser, adds no header of its own that the vendor's CORS policy would have to allow", async () => {
    vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140" });
    const { fetch, requests } = sequence();
    await garage(fetch).createCar({});
    // User-Agent is all it sets (Chromium and Safari drop it); the rest is the vendor's auth.
    const names = [...(requests[0]?.headers.keys() ?? [])].sort();
    expect(names).toEqual(["authorization", "content-type", "user-agent"]);
  });

  it("takes a baseUrl, drops a default header set to null, and uses the global fetch at call time", async () => {
    const { fetch, requests } = sequence();
    const client = garage(undefined as unknown as Stub, {
      baseUrl: "http://localhost:9/api/",
      headers: { "User-Agent": null },
    });
    vi.stubGlobal("fetch", fetch);
    await client.updateCar(7, { colour: "red" }, { dryRun: true });
    expect(requests[0]?.url).toBe("http://localhost:9/api/cars/7?dryRun=true");
    expect(requests[0]?.method).toBe("PATCH");
    expect(requests[0]?.headers.get("user-agent")).toBeNull();
  });
});

describe("the attempt loop", () => {
  it("waits exactly the seconds of Retry-After before retrying", async () => {
    vi.useFakeTimers();
    const { fetch } = sequence(json(503, {}, { "retry-after": "2" }), json(201, { id: 1 }));
    const promise = garage(fetch).createCar({});
    await vi.advanceTimersByTimeAsync(1_999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await promise).toEqual({ id: 1 });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("waits until the HTTP-date of Retry-After", async () => {
    vi.useFakeTimers({ now: Date.parse("2026-01-01T00:00:00Z") });
    const { fetch } = sequence(json(429, {}, { "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }));
    const promise = garage(fetch).createCar({});
    await vi.advanceTimersByTimeAsync(4_999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await promise;
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("backs off exponentially (retryDelayMs, then twice that) when the server gives no Retry-After", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(1); // the top of the jitter range: the whole delay
    const { fetch } = sequence(json(500, {}), json(502, {}), json(200, { ok: 1 }));
    const promise = garage(fetch, { retryDelayMs: 1_000 }).updateCar(1, {});
    await vi.advanceTimersByTimeAsync(999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(await promise).toEqual({ ok: 1 });
  });

  it("does not wait for a Retry-After longer than maxRetryDelayMs: the error says how long", async () => {
    const { fetch } = sequence(json(429, { message: "slow down" }, { "retry-after": "3600" }));
    const error = (await rejection(garage(fetch).createCar({}))) as GarageApiError;
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_600_000, attempts: 1 });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("times out each attempt after timeoutMs (per request too) and retries an idempotent call", async () => {
    vi.useFakeTimers();
    const fetch = vi.fn(hanging);
    const client = garage(fetch, { timeoutMs: 1_000, retryDelayMs: 10 });
    const promise = rejection(client.updateCar(1, {}, undefined, { timeoutMs: 200 }));
    await vi.advanceTimersByTimeAsync(1_000);
    const error = (await promise) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({
      timeoutMs: 200,
      attempts: 3,
      method: "PATCH",
      url: "https://api.garage.test/v1/cars/1",
    });
    expect(error.message).toBe("PATCH https://api.garage.test/v1/cars/1 timed out after 200 ms");
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it("does not retry a create that timed out: it may have been processed", async () => {
    vi.useFakeTimers();
    const fetch = vi.fn(hanging);
    const promise = rejection(garage(fetch, { timeoutMs: 100 }).createCar({}));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await promise).toMatchObject({ name: "TimeoutError", attempts: 1 });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("lets the caller's signal cancel an attempt and a wait between attempts", async () => {
    vi.useFakeTimers();
    const first = new AbortController();
    const during = rejection(
      garage(vi.fn(hanging), { timeoutMs: 0 }).createCar({}, { signal: first.signal }),
    );
    first.abort(new Error("user left"));
    expect(await during).toMatchObject({ message: "user left" });

    const second = new AbortController();
    const { fetch } = sequence(json(503, {}), json(200, {}));
    const waiting = rejection(
      garage(fetch, { retryDelayMs: 5_000 }).updateCar(1, {}, undefined, { signal: second.signal }),
    );
    await vi.advanceTimersByTimeAsync(100);
    second.abort();
    expect(await waiting).toMatchObject({ name: "AbortError" });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("judges a route the spec does not list by its method: a POST is not repeated after a 500", async () => {
    const { fetch } = sequence(json(500, {}), json(500, {}));
    const client = garage(fetch, { retryDelayMs: 1 });
    const { response } = await client.POST("/unlisted", {});
    expect(response.status).toBe(500);
    expect(fetch).toHaveBeenCalledTimes(1);
    await client.GET("/unlisted", { maxRetries: 1 });
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});

describe("middleware", () => {
  it("runs on every attempt, never sees the key, and gets the ConnectionError in onError", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    const { fetch } = sequence(refused, json(201, { id: 9 }));
    const client = garage(fetch, { retryDelayMs: 1 });
    const seen: string[] = [];
    const errors: unknown[] = [];
    const middleware = {
      onRequest: ({ request }: { request: Request }) => {
        seen.push(request.headers.get("authorization") ?? "none");
      },
      onError: ({ error }: { error: unknown }) => {
        errors.push(error);
      },
    };
    client.use(middleware);
    expect(await client.createCar({})).toEqual({ id: 9 });
    expect(seen).toEqual(["none", "none"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ConnectionError);
    expect(errors[0]).toMatchObject({ code: "ECONNREFUSED", mayHaveReachedServer: false, attempts: 1 });
    client.eject(middleware);
    await client.createCar({});
    expect(seen).toHaveLength(2);
  });

  it("lets a middleware's own error through untouched, without retrying", async () => {
    const { fetch } = sequence();
    const client = garage(fetch);
    const bug = new RangeError("middleware bug");
    client.use({
      onRequest: () => {
        throw bug;
      },
    });
    expect(await rejection(client.updateCar(1, {}))).toBe(bug);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("errors", () => {
  it("an error status becomes the API's error class, named in String(), the stack and toJSON()", async () => {
    const { fetch } = sequence(json(404, { message: "no such car" }, { "x-request-id": "req-42" }));
    const error = (await rejection(garage(fetch).updateCar(5, {}))) as GarageApiError;
    expect(error).toBeInstanceOf(GarageApiError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(LeadkitError);
    expect(String(error)).toBe(
      'GarageApiError: PATCH https://api.garage.test/v1/cars/5 failed with status 404: {"message":"no such car"}',
    );
    expect(error.stack?.split("\n")[0]).toBe(String(error));
    expect(error.hasStatus(404) && error.body.message).toBe("no such car");
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "GarageApiError",
      message: String(error).slice("GarageApiError: ".length),
      method: "PATCH",
      url: "https://api.garage.test/v1/cars/5",
      attempts: 1,
      status: 404,
      body: { message: "no such car" },
      requestId: "req-42",
    });
  });

  it("a success without its JSON body is an InvalidResponseError, for the path-based calls too", async () => {
    const { fetch } = sequence(
      new Response("", { status: 201 }),
      new Response("{oops", {
        status: 200,
        headers: { "content-type": "application/json", "content-length": "5" },
      }),
    );
    const client = garage(fetch);
    expect(await rejection(client.createCar({}))).toMatchObject({
      name: "InvalidResponseError",
      status: 201,
    });
    const parse = await rejection(
      client.PATCH("/cars/{carId}", { params: { path: { carId: 1 } }, body: {} }),
    );
    expect(parse).toBeInstanceOf(InvalidResponseError);
    expect(parse).toMatchObject({ status: 200, attempts: 1 });
  });

  it("a connection failure names the code, and says whether the request may have reached the server", async () => {
    const reset = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    const error = (await rejection(garage(sequence(reset).fetch).createCar({}))) as ConnectionError;
    expect(error.message).toBe("POST https://api.garage.test/v1/cars failed: no response (ECONNRESET)");
    expect(error).toMatchObject({
      code: "ECONNRESET",
      mayHaveReachedServer: true,
      attempts: 1,
      cause: reset,
    });
  });
});
