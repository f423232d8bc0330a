// The README's example is examples/create-lead.ts, verbatim: this runs it against the contract
// server (success and the 422 branch) and checks the README still shows exactly this file.
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type ContractServer, startContractServer } from "../../runtime/support/contract-server.js";
import { API_KEY } from "../../runtime/support/suites.js";
import { spec } from "./subject.js";

const example = readFileSync(new URL("../examples/create-lead.ts", import.meta.url), "utf8");

describe("examples/create-lead.ts (the README example)", () => {
  let server: ContractServer;
  beforeAll(async () => {
    server = await startContractServer(spec);
    vi.stubEnv("DEALER_STUDIO_API_KEY", API_KEY);
    vi.stubEnv("DEALER_STUDIO_BASE_URL", server.url);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await server.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it("creates the lead with a request the spec accepts, once, and prints the result", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await import("../examples/create-lead.js");
    expect(server.violations()).toEqual([]);
    expect(server.count("createLead")).toBe(1);
    expect(log).toHaveBeenCalledWith("Created lead 123456 (lead cluster 654321)");
  });

  it("prints the field errors when Dealer Studio answers 422", async () => {
    server.reply({ status: 422, json: { phone: ["is invalid"], email: ["is taken", "is odd"] } });
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await import("../examples/create-lead.js");
    expect(error.mock.calls).toEqual([["phone: is invalid"], ["email: is taken, is odd"]]);
  });

  it("is the example the README shows, verbatim", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });
});
