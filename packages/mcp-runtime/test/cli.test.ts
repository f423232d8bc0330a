// The command line's own errors: each a short message and exit code 2, never a stack, and the
// help that names the environment variables.
import { describe, expect, it } from "vitest";
import { main, type ServerDefinition } from "../src/index.js";

const definition: ServerDefinition<unknown> = {
  packageName: "@leadkit/garage-mcp",
  packageVersion: "1.2.3",
  specTitle: "Garage API",
  defaultBaseUrl: "https://api.garage.example/v1",
  bin: "leadkit-garage-mcp",
  env: { apiKey: "GARAGE_API_KEY", baseUrl: "GARAGE_BASE_URL" },
  createClient: () => ({}),
  tools: [],
};

async function run(argv: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(definition, {
    argv,
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe("leadkit-<api>-mcp", () => {
  it("prints its help with the environment variables and an MCP client configuration", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("GARAGE_API_KEY\n      your API key");
    expect(stdout).toContain("GARAGE_BASE_URL");
    expect(stdout).toContain('"args": ["-y", "@leadkit/garage-mcp"]');
  });

  it("prints its version", async () => {
    expect(await run(["--version"])).toEqual({ code: 0, stdout: "1.2.3\n", stderr: "" });
  });

  it.each([
    [["--bogus"], "Unknown option '--bogus'"],
    [["--port", "80"], "--port needs --http."],
    [["--http", "--port", "http"], '--port must be a whole number of 0 or more, not "http".'],
    [["--http", "--port", "70000"], "--port must be at most 65535, not 70000."],
    [["--timeout-ms=-1"], '--timeout-ms must be a whole number of 0 or more, not "-1".'],
    [["--timeout-ms", "soon"], '--timeout-ms must be a whole number of 0 or more, not "soon".'],
    [["--base-url", "ftp://example.com"], '--base-url must be an http(s) URL, not "ftp://example.com".'],
    [["--base-url", "example.com"], '--base-url must be an absolute http(s) URL, not "example.com".'],
    [["--tool", "nope"], "Unknown tool: nope."],
  ])("refuses %j with exit code 2: %s", async (argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(`leadkit-garage-mcp: ${message}`);
    expect(stderr).toContain("Run `leadkit-garage-mcp --help` for the options.");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses a bad base URL from the environment, naming the variable", async () => {
    const { code, stderr } = await run([], { GARAGE_BASE_URL: "not a url" });
    expect(code).toBe(2);
    expect(stderr).toContain('GARAGE_BASE_URL must be an absolute http(s) URL, not "not a url".');
  });
});
