import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One module graph for all the test files (not a fresh one per file): on 2 cores, re-importing
    // the same libraries for every file cost more CPU than many of the tests. Every test restores
    // what it changes (env, globals, timers).
    isolate: false,
    include: ["test/**/*.test.ts"],
    // test/*.test-d.ts (type tests) are checked by the package's `typecheck` task: its tsconfig.json
    // includes test/, so running them through vitest's typecheck mode too would run tsc twice.
    // The packaging test packs the package and runs publint and attw on the tarball.
    testTimeout: 120_000,
  },
});
