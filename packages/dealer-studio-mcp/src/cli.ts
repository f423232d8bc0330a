#!/usr/bin/env node
// The `leadkit-dealer-studio-mcp` command: stdio by default, `--http` for Streamable HTTP (see --help).
import { main } from "@leadkit/mcp-runtime";
import { definition } from "./index.js";

process.exit(await main(definition));
