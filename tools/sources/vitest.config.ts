import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test is well under a second alone; the built-command test starts node three times,
    // and on a machine shared by several builds that can take seconds.
    testTimeout: 30_000,
  },
});
