import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module graph for all the test files (not a fresh one per file): on 2 cores, re-importing
    // the same libraries for every file cost more CPU than many of the tests. Every test restores
    // what it changes (env, globals, timers).
    isolate: false,
    include: ["test/**/*.test.ts"],
    // Every test shells out to the Redocly CLI; the end-to-end test installs and builds a copy of
    // the workspace (minutes on a 2-core machine).
    testTimeout: 120_000,
    hookTimeout: 900_000,
    // One file at a time: the end-to-end test alone keeps both cores of a small CI machine busy.
    fileParallelism: false,
  },
});
