import type { MockOptions, MockServer } from "@leadkit/mock-runtime";
import { type ListenOptions } from "@leadkit/mock-runtime/server";
import { type MockOperations, mockDefinition } from "./generated/mock.gen.js";
import { type Records, type VendorOptions } from "./vendor.js";
export type DealerStudioMockOptions = MockOptions<MockOperations, Records> & VendorOptions & ListenOptions;
export type DealerStudioMock = MockServer<MockOperations, Records>;
/**
 * Starts the Dealer Studio mock on 127.0.0.1 (a free port unless `port` is given). Resolves with
 * `{ url, requests, inject, override, reset, close }` and one property per collection
 * (`leads`); `url` includes the spec's base path, so it is the client's `baseUrl`.
 */
export declare function startDealerStudioMock(options?: DealerStudioMockOptions): Promise<DealerStudioMock>;
export type { Fault, FaultInjection, Overrides, RecordedRequest, Violation } from "@leadkit/mock-runtime";
export type { MockOperations } from "./generated/mock.gen.js";
export type { Records, VendorOptions } from "./vendor.js";
export { mockDefinition };
//# sourceMappingURL=index.d.ts.map
