import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module graph for all the test files (not a fresh one per file): on 2 cores, re-importing
    // the same libraries for every file cost more CPU than many of the tests. Every test restores
    // what it changes (env, globals, timers).
    isolate: false,
    include: ["test/**/*.test.ts"],
    // Each test is well under a second alone; the built-command test starts node three times,
    // and on a machine shared by several builds that can take seconds.
    testTimeout: 30_000,
  },
});
