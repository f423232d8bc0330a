// `@leadkit/drivly-mock/msw`: the Drivly mock as MSW request handlers, for tests without a port
// (vitest, jsdom, browsers): the same validation, state and faults as the server. msw 2.x is an
// optional peer dependency of this package; only this entry point needs it.
import { createMockEngine, type MockOptions } from "@leadkit/mock-runtime";
import { createMswHandlers, type MswMock, type MswOptions } from "@leadkit/mock-runtime/msw";
import { type MockOperations, mockSetup } from "./generated/mock.gen.js";
import { type Records, type VendorOptions, vendor } from "./vendor.js";

export type DrivlyHandlersOptions = MockOptions<MockOperations, Records> & VendorOptions & MswOptions;
export type DrivlyHandlers = MswMock<MockOperations, Records>;

/**
 * MSW handlers for the Drivly API (spread them into `setupServer(...)` or `setupWorker(...)`), carrying
 * the mock's controls: `requests`, `inject`, `override`, `reset` and one property per collection.
 * They intercept the spec's server URL unless `baseUrl` says otherwise.
 */
export function drivlyHandlers(options: DrivlyHandlersOptions = {}): DrivlyHandlers {
  const engine = createMockEngine<VendorOptions, MockOperations, Records>({ ...mockSetup, vendor }, options);
  return createMswHandlers(engine, options);
}
