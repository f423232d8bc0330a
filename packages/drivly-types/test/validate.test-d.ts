// Type tests of the validators: Standard Schema's InferOutput gives the generated body, query,
// parameter and response types, and `is` narrows to them.
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { describe, expectTypeOf, it } from "vitest";
import type {
  PayloadErrors,
  UpdateLeadPathParams,
  UpdateLeadQuery,
  UpdateLeadRequestBody,
  UpdateLeadResponse,
} from "../src/index.js";
import {
  updateLeadBody,
  type updateLeadParams,
  type updateLeadQuery,
  updateLeadResponse200,
  type updateLeadResponse404,
  type ValidationIssue,
  validators,
} from "../src/validate.js";

describe("the validators' types", () => {
  it("infer the spec's types through Standard Schema", () => {
    expectTypeOf<
      StandardSchemaV1.InferOutput<typeof updateLeadBody>
    >().toEqualTypeOf<UpdateLeadRequestBody>();
    expectTypeOf<StandardSchemaV1.InferInput<typeof updateLeadBody>>().toEqualTypeOf<UpdateLeadRequestBody>();
    expectTypeOf<StandardSchemaV1.InferOutput<typeof updateLeadQuery>>().toEqualTypeOf<UpdateLeadQuery>();
    expectTypeOf<
      StandardSchemaV1.InferOutput<typeof updateLeadParams>
    >().toEqualTypeOf<UpdateLeadPathParams>();
    expectTypeOf<
      StandardSchemaV1.InferOutput<typeof updateLeadResponse200>
    >().toEqualTypeOf<UpdateLeadResponse>();
    expectTypeOf<StandardSchemaV1.InferOutput<typeof updateLeadResponse404>>().toEqualTypeOf<PayloadErrors>();
  });

  it("validate synchronously to the value or the issues, and `is` narrows", () => {
    const result = updateLeadBody["~standard"].validate({});
    if (result.issues === undefined) expectTypeOf(result.value).toEqualTypeOf<UpdateLeadRequestBody>();
    else expectTypeOf(result.issues).toEqualTypeOf<readonly ValidationIssue[]>();
    const value: unknown = {};
    if (updateLeadBody.is(value)) expectTypeOf(value).toEqualTypeOf<UpdateLeadRequestBody>();
    expectTypeOf(updateLeadBody).toExtend<StandardSchemaV1>();
  });

  it("keep the typed validators in the table", () => {
    expectTypeOf(validators.updateLead.body).toEqualTypeOf(updateLeadBody);
    expectTypeOf(validators.updateLead.responses["200"]).toEqualTypeOf(updateLeadResponse200);
  });
});
