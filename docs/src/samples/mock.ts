// The test kit's sample: `start<Name>Mock()` from `@leadkit/<api>-mock` resolves to a validating,
// stateful server on 127.0.0.1 (`{ url, close(), ... }`, see the mock's README). It applies only
// to APIs whose `packages/<api>-mock` exists, and is type-checked against the built mock by the
// docs tests like every TypeScript sample.

import type { OperationInput, SampleContext, SampleKind } from "./types.js";
import { callLines } from "./typescript.js";

export const mockSample: SampleKind = {
  label: "Mock server",
  lang: "TypeScript",
  typecheck: true,
  available: (context) => context.packages.mock !== undefined && context.packages.client !== undefined,
  render(context: SampleContext, input: OperationInput): string {
    return [
      `import { create${context.Name}Client } from ${JSON.stringify(context.packages.client)};`,
      `import { start${context.Name}Mock } from ${JSON.stringify(context.packages.mock)};`,
      "",
      "// A validating, stateful stand-in for the API on 127.0.0.1: no real lead is written.",
      `const mock = await start${context.Name}Mock();`,
      `const client = create${context.Name}Client({ apiKey: "test", baseUrl: mock.url });`,
      "",
      "try {",
      callLines(input, "client", "  "),
      "} finally {",
      "  await mock.close();",
      "}",
      "",
    ].join("\n");
  },
};
