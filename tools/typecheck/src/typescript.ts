// The workspace's TypeScript (a dependency of this package, pinned like every package's), loaded
// on first use so that `--help` and bad arguments answer at once.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let loaded: typeof import("typescript") | undefined;

export function typescript(): typeof import("typescript") {
  loaded ??= require("typescript") as typeof import("typescript");
  return loaded;
}
