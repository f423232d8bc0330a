// PROVISIONAL: written before `@leadkit/<api>-mock` existed, from its planned API: a function
// `start<Name>Mock()` resolving to `{ url, close() }`, a local server answering from the spec.
// It applies only to APIs whose `packages/<api>-mock` exists, and is type-checked by the docs
// tests like every TypeScript sample, so a different real API fails there: adjust this file
// (and only this file) when the mock package lands.

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
      "// A local stand-in for the API that answers from the spec's examples: no key, no network.",
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
