import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The tests spawn the built server (an MCP client per transport and mode); the packaging test packs it.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
