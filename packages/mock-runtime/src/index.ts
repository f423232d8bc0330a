// Public entry of @leadkit/mock-runtime: what each API's mock package (`@leadkit/<api>-mock`)
// builds its mock from. The operation table comes from @leadkit/codegen, the validators from
// the API's types package (`@leadkit/<api>-types/validate`), the vendor's wording from the mock
// package's `src/vendor.ts`; this package holds everything else. This entry is the engine and
// its types, and loads anywhere (a browser too); the HTTP server is the `./server` entry, MSW
// handlers the `./msw` entry, the command line the `./cli` entry.

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
