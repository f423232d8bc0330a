// Public entry of @leadkit/drivly-mcp: the Drivly commerce API as an MCP server. The tools are generated
// from the spec (src/generated/tools.gen.ts); the server, its transports, the error mapping and
// the key masking live in @leadkit/mcp-runtime, the calls in @leadkit/drivly. This file holds
// only what is Drivly's own: its client, and the environment variables users set.
import { createDrivlyClient, type DrivlyClient } from "@leadkit/drivly";
import type { ServerDefinition } from "@leadkit/mcp-runtime";
import { defaultBaseUrl, packageName, packageVersion, specTitle, tools } from "./generated/tools.gen.js";

/** The server `leadkit-drivly-mcp` runs; give it to @leadkit/mcp-runtime to embed it elsewhere. */
export const definition: ServerDefinition<DrivlyClient> = {
  packageName,
  packageVersion,
  specTitle,
  defaultBaseUrl,
  bin: "leadkit-drivly-mcp",
  env: { apiKey: "DRIVLY_API_KEY", baseUrl: "DRIVLY_BASE_URL" },
  createClient: createDrivlyClient,
  tools,
};

export { tools };
