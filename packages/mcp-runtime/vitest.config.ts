import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The packaging test packs the package and runs publint and attw on the tarball; the limit
    // guards against a hang on a loaded shared machine, it is not a speed budget.
    testTimeout: 300_000,
  },
});
