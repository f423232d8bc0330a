// Public entry of the types package. Everything here is generated from the spec; this file only
// chooses what is exported. The `paths`, `components` and `operations` interfaces come from
// openapi-typescript, the named aliases (one per component schema and per operation) from
// @leadkit/codegen.
export * from "./generated/api.gen.js";
export type * from "./generated/schema.gen.js";
