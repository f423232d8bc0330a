import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module graph for all the test files (not a fresh one per file): on 2 cores, re-importing
    // the same libraries for every file cost more CPU than many of the tests. Every test restores
    // what it changes (env, globals, timers).
    isolate: false,
    include: ["test/**/*.test.ts"],
    // spec:diff diffs with the Redocly CLI (about half a second per call); the
    // publish test installs, builds and publishes the whole workspace twice.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
