import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module graph for all the test files (not a fresh one per file): on 2 cores, re-importing
    // the same libraries for every file cost more CPU than many of the tests. Every test restores
    // what it changes (env, globals, timers).
    isolate: false,
    include: ["test/**/*.test.ts"],
    // Installs and builds temp copies of the whole workspace (minutes on a 2-core machine).
    testTimeout: 900_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
