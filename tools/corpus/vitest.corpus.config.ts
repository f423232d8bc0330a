import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/corpus/**/*.test.ts"],
    // One workspace copy, one install and one build for every spec (minutes: see README.md).
    testTimeout: 120_000,
    hookTimeout: 1_800_000,
    fileParallelism: false,
  },
});
