import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests run the codegen (and, for the parity test, the Redocly CLI) for real: seconds each,
    // many times that on this 2-core machine when every engineer's tests run at once.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
