// The codegen's CLI from its TypeScript sources, for tests that run it as a process (what a
// user sees on stdout and stderr, exit code included) without a build first.
import { main } from "../../src/cli.js";

process.exitCode = await main(process.argv.slice(2));
