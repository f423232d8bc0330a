// The README's examples are examples/*.ts, verbatim: this runs them against the contract server
// (which validates and counts every request) and checks the README still shows exactly these files.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type ContractServer, startContractServer } from "../../runtime/support/contract-server.js";
import { API_KEY } from "../../runtime/support/suites.js";
import { spec } from "./subject.js";

const example = readFileSync(new URL("../examples/update-lead.ts", import.meta.url), "utf8");

describe("examples/update-lead.ts (the README example)", () => {
  let server: ContractServer;
  beforeAll(async () => {
    server = await startContractServer(spec);
    vi.stubEnv("DRIVLY_API_KEY", API_KEY);
    vi.stubEnv("DRIVLY_BASE_URL", server.url);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await server.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it("updates the lead with a request the spec accepts, and prints the result", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await import("../examples/update-lead.js");
    expect(server.violations()).toEqual([]);
    expect(server.requests.at(-1)).toMatchObject({ operationId: "updateLead", url: "/leads/1042?depth=0" });
    expect(log).toHaveBeenCalledWith("Updated successfully. Maria Gonzalez: Actively Communicating");
  });

  it("prints Payload's messages when Drivly answers 400", async () => {
    server.reply({
      status: 400,
      json: { errors: [{ name: "ValidationError", message: "The following field is invalid: notes" }] },
    });
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await import("../examples/update-lead.js");
    expect(error).toHaveBeenCalledWith("The following field is invalid: notes");
  });

  it("is the example the README shows, verbatim", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });
});

describe("examples/validate-patch.ts (the README's validation example)", () => {
  const source = readFileSync(new URL("../examples/validate-patch.ts", import.meta.url), "utf8");
  let server: ContractServer;
  beforeAll(async () => {
    server = await startContractServer(spec);
    vi.stubEnv("DRIVLY_API_KEY", API_KEY);
    vi.stubEnv("DRIVLY_BASE_URL", server.url);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await server.close();
  });
  afterEach(() => vi.restoreAllMocks());
  const load = () => import("../examples/validate-patch.js");
  const createdAt = "2024-05-02T09:03:47.120Z";
  const form = (fields: Array<[string, string]>) => {
    const data = new FormData();
    for (const [name, value] of fields) data.append(name, value);
    return data;
  };

  it("sends a valid form's patch, checked both ways, and returns the updated lead", async () => {
    const { saveLead } = await load();
    const result = await saveLead(
      "1042",
      form([
        ["firstName", "Maria"],
        ["status", "On Hold"],
        ["timeToPurchase", "Asap"],
      ]),
      createdAt,
    );
    expect(result).toMatchObject({ lead: { firstName: "Maria" } });
    expect(server.count("updateLead")).toBe(1);
    expect(server.violations()).toEqual([]);
  });

  it("returns a form's field errors (an enum in a casing Drivly does not list) without sending anything", async () => {
    const { saveLead } = await load();
    const result = await saveLead(
      "1042",
      form([
        ["firstName", "Maria"],
        ["timeToPurchase", "ASAp"],
      ]),
      createdAt,
    );
    expect(result).toEqual({
      errors: [expect.stringMatching(/^timeToPurchase\[0\] must be one of "ASAP", "This week", /)],
    });
    expect(server.count("updateLead")).toBe(1);
  });

  it("stops a plain-JS caller's bad patch in the client, before it is sent", async () => {
    const { markLost } = await load();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await markLost("1042", { createdAt, updatedAt: createdAt });
    expect(error).toHaveBeenCalledWith(
      'body: processStatuses must be one of "Qualified Lead", "Actively Communicating", "First Communication Attempt (phone and text)", "Second Communication Attempt", "On Hold", "Lost" or null',
    );
    expect(server.count("updateLead")).toBe(1);
  });

  it("is the example the README shows, verbatim", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${source}\`\`\``);
  });
});
