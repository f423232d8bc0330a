import { startMock } from "@leadkit/mock-runtime/server";
import { mockDefinition, mockSetup } from "./generated/mock.gen.js";
import { vendor } from "./vendor.js";
/**
 * Starts the Dealer Studio mock on 127.0.0.1 (a free port unless `port` is given). Resolves with
 * `{ url, requests, inject, override, reset, close }` and one property per collection
 * (`leads`); `url` includes the spec's base path, so it is the client's `baseUrl`.
 */
export function startDealerStudioMock(options = {}) {
  return startMock({ ...mockSetup, vendor }, options);
}
export { mockDefinition };
//# sourceMappingURL=index.js.map
