import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The tests spawn the built server (an MCP client per transport and mode); the packaging test packs it.
    // A guard against a hang on a loaded shared machine, not a speed budget.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
