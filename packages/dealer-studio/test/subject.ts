// The Dealer Studio client as the shared suites (../../runtime/support) see it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { validators } from "@leadkit/dealer-studio-types/validate";
import type { ClientUnderTest } from "../../runtime/support/suites.js";
import { createDealerStudioClient, DealerStudioApiError, operationDefinitions } from "../src/index.js";

const require = createRequire(import.meta.url);

export const spec = JSON.parse(
  readFileSync(require.resolve("@leadkit/dealer-studio-types/openapi.json"), "utf8"),
);

export const subject: ClientUnderTest = {
  spec,
  operations: operationDefinitions,
  createClient: createDealerStudioClient,
  validators,
  ApiError: DealerStudioApiError,
};
