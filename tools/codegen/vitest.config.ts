import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each test shells out to the Redocly CLI a few times (about half a second per call).
    testTimeout: 60_000,
  },
});
