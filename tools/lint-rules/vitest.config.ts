import { defineConfig } from "vitest/config";

export default defineConfig({
  // Each test runs the Redocly CLI (a second or more on a busy machine).
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
});
