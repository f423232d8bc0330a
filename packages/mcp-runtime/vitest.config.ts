import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module graph for all the test files (not a fresh one per file): on 2 cores, re-importing
    // the same libraries for every file cost more CPU than many of the tests. Every test restores
    // what it changes (env, globals, timers).
    isolate: false,
    include: ["test/**/*.test.ts"],
    // The packaging test packs the package and runs publint and attw on the tarball; the limit
    // guards against a hang on a loaded shared machine, it is not a speed budget.
    testTimeout: 300_000,
  },
});
