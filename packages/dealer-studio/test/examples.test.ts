// The README's examples are examples/*.ts, verbatim: this runs them against the contract server
// (which validates and counts every request) and checks the README still shows exactly these files.
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

describe("examples/validate-form.ts (the README's validation example)", () => {
  const source = readFileSync(new URL("../examples/validate-form.ts", import.meta.url), "utf8");
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
  afterEach(() => vi.restoreAllMocks());
  const load = () => import("../examples/validate-form.js");
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return data;
  };
  const typed = {
    name: "Jane Citizen",
    email: "jane@example.com",
    phone: "0412345678",
    category: "General Enquiry",
  };

  it("sends a valid form's lead, checked both ways, and returns its id", async () => {
    const { submitLead } = await load();
    expect(await submitLead(form(typed))).toEqual({ id: 123456 });
    expect(server.count("createLead")).toBe(1);
    expect(server.violations()).toEqual([]);
  });

  it("returns a form's field errors without sending anything", async () => {
    const { submitLead } = await load();
    const { phone: _, ...noPhone } = typed;
    const result = await submitLead(form({ ...noPhone, category: "General enquiry" }));
    expect(result).toEqual({
      errors: [
        "lead.phone is required",
        expect.stringMatching(/^lead\.category must be one of "New Vehicle Enquiry", /),
      ],
    });
    expect(server.count("createLead")).toBe(1);
  });

  it("stops a bad CSV row in the client, before it is sent", async () => {
    const { importRow } = await load();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await importRow({
      email: "jane@example.com",
      phone: "0412345678",
      category: "Used",
      dealership_slug: "x",
    });
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/^body: lead\.category must be one of /));
    expect(server.count("createLead")).toBe(1);
  });

  it("is the example the README shows, verbatim", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${source}\`\`\``);
  });
});
