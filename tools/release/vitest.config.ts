import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // spec:diff bundles and diffs with the Redocly CLI (about half a second per call); the
    // publish test installs, builds and publishes the whole workspace twice.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
