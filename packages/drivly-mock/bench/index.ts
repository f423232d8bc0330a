// `pnpm bench`: requests per second the Drivly mock serves on loopback, against a bare node:http server
// answering the same status with a fixed body, in the same run. Runs the built package (dist).
import { fileURLToPath } from "node:url";
import { runMockBench } from "../../mock-runtime/support/bench.js";
import { mockDefinition } from "../src/generated/mock.gen.js";

await runMockBench({
  title: "@leadkit/drivly-mock",
  definition: mockDefinition,
  entry: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
  start: "startDrivlyMock",
});
