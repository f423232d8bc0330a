// A made-up API for the runtime's own tests ("garage": create, read, update, delete and list
// cars below a `/v2` base path, bearer auth), with hand-written Standard Schema validators.
// The real APIs' mocks are tested in their packages with their generated table and validators.
import type { Issue, MockDefinition, StandardValidator, ValidatorTable } from "../src/index.js";

type Check = (value: unknown) => Issue[];

function validator(check: Check): StandardValidator {
  return {
    "~standard": {
      validate: (value: unknown) => {
        const issues = check(value);
        return issues.length === 0 ? { value } : { issues };
      },
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const COLOURS = ["red", "blue", "green"];

/** A car: `name` (string, required), `colour` (one of COLOURS), `doors` (integer). */
function carIssues(value: unknown, prefix: string[], requireName: boolean): Issue[] {
  const at = (key: string) => [...prefix, key];
  const label = (key: string) => at(key).join(".");
  if (!isObject(value)) return [{ message: `${prefix.join(".") || "body"} must be an object`, path: prefix }];
  const issues: Issue[] = [];
  if (requireName && value.name === undefined)
    issues.push({ message: `${label("name")} is required`, path: at("name") });
  if (value.name !== undefined && typeof value.name !== "string")
    issues.push({ message: `${label("name")} must be a string`, path: at("name") });
  if (value.colour !== undefined && !COLOURS.includes(value.colour as string))
    issues.push({ message: `${label("colour")} must be one of "red", "blue", "green"`, path: at("colour") });
  if (value.doors !== undefined && !Number.isInteger(value.doors))
    issues.push({ message: `${label("doors")} must be an integer`, path: at("doors") });
  return issues;
}

const car = validator((value) => carIssues(value, [], true));
const patch = validator((value) => carIssues(value, [], false));
const idParams = validator((value) =>
  isObject(value) && typeof value.carId === "string" && /^\d+$/.test(value.carId)
    ? []
    : [{ message: "carId must match the pattern /^\\d+$/", path: ["carId"] }],
);
const listQuery = validator((value) => {
  const query = value as Record<string, unknown>;
  const issues: Issue[] = [];
  if (query.limit !== undefined && !Number.isInteger(query.limit))
    issues.push({ message: "limit must be an integer", path: ["limit"] });
  if (
    query.colour !== undefined &&
    !(Array.isArray(query.colour) && query.colour.every((c) => COLOURS.includes(c)))
  )
    issues.push({ message: 'colour must be an array of "red", "blue", "green"', path: ["colour"] });
  return issues;
});
const error = validator((value) =>
  isObject(value) && typeof value.error === "string" ? [] : [{ message: "body must have error", path: [] }],
);
const carResponse = validator((value) => {
  const issues = carIssues(value, [], true);
  if (isObject(value) && !Number.isInteger(value.id))
    issues.push({ message: "id must be an integer", path: ["id"] });
  return issues;
});
const carList = validator((value) =>
  Array.isArray(value)
    ? value.flatMap((item, index) =>
        carIssues(item, [], true).map((issue) => ({ ...issue, path: [index, ...(issue.path ?? [])] })),
      )
    : [{ message: "body must be an array", path: [] }],
);

const EXAMPLE_CAR = { id: 7, name: "Corolla", colour: "red", doors: 4 };
const unauthorized = { mediaType: "application/json", example: { error: "Unauthorized" } };
const invalid = { mediaType: "application/json", example: { error: "Invalid" } };
const notFound = { mediaType: "application/json", example: { error: "Not found" } };

export const definition: MockDefinition = {
  api: "garage",
  title: "Garage API",
  specVersion: "2.1.0",
  defaultBaseUrl: "https://garage.example.test/v2",
  basePath: "/v2",
  security: { kind: "bearer", name: "authorization", scheme: "bearerAuth" },
  collections: { cars: { property: "cars", idField: "id", idType: "integer" } },
  seeds: [{ collection: "cars", id: 7, operation: "getCar", status: "200" }],
  operations: {
    createCar: {
      operationId: "createCar",
      method: "POST",
      path: "/cars",
      pathParams: [],
      queryParams: [],
      body: { mediaType: "application/json", required: true },
      secured: true,
      successStatus: "201",
      responses: {
        "201": { mediaType: "application/json", example: EXAMPLE_CAR },
        "401": unauthorized,
        "422": invalid,
      },
      requestExamples: [{ name: "example", value: { name: "Corolla", colour: "red", doors: 4 } }],
      parameterExamples: {},
      resource: { collection: "cars", role: "create" },
    },
    listCars: {
      operationId: "listCars",
      method: "GET",
      path: "/cars",
      pathParams: [],
      queryParams: [
        { name: "limit", type: "integer", required: false },
        { name: "colour", type: "array", items: "string", required: false },
      ],
      secured: true,
      successStatus: "200",
      responses: { "200": { mediaType: "application/json", example: [EXAMPLE_CAR] }, "401": unauthorized },
      requestExamples: [],
      parameterExamples: { limit: 10 },
      resource: { collection: "cars", role: "list" },
    },
    getCar: {
      operationId: "getCar",
      method: "GET",
      path: "/cars/{carId}",
      pathParams: [{ name: "carId", type: "string", required: true }],
      queryParams: [],
      secured: true,
      successStatus: "200",
      responses: {
        "200": { mediaType: "application/json", example: EXAMPLE_CAR, examples: { red: EXAMPLE_CAR } },
        "401": unauthorized,
        "404": notFound,
      },
      requestExamples: [],
      parameterExamples: { carId: "7" },
      resource: { collection: "cars", role: "read", idParam: "carId" },
    },
    updateCar: {
      operationId: "updateCar",
      method: "PATCH",
      path: "/cars/{carId}",
      pathParams: [{ name: "carId", type: "string", required: true }],
      queryParams: [],
      body: { mediaType: "application/json", required: true },
      secured: true,
      successStatus: "200",
      responses: {
        "200": { mediaType: "application/json", example: EXAMPLE_CAR },
        "401": unauthorized,
        "404": notFound,
        "422": invalid,
      },
      requestExamples: [{ name: "example", value: { colour: "blue" } }],
      parameterExamples: { carId: "7" },
      resource: { collection: "cars", role: "update", idParam: "carId" },
    },
    deleteCar: {
      operationId: "deleteCar",
      method: "DELETE",
      path: "/cars/{carId}",
      pathParams: [{ name: "carId", type: "string", required: true }],
      queryParams: [],
      secured: true,
      successStatus: "204",
      responses: { "204": {}, "403": { mediaType: "application/json", example: { error: "Forbidden" } } },
      requestExamples: [],
      parameterExamples: { carId: "7" },
      resource: { collection: "cars", role: "delete", idParam: "carId" },
    },
    health: {
      operationId: "health",
      method: "GET",
      path: "/health",
      pathParams: [],
      queryParams: [],
      secured: false,
      successStatus: "200",
      responses: { "200": { mediaType: "application/json", example: { ok: true } } },
      requestExamples: [],
      parameterExamples: {},
    },
  },
};

export const validators: ValidatorTable = {
  createCar: { body: car, responses: { "201": carResponse, "401": error, "422": error } },
  listCars: { query: listQuery, responses: { "200": carList, "401": error } },
  getCar: { params: idParams, responses: { "200": carResponse, "401": error, "404": error } },
  updateCar: { params: idParams, body: patch, responses: { "200": carResponse, "401": error, "404": error } },
  deleteCar: { params: idParams, responses: { "403": error } },
  health: { responses: {} },
};

/** The operations as openapi-typescript would type them, for the override type tests. */
export interface GarageOperations {
  createCar: {
    requestBody: { content: { "application/json": { name: string; colour?: "red" | "blue" | "green" } } };
    responses: {
      201: { content: { "application/json": { id: number; name: string } } };
      401: { content: { "application/json": { error: string } } };
    };
  };
  deleteCar: {
    parameters: { path: { carId: string } };
    responses: { 204: { content?: never } };
  };
}

export const API_KEY = "garage-test-key-0001";
export const AUTH = { authorization: `Bearer ${API_KEY}` };
