#!/usr/bin/env node
// Launcher of the docs CLI (TypeScript run through tsx, resolved from this package whatever the
// current directory). Each types package's `build:reference` runs it by path: the docs depend on
// the types packages, so a dependency back from them would be a cycle.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
