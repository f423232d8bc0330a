// The Drivly client as the shared suites (../../runtime/support) see it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { validators } from "@leadkit/drivly-types/validate";
import type { ClientUnderTest } from "../../runtime/support/suites.js";
import { createDrivlyClient, DrivlyApiError, operationDefinitions } from "../src/index.js";

const require = createRequire(import.meta.url);

export const spec = JSON.parse(readFileSync(require.resolve("@leadkit/drivly-types/openapi.json"), "utf8"));

export const subject: ClientUnderTest = {
  spec,
  operations: operationDefinitions,
  createClient: createDrivlyClient,
  validators,
  ApiError: DrivlyApiError,
};
