// Public entry of @leadkit/mock-runtime: what each API's mock package (`@leadkit/<api>-mock`)
// builds its mock from. The operation table comes from @leadkit/codegen, the validators from
// the API's types package (`@leadkit/<api>-types/validate`), the vendor's wording from the mock
// package's `src/vendor.ts`; this package holds everything else. MSW handlers are the `./msw`
// entry, the command line the `./cli` entry.
import { createMockEngine, type MockOptions, type MockSetup } from "./engine.js";
import type { ListenOptions } from "./server.js";
import type { MockServer } from "./types.js";

export type {
  CollectionDefinition,
  Issue,
  MockDefinition,
  OperationDefinition,
  OperationValidators,
  ParameterDefinition,
  ResourceBinding,
  ResourceRole,
  ResponseDefinition,
  ScalarType,
  SecurityDefinition,
  SeedDefinition,
  StandardValidator,
  ValidatorTable,
} from "./definition.js";
export {
  createMockEngine,
  type MockAnswer,
  type MockEngine,
  type MockHttpRequest,
  type MockOptions,
  type MockSetup,
} from "./engine.js";
export type { Fault, FaultInjection } from "./faults.js";
export type { ListenOptions } from "./server.js";
export type {
  CollectionViews,
  MockControls,
  MockServer,
  Override,
  OverrideAnswer,
  OverrideRequest,
  Overrides,
  RecordedRequest,
} from "./types.js";
export { dottedPath, messageText, type RequestPart, type Violation } from "./validation.js";
export {
  type Answer,
  type AuthFailure,
  defineVendor,
  type OperationContext,
  type ParsedRequest,
  type StoredRecord,
  type VendorBehaviour,
  type VendorFlag,
} from "./vendor.js";

/**
 * Starts a mock over HTTP on 127.0.0.1; what each package's `start<Name>Mock` calls. node:http
 * is imported here, on first use, so this entry (and the MSW handlers built on it) also loads
 * in a browser.
 */
export async function startMock<VendorOptions, Operations, Records>(
  setup: MockSetup<VendorOptions>,
  options: MockOptions<Operations, Records> & VendorOptions & ListenOptions,
): Promise<MockServer<Operations, Records>> {
  const { listen } = await import("./server.js");
  return listen(createMockEngine<VendorOptions, Operations, Records>(setup, options), options);
}
