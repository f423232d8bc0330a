#!/usr/bin/env node
// Launcher of the docs CLI, compiled ahead into lib/ by the docs' `build:cli` task (`leadkit-codegen
// build`: JavaScript only, file by file), which every task running it depends on. Compiled, it
// starts 0.3-0.5 s sooner than through tsx.
import { existsSync } from "node:fs";

const cli = new URL("../lib/cli.js", import.meta.url);
if (!existsSync(cli)) {
  console.error(
    "leadkit-docs is not built (docs/lib/cli.js is missing).\nFix: run `pnpm turbo run build:cli --filter=@leadkit/docs`, or `pnpm run main`, which builds it.",
  );
  process.exit(1);
}
await import(cli.href);
