// The corpus's call planner (what it calls, with which arguments, and what it leaves out and
// why) and the contract server's judgement of a vendor's own request example, on a small spec
// shaped like the cases GitHub's description has.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ContractServer,
  startContractServer,
} from "../../../packages/runtime/support/contract-server.js";
import type { OpenApiSpec } from "../../../packages/runtime/support/spec.js";
import { type Definition, planCalls } from "../src/index.js";

const ok = { "200": { description: "OK", content: { "application/json": { example: { ok: true } } } } };
const spec: OpenApiSpec = {
  paths: {
    // declared in another order than the path template's, with an enum
    "/orgs/{org}/packages/{package_type}": {
      get: {
        operationId: "getPackage",
        parameters: [
          {
            name: "package_type",
            in: "path",
            required: true,
            schema: { type: "string", enum: ["npm", "maven"] },
          },
          { name: "org", in: "path", required: true, schema: { type: "string" } },
        ],
        responses: ok,
      },
    },
    // an ID or a name: "1" would match both branches of the oneOf
    "/workflows/{workflow_id}": {
      get: {
        operationId: "getWorkflow",
        parameters: [
          {
            name: "workflow_id",
            in: "path",
            required: true,
            schema: { oneOf: [{ type: "integer" }, { type: "string" }] },
          },
        ],
        responses: ok,
      },
    },
    // a pattern no made-up value meets
    "/versions/{version}": {
      get: {
        operationId: "getVersion",
        parameters: [
          {
            name: "version",
            in: "path",
            required: true,
            schema: { type: "string", pattern: "^\\d+\\.\\d+$" },
          },
        ],
        responses: ok,
      },
    },
    // the first named example has no value, only a summary
    "/access": {
      patch: {
        operationId: "updateAccess",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", properties: { ids: { type: "array", items: { type: "integer" } } } },
              examples: { "204": { summary: "no value" }, add: { value: { ids: [1, 2] } } },
            },
          },
        },
        responses: ok,
      },
    },
  },
};
const definition = (operationId: string, method: string, path: string, pathParams: string[]): Definition => ({
  operationId,
  method,
  path,
  pathParams,
  queryParams: [],
  returnsData: true,
});
const definitions: Record<string, Definition> = {
  getPackage: definition("getPackage", "GET", "/orgs/{org}/packages/{package_type}", ["org", "package_type"]),
  getWorkflow: definition("getWorkflow", "GET", "/workflows/{workflow_id}", ["workflow_id"]),
  getVersion: definition("getVersion", "GET", "/versions/{version}", ["version"]),
  updateAccess: definition("updateAccess", "PATCH", "/access", []),
};

describe("planCalls", () => {
  const { calls, skipped } = planCalls(spec, definitions);
  const call = (method: string) => calls.find((entry) => entry.method === method);

  it("passes path parameters in the method's order, not the order they are declared in", () => {
    expect(call("getPackage")?.args.slice(0, 2)).toEqual(["1", "npm"]);
  });

  it("gives a union path parameter a value only one branch accepts", () => {
    expect(call("getWorkflow")?.args[0]).toBe("example");
  });

  it("leaves out, and says why, an operation whose path parameter needs a value it has no example of", () => {
    expect(call("getVersion")).toBeUndefined();
    expect(skipped).toEqual([
      {
        method: "getVersion",
        route: "GET /versions/{version}",
        why: "no example for the path parameter version, which its schema constrains (pattern or length)",
      },
    ]);
  });

  it("sends the first request example that has a value", () => {
    expect(call("updateAccess")?.args[0]).toEqual({ ids: [1, 2] });
    expect(call("updateAccess")?.requestExample).toEqual({
      method: "PATCH",
      path: "/access",
      mediaType: "application/json",
      value: { ids: [1, 2] },
    });
  });
});

describe("the contract server's bodyProblems: a vendor's example judged as a JSON body is", () => {
  let server: ContractServer;
  beforeAll(async () => {
    server = await startContractServer(spec, { operations: definitions });
  });
  afterAll(() => server.close());

  it("clean when it conforms, and its problems when it breaks the schema, without coercion", () => {
    expect(server.bodyProblems("PATCH", "/access", "application/json", { ids: [1, 2] })).toEqual([]);
    // A form field would be coerced from "1"; a JSON body is not.
    expect(server.bodyProblems("PATCH", "/access", "application/json", { ids: ["1"] })).toEqual([
      "/requestBody/ids/0 must be integer",
    ]);
    expect(server.bodyProblems("PATCH", "/access", "text/plain", { ids: ["1"] })).toEqual([]);
  });
});
