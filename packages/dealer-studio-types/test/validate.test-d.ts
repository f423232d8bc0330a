// Type tests of the validators: Standard Schema's InferOutput gives the generated body and
// response types, and `is` narrows to them.
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { describe, expectTypeOf, it } from "vitest";
import type { CreateLeadRequestBody, CreateLeadResponse, ValidationErrors } from "../src/index.js";
import {
  createLeadBody,
  type createLeadResponse201,
  type createLeadResponse422,
  validators,
} from "../src/validate.js";

describe("the validators' types", () => {
  it("infer the spec's types through Standard Schema", () => {
    expectTypeOf<
      StandardSchemaV1.InferOutput<typeof createLeadBody>
    >().toEqualTypeOf<CreateLeadRequestBody>();
    expectTypeOf<
      StandardSchemaV1.InferOutput<typeof createLeadResponse201>
    >().toEqualTypeOf<CreateLeadResponse>();
    expectTypeOf<
      StandardSchemaV1.InferOutput<typeof createLeadResponse422>
    >().toEqualTypeOf<ValidationErrors>();
  });

  it("narrow with `is`, and keep their types in the table", () => {
    const value: unknown = {};
    if (createLeadBody.is(value)) expectTypeOf(value).toEqualTypeOf<CreateLeadRequestBody>();
    expectTypeOf(validators.createLead.body).toEqualTypeOf(createLeadBody);
    // @ts-expect-error createLead has no path parameters, so no params validator
    validators.createLead.params;
  });
});
