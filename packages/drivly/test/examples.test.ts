// The README's example is examples/update-lead.ts, verbatim: this runs it against the contract
// server (success and the 400 branch) and checks the README still shows exactly this file.
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
