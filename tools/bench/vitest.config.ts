import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Installs and builds temp copies of the whole workspace (minutes on a 2-core machine).
    testTimeout: 900_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
