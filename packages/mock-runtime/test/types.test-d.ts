// What the compiler sees of overrides: an answer must be a status the operation documents,
// with that status's body type; the request arrives typed by the spec.
import { describe, expectTypeOf, it } from "vitest";
import type { Override, OverrideAnswer, Overrides } from "../src/index.js";
import type { GarageOperations } from "./fixture.js";

type Create = OverrideAnswer<GarageOperations["createCar"]>;
type Delete = OverrideAnswer<GarageOperations["deleteCar"]>;

describe("override types", () => {
  it("accept exactly the documented answers", () => {
    const created: Create = { status: 201, body: { id: 1, name: "A" } };
    const refused: Create = { status: 401, body: { error: "no" } };
    const empty: Delete = { status: 204 };
    void [created, refused, empty];
    // @ts-expect-error the 201 body's id is a number in the spec
    const wrongBody: Create = { status: 201, body: { id: "1", name: "A" } };
    // @ts-expect-error 500 is not a status createCar documents
    const wrongStatus: Create = { status: 500, body: { error: "x" } };
    void [wrongBody, wrongStatus];
  });

  it("type the request from the spec and check the returned answer", () => {
    const override: Override<GarageOperations["createCar"]> = ({ body }) => {
      expectTypeOf(body.name).toEqualTypeOf<string>();
      return { status: 201, body: { id: 1, name: body.name } };
    };
    const overrides: Overrides<GarageOperations> = {
      createCar: override,
      deleteCar: ({ params }) => {
        expectTypeOf(params.carId).toEqualTypeOf<string>();
        return undefined;
      },
    };
    void overrides;
    // @ts-expect-error there is no operation createTruck
    const unknown: Overrides<GarageOperations> = { createTruck: () => undefined };
    void unknown;
  });
});
