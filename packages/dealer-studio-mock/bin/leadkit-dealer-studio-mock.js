#!/usr/bin/env node
// `npx @leadkit/dealer-studio-mock --port 4010`: the Dealer Studio mock for curl, Postman or another language.
import { runCli } from "@leadkit/mock-runtime/cli";
import { mockDefinition, startDealerStudioMock } from "../dist/index.js";
import { vendor } from "../dist/vendor.js";

process.exitCode = await runCli(
  {
    command: "leadkit-dealer-studio-mock",
    title: mockDefinition.title,
    specVersion: mockDefinition.specVersion,
    operations: Object.entries(mockDefinition.operations).map(
      ([name, operation]) => `${operation.method} ${mockDefinition.basePath}${operation.path} (${name})`,
    ),
    start: startDealerStudioMock,
    vendor,
  },
  process.argv.slice(2),
);
