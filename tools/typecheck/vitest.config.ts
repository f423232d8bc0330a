import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The tests compare with tsc, started once per fixture project; on a 2-core machine shared
    // with the rest of `pnpm test`, a start takes seconds.
    testTimeout: 60_000,
  },
});
