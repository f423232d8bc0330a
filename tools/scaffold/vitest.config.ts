import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Every test shells out to the Redocly CLI; the end-to-end test installs and builds a copy of
    // the workspace (minutes on a 2-core machine).
    testTimeout: 120_000,
    hookTimeout: 900_000,
    // One file at a time: the end-to-end test alone keeps both cores of a small CI machine busy.
    fileParallelism: false,
  },
});
