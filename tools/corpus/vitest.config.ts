import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module graph for all the test files (not a fresh one per file): on 2 cores, re-importing
    // the same libraries for every file cost more CPU than many of the tests. Every test restores
    // what it changes (env, globals, timers).
    isolate: false,
    include: ["test/**/*.test.ts"],
    // The corpus is an end-to-end suite (`pnpm test:e2e`, or alone `pnpm test:corpus`): it installs
    // and builds a workspace copy.
    exclude: ["test/corpus/**"],
    // Adding the fixture API runs the Redocly CLI, the codegen and tsc: seconds each alone, and
    // a type-check by tsc took over a minute once, with all of `pnpm test` on the 2 cores.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
