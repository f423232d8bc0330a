import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources of the runtime and the types: no build needed.
    alias: [
      { find: /^@leadkit\/drivly$/, replacement: source("./src/index.ts") },
      { find: /^@leadkit\/runtime$/, replacement: source("../runtime/src/index.ts") },
      { find: /^@leadkit\/drivly-types$/, replacement: source("../drivly-types/src/index.ts") },
    ],
  },
  test: {
    // One module graph for all the test files (not a fresh one per file): on 2 cores, re-importing
    // the same libraries for every file cost more CPU than many of the tests. Every test restores
    // what it changes (env, globals, timers).
    isolate: false,
    include: ["test/**/*.test.ts"],
    // test/*.test-d.ts (type tests) are checked by the package's `typecheck` task: its tsconfig.json
    // includes test/, so running them through vitest's typecheck mode too would run tsc twice.
    // The packaging test packs the package and runs publint and attw; the Node 24 test reruns the suite.
    testTimeout: 120_000,
  },
});
