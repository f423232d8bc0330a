import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // test/*.test-d.ts (type tests) are checked by the package's `typecheck` task: its tsconfig.json
    // includes test/, so running them through vitest's typecheck mode too would run tsc twice.
    // The packaging test packs the package and runs publint and attw on the tarball.
    testTimeout: 120_000,
  },
});
