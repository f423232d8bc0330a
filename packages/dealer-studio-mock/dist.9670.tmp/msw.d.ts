import { type MockOptions } from "@leadkit/mock-runtime";
import { type MswMock, type MswOptions } from "@leadkit/mock-runtime/msw";
import { type MockOperations } from "./generated/mock.gen.js";
import { type Records, type VendorOptions } from "./vendor.js";
export type DealerStudioHandlersOptions = MockOptions<MockOperations, Records> & VendorOptions & MswOptions;
export type DealerStudioHandlers = MswMock<MockOperations, Records>;
/**
 * MSW handlers for the Dealer Studio API (spread them into `setupServer(...)` or `setupWorker(...)`), carrying
 * the mock's controls: `requests`, `inject`, `override`, `reset` and one property per collection.
 * They intercept the spec's server URL unless `baseUrl` says otherwise.
 */
export declare function dealerStudioHandlers(options?: DealerStudioHandlersOptions): DealerStudioHandlers;
//# sourceMappingURL=msw.d.ts.map
