#!/usr/bin/env node
// `npx @leadkit/drivly-mock --port 4010`: the Drivly mock for curl, Postman or another language.
import { runCli } from "@leadkit/mock-runtime/cli";
import { mockDefinition, startDrivlyMock } from "../dist/index.js";
import { vendor } from "../dist/vendor.js";

process.exitCode = await runCli(
  {
    command: "leadkit-drivly-mock",
    title: mockDefinition.title,
    specVersion: mockDefinition.specVersion,
    operations: Object.entries(mockDefinition.operations).map(
      ([name, operation]) => `${operation.method} ${mockDefinition.basePath}${operation.path} (${name})`,
    ),
    start: startDrivlyMock,
    vendor,
  },
  process.argv.slice(2),
);
