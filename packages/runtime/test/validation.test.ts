// The client's `validate` option with a stubbed fetch and hand-written Standard Schema
// validators (the generated ones are tested against Ajv in @leadkit/codegen, and through each
// client over real HTTP): what is checked when, what is thrown, that an invalid request never
// reaches fetch, that the key appears nowhere, and that nothing is loaded unless asked for.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type ApiDefinition,
  ApiError,
  createApiClient,
  InvalidResponseError,
  LeadkitError,
  type OperationCaller,
  RequestValidationError,
  type ValidationIssue,
  type ValidatorLike,
  type ValidatorTable,
} from "../src/index.js";
import { validation } from "../src/validation.js";

const KEY = "garage_key_123";

/** A Standard Schema validator from a predicate over the value. */
function validator(check: (value: unknown) => ValidationIssue[]): ValidatorLike {
  return {
    "~standard": {
      validate: (value) => {
        const issues = check(value);
        return issues.length > 0 ? { issues } : { value };
      },
    },
  };
}
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const validators: ValidatorTable = {
  updateCar: {
    params: validator((value) =>
      isRecord(value) && typeof value.carId === "number"
        ? []
        : [{ message: "carId must be a number", path: ["carId"] }],
    ),
    query: validator((value) =>
      isRecord(value) && value.dryRun !== undefined && typeof value.dryRun !== "boolean"
        ? [{ message: "dryRun must be a boolean", path: ["dryRun"] }]
        : [],
    ),
    body: validator((value) => {
      if (!isRecord(value)) return [{ message: "body must be an object", path: [] }];
      const issues: ValidationIssue[] = [];
      if (value.colour !== undefined && !["red", "blue"].includes(value.colour as string))
        issues.push({ message: 'colour must be one of "red", "blue"', path: ["colour"] });
      for (const key of Object.keys(value))
        if (!["colour", "fuel"].includes(key)) issues.push({ message: `${key} is not allowed`, path: [key] });
      return issues;
    }),
    bodyRequired: true,
    responses: {
      "200": validator((value) =>
        isRecord(value) && typeof value.id === "number" ? [] : [{ message: "id is required", path: ["id"] }],
      ),
      "4XX": validator(() => []),
    },
  },
  createCar: {
    responses: {
      "2XX": validator((value) =>
        isRecord(value) && value.id !== undefined ? [] : [{ message: "id is required", path: ["id"] }],
      ),
      default: validator(() => [{ message: "response body never matches", path: [] }]),
    },
  },
};

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
  updateCar(carId: unknown, body: unknown, query?: object, options?: object): Promise<unknown>;
}

const loadValidation = vi.fn(async () => ({ validation, validators }));
const api: ApiDefinition<Operations> = {
  userAgent: "leadkit-garage/1.2.3",
  defaultBaseUrl: "https://api.garage.test/v1",
  operations,
  bindOperations: (call: OperationCaller): Operations => ({
    createCar: (body, options) => call(operations.createCar, { body }, options),
    updateCar: (carId, body, query, options) =>
      call(operations.updateCar, { params: { path: { carId }, query }, body }, options),
  }),
  loadValidation,
};

class GarageApiError extends ApiError {}

function garage(answer: () => Response, options: Record<string, unknown> = {}) {
  const fetch = vi.fn(async (_request: Request) => answer());
  const client = createApiClient<Record<string, never>, Operations, unknown>(
    api,
    {
      factoryName: "createGarageClient",
      auth: (key) => ({ Authorization: `Bearer ${key}` }),
      ApiError: GarageApiError,
    },
    { apiKey: KEY, fetch, maxRetries: 0, ...options },
  );
  return { client, fetch };
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "x-request-id": "req-9" },
  });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("resolved");
    },
    (error: unknown) => error,
  );
}

afterEach(() => loadValidation.mockClear());

describe('validate: "request"', () => {
  it("throws a RequestValidationError before anything is sent, with every issue and where it is", async () => {
    const { client, fetch } = garage(() => json(200, { id: 7 }), { validate: "request" });
    const error = await rejection(
      client.updateCar("seven", { colour: "green", wings: 2 }, { dryRun: "yes" }),
    );
    expect(fetch).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toBeInstanceOf(LeadkitError);
    const failure = error as RequestValidationError;
    expect(failure.name).toBe("RequestValidationError");
    expect(failure.issues).toEqual([
      { message: "carId must be a number", path: ["carId"], in: "path" },
      { message: "dryRun must be a boolean", path: ["dryRun"], in: "query" },
      { message: 'colour must be one of "red", "blue"', path: ["colour"], in: "body" },
      { message: "wings is not allowed", path: ["wings"], in: "body" },
    ]);
    expect(failure.message).toBe(
      'PATCH https://api.garage.test/v1/cars/{carId} was not sent: the request does not match the spec: path: carId must be a number; query: dryRun must be a boolean; body: colour must be one of "red", "blue"; body: wings is not allowed',
    );
    expect(failure.attempts).toBe(0);
    expect(failure.method).toBe("PATCH");
  });

  it("sends a request that matches, once, and does not check the response", async () => {
    const { client, fetch } = garage(() => json(200, { nothing: "like the spec" }), { validate: "request" });
    await expect(client.updateCar(7, { colour: "red" })).resolves.toEqual({ nothing: "like the spec" });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("checks a required body even when none is given, and an absent query as an empty one", async () => {
    const { client, fetch } = garage(() => json(200, { id: 7 }), { validate: "request" });
    const error = (await rejection(client.updateCar(7, undefined))) as RequestValidationError;
    expect(error.issues).toEqual([{ message: "body must be an object", path: [], in: "body" }]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("never shows the API key, even when it is in the data (a property named after it)", async () => {
    const { client } = garage(() => json(200, { id: 7 }), { validate: "request" });
    const error = (await rejection(
      client.updateCar(7, { [KEY]: KEY, colour: KEY }),
    )) as RequestValidationError;
    expect(error.issues.map((issue) => issue.message)).toContain("[REDACTED] is not allowed");
    for (const text of [error.message, error.stack, JSON.stringify(error), String(error)])
      expect(text).not.toContain(KEY);
  });
});

describe('validate: "response"', () => {
  it("throws an InvalidResponseError with the issues when a 2xx body does not match", async () => {
    const { client } = garage(() => json(200, { name: "no id" }), { validate: "response" });
    const error = (await rejection(
      client.updateCar("not checked", { colour: "green" }),
    )) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.issues).toEqual([{ message: "id is required", path: ["id"] }]);
    expect(error.status).toBe(200);
    expect(error.requestId).toBe("req-9");
    expect(error.attempts).toBe(1);
    expect(error.message).toBe(
      "PATCH https://api.garage.test/v1/cars/not%20checked answered 200 with a body that does not match the spec: id is required",
    );
  });

  it("hands the issues and the response to onInvalidResponse instead, and resolves with the data", async () => {
    const seen: Array<[readonly ValidationIssue[], number]> = [];
    const onInvalidResponse = (issues: readonly ValidationIssue[], response: Response) =>
      void seen.push([issues, response.status]);
    const { client } = garage(() => json(200, { name: "no id" }), {
      validate: "response",
      onInvalidResponse,
    });
    await expect(client.updateCar(7, {})).resolves.toEqual({ name: "no id" });
    expect(seen).toEqual([[[{ message: "id is required", path: ["id"] }], 200]]);
  });

  it("picks the status's validator, else its range (2XX), else default", async () => {
    const { client } = garage(() => json(201, { name: "no id" }), { validate: "response" });
    const error = (await rejection(client.createCar({}))) as InvalidResponseError;
    expect(error.issues).toEqual([{ message: "id is required", path: ["id"] }]);
  });

  it("leaves error statuses to the API's error class", async () => {
    const { client } = garage(() => json(404, { message: "no such car" }), { validate: "both" });
    expect(await rejection(client.updateCar(7, {}))).toBeInstanceOf(GarageApiError);
  });
});

describe("the option", () => {
  it("is off by default: nothing is loaded or checked", async () => {
    const { client } = garage(() => json(200, {}));
    await expect(client.updateCar("seven", { wings: 2 })).resolves.toEqual({});
    expect(loadValidation).not.toHaveBeenCalled();
  });

  it("can be set per call, on or off, over the client's setting", async () => {
    const off = garage(() => json(200, {}), { validate: "both" });
    await expect(
      off.client.updateCar("seven", { wings: 2 }, undefined, { validate: false }),
    ).resolves.toEqual({});
    expect(loadValidation).not.toHaveBeenCalled();
    const on = garage(() => json(200, {}));
    expect(
      await rejection(on.client.updateCar("seven", {}, undefined, { validate: "request" })),
    ).toBeInstanceOf(RequestValidationError);
    expect(on.fetch).not.toHaveBeenCalled();
  });

  it("says which values it takes when given another", async () => {
    const { client, fetch } = garage(() => json(200, {}), { validate: "requests" });
    const error = await rejection(client.updateCar(7, {}));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(
      '`validate` must be "request", "response", "both" or false, not "requests".',
    );
    expect(fetch).not.toHaveBeenCalled();
  });
});
