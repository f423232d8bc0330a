import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module graph for all the test files (not a fresh one per file): on 2 cores, re-importing
    // the same libraries for every file cost more CPU than many of the tests. Every test restores
    // what it changes (env, globals, timers).
    isolate: false,
    // At least two files at a time, where vitest's default on 2 cores is one: the browser tests
    // (a minute, mostly Chromium) and the rest run side by side instead of one after the other,
    // and this suite, among the last to start in `pnpm test`, no longer ends it alone on one core.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    include: ["test/**/*.test.ts"],
    // Builds shell out to `redocly build-docs` (1-2 s per API); browser tests drive Chromium.
    // Limits, not goals: in CI these run beside the install- and build-heavy suites on two
    // cores, where a test that takes 8 s alone has taken 94.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
