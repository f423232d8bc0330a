// renderTypes() skips openapi-typescript's second lint + bundle and calls its transform directly:
// its output must be openapiTS()'s, byte for byte, on the specs leadkit generates from (and on
// the constructs openapi-typescript treats specially: discriminators, path-item and parameter
// refs); and the two checks of the skipped pass that lint does not make still fail, clearly.
// The YAML copy of a large spec is written on a worker thread: the same text as on this one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  bundleApi,
  loadWorkspace,
  type OpenApiDocument,
  renderTypes,
  SpecPointerError,
} from "../src/index.js";
import { OPENAPI_TS_OPTIONS, withoutExamples } from "../src/targets/types.js";
import { specYaml, YAML_OPTIONS } from "../src/yaml.js";
import { FIXTURES } from "./helpers.js";

const REPO = join(FIXTURES, "../../../..");

async function bundled(configFile: string, name: string): Promise<OpenApiDocument> {
  const workspace = loadWorkspace(configFile);
  const api = workspace.apis.find((entry) => entry.name === name);
  if (api === undefined) throw new Error(`no API ${name}`);
  return bundleApi(workspace, api);
}

/** What openapiTS() writes for the same document (it may change its input: give it a copy). */
async function reference(document: OpenApiDocument): Promise<string> {
  const copy = structuredClone(withoutExamples(document));
  return astToString(await openapiTS(copy as unknown as Parameters<typeof openapiTS>[0], OPENAPI_TS_OPTIONS));
}

describe("renderTypes", () => {
  it.each<[string, () => Promise<OpenApiDocument>]>([
    ["Dealer Studio", () => bundled(join(REPO, "redocly.yaml"), "dealer-studio")],
    ["Drivly", () => bundled(join(REPO, "redocly.yaml"), "drivly")],
    ["the golden fixture", () => bundled(join(FIXTURES, "workspace/redocly.yaml"), "garage")],
    [
      "discriminators, shared path items and parameters, webhooks",
      async () => parse(readFileSync(join(FIXTURES, "openapi-typescript/polymorphism.yaml"), "utf8")),
    ],
  ])("writes what openapiTS() writes for %s", async (_name, load) => {
    const document = await load();
    expect(await renderTypes(withoutExamples(document), OPENAPI_TS_OPTIONS)).toBe(await reference(document));
  });

  it("refuses a Swagger 2.0 document, pointing at its version", async () => {
    const error = await renderTypes({ swagger: "2.0", info: { title: "t", version: "1" }, paths: {} }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SpecPointerError);
    expect((error as SpecPointerError).pointer).toBe("#/swagger");
    expect((error as Error).message).toBe(
      "openapi-typescript reads OpenAPI 3.0 and 3.1 only; this spec is Swagger 2.0.",
    );
  });

  it("refuses a $ref outside components, paths and webhooks, pointing at the $ref", async () => {
    const document = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/cars": {
          get: {
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { schema: { $ref: "#/x-shapes/Car" } } },
              },
            },
          },
        },
      },
      "x-shapes": { Car: { type: "object" } },
    };
    const error = await renderTypes(document).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpecPointerError);
    expect((error as SpecPointerError).pointer).toBe(
      "#/paths/~1cars/get/responses/200/content/application~1json/schema",
    );
    expect((error as Error).message).toContain("`$ref: #/x-shapes/Car`");
  });
});

describe("specYaml", () => {
  it("writes the same text on a worker thread as on this one", async () => {
    const document = await bundled(join(REPO, "redocly.yaml"), "drivly");
    const { stringify } = await import("yaml");
    const here = await specYaml(document);
    expect(here).toBe(stringify(document, YAML_OPTIONS));
    // A threshold of 0 sends every document to the worker.
    expect(await specYaml(document, 0)).toBe(here);
  });
});
