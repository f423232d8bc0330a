import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds shell out to `redocly build-docs` (1-2 s per API); browser tests drive Chromium.
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
