// The shared mock suite (../../mock-runtime/support/suites.ts) on this API's spec: every request
// example accepted, every answer conforming (judged by openapi-backend), 404/405 and auth, each
// fault as the leadkit client meets it, the MSW handlers, and the built bin.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import * as client from "@leadkit/dealer-studio";
import { describeMock } from "../../mock-runtime/support/suites.js";
import { mockDefinition, startDealerStudioMock } from "../src/index.js";
import { dealerStudioHandlers } from "../src/msw.js";

const require = createRequire(import.meta.url);

describeMock({
  spec: JSON.parse(readFileSync(require.resolve("@leadkit/dealer-studio-types/openapi.json"), "utf8")),
  definition: mockDefinition,
  start: startDealerStudioMock,
  handlers: dealerStudioHandlers,
  packageDir: fileURLToPath(new URL("..", import.meta.url)),
  bin: "leadkit-dealer-studio-mock",
  client: {
    create: client.createDealerStudioClient,
    ApiError: client.DealerStudioApiError,
    ConnectionError: client.ConnectionError,
    TimeoutError: client.TimeoutError,
    InvalidResponseError: client.InvalidResponseError,
  },
});
