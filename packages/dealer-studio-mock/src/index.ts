// Public entry of @leadkit/dealer-studio-mock, a mock of the Dealer Studio Public API for integration tests. The
// operation table is generated from the spec (src/generated/mock.gen.ts), the validators come
// from @leadkit/dealer-studio-types/validate, and everything else lives in @leadkit/mock-runtime. This package's
// own part is src/vendor.ts: what the spec cannot say about Dealer Studio.
import type { MockOptions, MockServer } from "@leadkit/mock-runtime";
import { type ListenOptions, startMock } from "@leadkit/mock-runtime/server";
import { type MockOperations, mockDefinition, mockSetup } from "./generated/mock.gen.js";
import { type Records, type VendorOptions, vendor } from "./vendor.js";

export type DealerStudioMockOptions = MockOptions<MockOperations, Records> & VendorOptions & ListenOptions;
export type DealerStudioMock = MockServer<MockOperations, Records>;

/**
 * Starts the Dealer Studio mock on 127.0.0.1 (a free port unless `port` is given). Resolves with
 * `{ url, requests, inject, override, reset, close }` and one property per collection
 * (`leads`); `url` includes the spec's base path, so it is the client's `baseUrl`.
 */
export function startDealerStudioMock(options: DealerStudioMockOptions = {}): Promise<DealerStudioMock> {
  return startMock<VendorOptions, MockOperations, Records>({ ...mockSetup, vendor }, options);
}

export type { Fault, FaultInjection, Overrides, RecordedRequest, Violation } from "@leadkit/mock-runtime";
export type { MockOperations } from "./generated/mock.gen.js";
export type { Records, VendorOptions } from "./vendor.js";
export { mockDefinition };
