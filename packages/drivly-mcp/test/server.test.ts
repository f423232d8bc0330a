// @leadkit/drivly-mcp as MCP clients see it: the built `leadkit-drivly-mcp` driven by the MCP SDK's
// own client (../../mcp-runtime/support/suite.ts), and the README's configuration and tool call
// checked against a real run.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { operationDefinitions } from "@leadkit/drivly";
import { describeReadme } from "../../mcp-runtime/support/readme.js";
import { describeMcpServer, type McpServerUnderTest } from "../../mcp-runtime/support/suite.js";

const require = createRequire(import.meta.url);

const subject: McpServerUnderTest = {
  bin: fileURLToPath(new URL("../dist/cli.js", import.meta.url)),
  spec: JSON.parse(readFileSync(require.resolve("@leadkit/drivly-types/openapi.json"), "utf8")),
  operations: operationDefinitions,
  env: { apiKey: "DRIVLY_API_KEY", baseUrl: "DRIVLY_BASE_URL" },
};

describeMcpServer(subject);
describeReadme(subject, {
  packageName: "@leadkit/drivly-mcp",
  readme: fileURLToPath(new URL("../README.md", import.meta.url)),
});
