// Every media type case, end to end: the fixture spec (fixtures/media/openapi.yaml) is added with
// new-api, generated and compiled like any API; its client calls each operation against the
// validating contract server, which parses each body by its Content-Type and checks it against
// the spec (openapi-backend for JSON, Ajv for the rest). What the server received and what the
// client returned are asserted per case, and a consumer file pins the methods' types.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type ContractServer,
  startContractServer,
} from "../../../packages/runtime/support/contract-server.js";
import type { OpenApiSpec } from "../../../packages/runtime/support/spec.js";
import { addAndBuild, type BuiltApi } from "../src/index.js";

const SPEC = fileURLToPath(new URL("../fixtures/media/openapi.yaml", import.meta.url));
const API_KEY = "zoo_test_key";

// biome-ignore lint/suspicious/noExplicitAny: the client is loaded from the built package at run time.
type Method = (...args: any[]) => Promise<any>;
/** The fixture's operations (the types test below pins their signatures). */
type Client = Record<
  | "createPet"
  | "getPetsByPetId"
  | "headPetsByPetId"
  | "deletePet"
  | "putPetsByPetIdPhoto"
  | "getPhoto"
  | "uploadDocuments"
  | "postNotes"
  | "sendEvent"
  | "getReport"
  | "getStatus",
  Method
>;

let api: BuiltApi;
let server: ContractServer;
let zoo: Client;
let definitions: Record<string, { operationId: string; method: string; path: string }>;

beforeAll(async () => {
  api = await addAndBuild(SPEC, "media-zoo");
  const module = (await import(join(api.clientDir, "dist", "index.js"))) as {
    createMediaZooClient: (options: object) => Client;
    operationDefinitions: typeof definitions;
  };
  definitions = module.operationDefinitions;
  server = await startContractServer(api.spec as unknown as OpenApiSpec, { operations: definitions });
  zoo = module.createMediaZooClient({ apiKey: API_KEY, baseUrl: server.url, retryDelayMs: 1 });
});
afterAll(async () => {
  await server?.close();
  api?.cleanup();
});
/** Violations of the requests since the last check: a negative test looks at its own. */
let seen = 0;
const newViolations = () => {
  const found = server.requests
    .slice(seen)
    .flatMap((request) =>
      request.violations.map((violation) => `${request.method} ${request.url}: ${violation}`),
    );
  seen = server.requests.length;
  return found;
};
afterEach(() => {
  expect(newViolations()).toEqual([]);
});

const last = () => server.requests.at(-1);

describe("request bodies", () => {
  it("JSON by default when an operation offers several media types", async () => {
    expect(await zoo.createPet({ name: "Rex", tags: ["good"] })).toEqual({ id: "p1", name: "Rex" });
    expect(last()?.headers["content-type"]).toBe("application/json");
    expect(last()?.body).toEqual({ name: "Rex", tags: ["good"] });
  });

  it("XML as text when the caller picks application/xml", async () => {
    await zoo.createPet("<pet><name>Rex</name></pet>", { contentType: "application/xml" });
    expect(last()?.headers["content-type"]).toBe("application/xml");
    expect(last()?.body).toBe("<pet><name>Rex</name></pet>");
  });

  it("a URL-encoded form, an array as one field per item", async () => {
    await zoo.createPet(
      { name: "Rex", tags: ["good", "dog"] },
      { contentType: "application/x-www-form-urlencoded" },
    );
    expect(last()?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(last()?.body).toEqual({ name: "Rex", tags: ["good", "dog"] });
  });

  it("refuses a media type the operation does not offer, naming the ones it does", async () => {
    const count = server.requests.length;
    await expect(zoo.createPet({ name: "Rex" }, { contentType: "text/csv" })).rejects.toThrow(
      'createPet: `contentType` must be one of application/json, application/xml, application/x-www-form-urlencoded, not "text/csv".',
    );
    expect(server.requests.length).toBe(count);
  });

  it("multipart: files, an array of files, an array of strings, JSON parts (by schema and by encoding)", async () => {
    const data = await zoo.uploadDocuments("p1", {
      file: new File(["hello"], "hello.txt", { type: "text/plain" }),
      extra: [new Blob(["a"]), new Blob(["bc"])],
      labels: ["vet", "2024"],
      meta: { title: "Vaccination", year: 2024 },
      pages: 3,
      note: "keep",
    });
    expect(data).toEqual({ stored: 2 });
    expect(last()?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(last()?.body).toEqual({
      file: { file: "hello.txt", type: "text/plain", size: 5 },
      // A Blob without a type is sent as application/octet-stream.
      extra: [
        { file: "blob", type: "application/octet-stream", size: 1 },
        { file: "blob", type: "application/octet-stream", size: 2 },
      ],
      labels: ["vet", "2024"],
      meta: { title: "Vaccination", year: 2024 },
      pages: "3",
      note: "keep",
    });
  });

  it("multipart: the validator catches a missing required file", async () => {
    const error = await zoo.uploadDocuments("p1", { labels: ["vet"] }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400 });
    expect(newViolations()).toEqual([
      "POST /pets/p1/documents: /requestBody must have required property 'file'",
    ]);
  });

  it("binary: bytes sent as the media type the spec names", async () => {
    expect(await zoo.putPetsByPetIdPhoto("p1", new Uint8Array([137, 80, 78, 71]))).toBeUndefined();
    expect(last()?.headers["content-type"]).toBe("application/octet-stream");
    expect(last()?.body).toEqual(new Uint8Array([137, 80, 78, 71]));
    await zoo.putPetsByPetIdPhoto("p1", new Blob([new Uint8Array([1, 2])], { type: "image/png" }));
    expect(last()?.headers["content-type"]).toBe("application/octet-stream");
    expect(last()?.body).toEqual(new Uint8Array([1, 2]));
  });

  it("text/plain in, text/plain out (not parsed as JSON)", async () => {
    expect(await zoo.postNotes("Rex was a good dog today.")).toBe("note 7: Rex was a good dog today.");
    expect(last()?.headers["content-type"]).toBe("text/plain");
    expect(last()?.body).toBe("Rex was a good dog today.");
  });

  it("a vendor +json type both ways", async () => {
    const event = { kind: "fed", at: "2024-05-01T08:00:00Z" };
    expect(await zoo.sendEvent(event)).toEqual(event);
    expect(last()?.headers["content-type"]).toBe("application/vnd.zoo.event+json");
    expect(last()?.body).toEqual(event);
  });

  it("the validator catches a vendor JSON body that breaks its schema", async () => {
    await zoo.sendEvent({ kind: "slept" }).catch(() => undefined);
    expect(newViolations()).toEqual([
      "POST /events: /requestBody/kind must be equal to one of the allowed values",
    ]);
  });
});

describe("responses", () => {
  it("asks for the preferred of several media types and parses it", async () => {
    expect(await zoo.getPetsByPetId("p1")).toEqual({ id: "p1", name: "Rex" });
    expect(last()?.headers.accept).toBe("application/json");
  });

  it("binary as a Blob", async () => {
    server.reply({
      status: 200,
      text: new Uint8Array([137, 80, 78, 71]),
      headers: { "content-type": "image/png" },
    });
    const photo = (await zoo.getPhoto("p1")) as Blob;
    expect(photo).toBeInstanceOf(Blob);
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
  });

  it("text from a 2XX range, as a string", async () => {
    expect(await zoo.getReport()).toBe("name,visits\nRex,3\n");
  });

  it("an operation documenting only `default` returns its body", async () => {
    expect(await zoo.getStatus()).toEqual({ ok: true });
  });

  it("no content: 204 and HEAD resolve with undefined; HEAD's 404 is an API error", async () => {
    expect(await zoo.deletePet("p1")).toBeUndefined();
    expect(await zoo.headPetsByPetId("p1")).toBeUndefined();
    expect(last()?.method).toBe("HEAD");
    server.reply({ status: 404 });
    await expect(zoo.headPetsByPetId("p2")).rejects.toMatchObject({ name: "MediaZooApiError", status: 404 });
  });

  it("an error body in application/problem+json is parsed and typed by status", async () => {
    server.reply({
      status: 422,
      text: JSON.stringify({ title: "Unknown event", status: 422 }),
      headers: { "content-type": "application/problem+json" },
    });
    const error = await zoo.sendEvent({ kind: "walked" }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 422, body: { title: "Unknown event", status: 422 } });
    expect((error as { hasStatus(status: number): boolean }).hasStatus(422)).toBe(true);
  });
});

describe("types", () => {
  it("each convenience method takes and returns the media type's type", async () => {
    const errors =
      await api.typeCheck(`import { createMediaZooClient, MediaZooApiError, type Pet } from "@leadkit/media-zoo";

const zoo = createMediaZooClient({ apiKey: "k" });
const pet: Pet = await zoo.createPet({ name: "Rex" });
await zoo.createPet("<pet/>", { contentType: "application/xml" });
await zoo.createPet({ name: "Rex", tags: ["a"] }, { contentType: "application/x-www-form-urlencoded" });
// @ts-expect-error XML is sent as text
await zoo.createPet({ name: "Rex" }, { contentType: "application/xml" });
// @ts-expect-error not a media type the operation offers
await zoo.createPet({ name: "Rex" }, { contentType: "text/csv" });
const same: Pet = await zoo.getPetsByPetId("p1");
const photo: Blob = await zoo.getPhoto("p1");
await zoo.putPetsByPetIdPhoto("p1", new Uint8Array([1]));
await zoo.uploadDocuments("p1", { file: new Blob([]), meta: { title: "t" }, labels: ["x"] });
// @ts-expect-error the file is required
await zoo.uploadDocuments("p1", { labels: ["x"] });
const note: string = await zoo.postNotes("hi");
const csv: string = await zoo.getReport();
const status: { ok: boolean } = await zoo.getStatus();
const nothing: undefined = await zoo.deletePet("p1");
const event = await zoo.sendEvent({ kind: "fed" });
const kind: "fed" | "walked" = event.kind;
try {
  await zoo.sendEvent({ kind: "walked" });
} catch (error) {
  if (error instanceof MediaZooApiError && error.hasStatus(422)) console.log(error.body.title);
}
console.log(pet, same, photo, note, csv, status, nothing, kind);
export {};
`);
    expect(errors).toBe("");
  });
});
