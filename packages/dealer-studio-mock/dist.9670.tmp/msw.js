// `@leadkit/dealer-studio-mock/msw`: the Dealer Studio mock as MSW request handlers, for tests without a port
// (vitest, jsdom, browsers): the same validation, state and faults as the server. msw 2.x is an
// optional peer dependency of this package; only this entry point needs it.
import { createMockEngine } from "@leadkit/mock-runtime";
import { createMswHandlers } from "@leadkit/mock-runtime/msw";
import { mockSetup } from "./generated/mock.gen.js";
import { vendor } from "./vendor.js";
/**
 * MSW handlers for the Dealer Studio API (spread them into `setupServer(...)` or `setupWorker(...)`), carrying
 * the mock's controls: `requests`, `inject`, `override`, `reset` and one property per collection.
 * They intercept the spec's server URL unless `baseUrl` says otherwise.
 */
export function dealerStudioHandlers(options = {}) {
  const engine = createMockEngine({ ...mockSetup, vendor }, options);
  return createMswHandlers(engine, options);
}
//# sourceMappingURL=msw.js.map
