#!/usr/bin/env node
// Thin launcher: the CLI is written in TypeScript and built to dist/ by the package's `build`.
import { main } from "../dist/cli.js";

process.exitCode = await main(process.argv.slice(2));
