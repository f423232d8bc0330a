// Public entry of @leadkit/dealer-studio-mcp: the Dealer Studio Public API as an MCP server. The tools are generated
// from the spec (src/generated/tools.gen.ts); the server, its transports, the error mapping and
// the key masking live in @leadkit/mcp-runtime, the calls in @leadkit/dealer-studio. This file holds
// only what is Dealer Studio's own: its client, and the environment variables users set.
import { createDealerStudioClient, type DealerStudioClient } from "@leadkit/dealer-studio";
import type { ServerDefinition } from "@leadkit/mcp-runtime";
import { defaultBaseUrl, packageName, packageVersion, specTitle, tools } from "./generated/tools.gen.js";

/** The server `leadkit-dealer-studio-mcp` runs; give it to @leadkit/mcp-runtime to embed it elsewhere. */
export const definition: ServerDefinition<DealerStudioClient> = {
  packageName,
  packageVersion,
  specTitle,
  defaultBaseUrl,
  bin: "leadkit-dealer-studio-mcp",
  env: { apiKey: "DEALER_STUDIO_API_KEY", baseUrl: "DEALER_STUDIO_BASE_URL" },
  createClient: createDealerStudioClient,
  tools,
};

export { tools };
