import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module graph for all the test files (not a fresh one per file): on 2 cores, re-importing
    // the same libraries for every file cost more CPU than many of the tests. Every test restores
    // what it changes (env, globals, timers).
    isolate: false,
    include: ["test/**/*.test.ts"],
    // Tests run the codegen (and, for the parity test, the Redocly CLI) for real: seconds each,
    // many times that on this 2-core machine when every engineer's tests run at once.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
