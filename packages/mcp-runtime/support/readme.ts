// Keeps each MCP package's README honest: its configuration snippet starts the package the way
// the README says (npx, the package name, the key's variable), and its "A tool call" transcript
// is what the built server really answers: the request is replayed against a local server that
// plays the spec's examples, and the result must equal the README's, byte for byte as JSON.
// Dev-only (not published).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContractServer, startContractServer } from "../../runtime/support/contract-server.js";
import { API_KEY, connectStdio, type McpServerUnderTest } from "./suite.js";

/** The `json` code blocks of a markdown section (`## <heading>` up to the next `## `). */
export function jsonBlocks(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) return [];
  const rest = markdown.slice(start + heading.length + 5);
  const section = rest.slice(0, rest.search(/\n## |$/));
  return [...section.matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) => match[1] as string);
}

export function describeReadme(
  subject: McpServerUnderTest,
  options: { readonly packageName: string; readonly readme: string },
): void {
  const readme = readFileSync(options.readme, "utf8");

  describe("README", () => {
    it("configures the server as the package runs: npx -y <package>, the key in its variable", () => {
      const [config] = jsonBlocks(readme, "Configure your MCP client");
      expect(config, "a json block under ## Configure your MCP client").toBeDefined();
      const servers = (JSON.parse(config as string) as { mcpServers: Record<string, unknown> }).mcpServers;
      const [entry] = Object.values(servers) as Array<{
        command: string;
        args: string[];
        env: Record<string, string>;
      }>;
      expect(entry?.command).toBe("npx");
      expect(entry?.args).toEqual(["-y", options.packageName]);
      expect(Object.keys(entry?.env ?? {})).toEqual([subject.env.apiKey]);
    });

    describe("its tool call transcript", () => {
      let server: ContractServer;
      beforeAll(async () => {
        server = await startContractServer(subject.spec);
      });
      afterAll(() => server?.close());

      it("is what the built server answers to that call", async () => {
        const blocks = jsonBlocks(readme, "A tool call");
        expect(
          blocks,
          "two json blocks under ## A tool call: the tools/call params, then the result",
        ).toHaveLength(2);
        const request = JSON.parse(blocks[0] as string) as {
          name: string;
          arguments: Record<string, unknown>;
        };
        const expected = JSON.parse(blocks[1] as string) as unknown;
        const connection = await connectStdio(subject.bin, ["--base-url", server.url], {
          [subject.env.apiKey]: API_KEY,
        });
        try {
          const result = await connection.client.callTool(request);
          expect(server.violations()).toEqual([]);
          expect(result, `the README's result; the real one is:\n${JSON.stringify(result, null, 2)}`).toEqual(
            expected,
          );
        } finally {
          await connection.close();
        }
      });
    });
  });
}
