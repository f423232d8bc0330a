import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The packaging test packs the package and runs publint and attw on the tarball.
    testTimeout: 120_000,
  },
});
