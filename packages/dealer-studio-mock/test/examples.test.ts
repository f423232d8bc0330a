// The examples are this package's own tests (vitest runs examples/*.test.ts), and the READMEs show
// them verbatim: both in this package's README, the server example also in the client's README
// ("Test your integration", which the docs site's landing page shows too).
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const examples = readdirSync(new URL("../examples/", import.meta.url)).filter((file) =>
  file.endsWith(".test.ts"),
);
const block = (file: string) => `\`\`\`ts\n${read(`../examples/${file}`)}\`\`\``;

describe("the README examples", () => {
  it("are the server and MSW examples", () => {
    expect(examples.sort()).toEqual(["msw.test.ts", "test-your-integration.test.ts"]);
  });

  it.each(examples)("this README shows examples/%s verbatim", (file) => {
    expect(read("../README.md")).toContain(block(file));
  });

  it("the client's README shows the server example verbatim, under Test your integration", () => {
    const readme = read("../../dealer-studio/README.md");
    const section = readme.slice(readme.indexOf("## Test your integration"));
    expect(section).toContain(block("test-your-integration.test.ts"));
  });
});
