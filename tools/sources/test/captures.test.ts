// The repository's own captures: every one is recorded (URL, date, extraction, sha256) and
// unedited since, and the extraction keeps what the hand captures kept, in the same order.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@leadkit/testing";
import { describe, expect, it } from "vitest";
import { extractText } from "../src/extract.js";
import { loadSources } from "../src/manifest.js";
import { PAGES } from "./support/pages.js";

const capture = (api: string, file: string) =>
  readFileSync(join(REPO_ROOT, "specs", api, "sources", file), "utf8");

describe("specs/<api>/sources/sources.json", () => {
  const workspace = loadSources({ configFile: join(REPO_ROOT, "redocly.yaml"), checkFiles: true });

  it("records every capture of every API in redocly.yaml, each unedited since it was captured", () => {
    // loadSources throws on captures without a record, bad records and edited captures.
    expect(workspace.manifests.map((manifest) => manifest.api).sort()).toEqual(["dealer-studio", "drivly"]);
    expect(workspace.withoutSources).toEqual([]);
  });

  it("points at the vendor pages the specs name", () => {
    const urls = Object.fromEntries(workspace.manifests.map((m) => [m.api, m.sources.map((s) => s.url)]));
    expect(urls).toEqual({
      // specs/research.md: "pages `operations/apiv1leads` for Create Lead".
      "dealer-studio": ["https://dev.dealerstudio.com.au/public-api/operations/apiv1leads"],
      // The Mintlify page whose text the capture is (its curl example calls commerce.driv.ly/api/leads/{id}).
      drivly: ["https://docs.drivly.dev/commerce/endpoints/leads/updates-a-lead"],
    });
  });

  it("says how each capture was made", () => {
    for (const manifest of workspace.manifests) {
      for (const source of manifest.sources) {
        expect(source.captured).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (source.extraction === "manual")
          expect(source.note, `${manifest.api}/${source.file}`).toMatch(/by hand/);
      }
    }
  });
});

/** Text without any whitespace: the hand captures ran some blocks together. */
const squash = (text: string) => text.replace(/\s+/g, "");

describe("the extraction keeps what the hand captures kept", () => {
  it("Drivly: the extraction of a Mintlify page holding the capture's text is the capture, without the skip link", () => {
    const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");
    const hand = lines(capture("drivly", "update-lead.txt"));
    expect(hand[0]).toBe("Skip to main content");
    // The browser copy also put blank lines between blocks; only the lines themselves are compared.
    expect(lines(extractText(PAGES.drivly.html))).toEqual(hand.slice(1));
  });

  it("Dealer Studio: every piece of the capture is in the extraction of a Starlight page, in order", () => {
    const extracted = squash(extractText(PAGES["dealer-studio"].html));
    const pieces = capture("dealer-studio", "create-lead.txt")
      // Starlight's screen-reader-only anchor text, which the extraction drops.
      .replace(/Section titled “[^”]*”/g, "\n")
      // The capture ran each code example into the next line.
      .replace(/\}(?=[A-Z])/g, "}\n")
      .split("\n")
      .map(squash)
      .filter((piece) => piece !== "");
    expect(pieces.length).toBeGreaterThan(40);
    let from = 0;
    for (const piece of pieces) {
      const at = extracted.indexOf(piece, from);
      expect(at, `"${piece}" after position ${from}`).toBeGreaterThanOrEqual(from);
      from = at + piece.length;
    }
  });

  it("Dealer Studio: the extraction also keeps what the hand capture lost (names, categories, status codes)", () => {
    const extracted = extractText(PAGES["dealer-studio"].html).split("\n");
    expect(extracted).toEqual(
      expect.arrayContaining(["email", "dealership_slug", "Trade-in Enquiry", "201", "403"]),
    );
  });
});
