// The copy of a bundled spec that Redoc renders (the downloads stay the exact bundled spec).
// The operationId shows (it is the client method's name); images from another host in
// descriptions become links (the pages work offline); and, so that a reader sees which facts
// leadkit inferred:
// - `Inferred:` at the start of a sentence becomes bold;
// - a schema's description is handed down to what Redoc 3 shows instead of it: the options of
//   its `oneOf`/`anyOf` (which is wrapped in `allOf`, so that the `x-source` badge shows too) and
//   the members of its `allOf`. Redoc shows the selected option's or the member's description
//   only, so the `Inferred:` sentence of e.g. a relationship modelled from an example value, or
//   of a schema whose required set was guessed, would otherwise never render.
import { type OpenApiDocument, resolveRef } from "@leadkit/codegen";
import { isExternal } from "./offline.js";

type Node = Record<string, unknown>;

function isRecord(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Images from another host in a description (Markdown `![alt](url)` or `<img src>`), as links:
 * the page must work offline, and a vendor's spec often shows a diagram or a logo. The reader
 * clicks through to it; the downloads keep the spec as it is. "Another host" is the offline
 * check's own rule (`isExternal`), so what is turned into a link is exactly what it would reject.
 * Anything else a description would load from another host (a video, a frame) still fails the
 * build, naming the spec's line.
 */
export function remoteImagesAsLinks(markdown: string): string {
  return markdown
    .replace(
      /!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g,
      (all, alt: string, url: string) => (isExternal(url) ? `[Image: ${alt.trim() || url}](${url})` : all),
    )
    .replace(/<img\b[^>]*>/gi, (tag) => {
      const src = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
      const url = src?.[1] ?? src?.[2] ?? src?.[3];
      if (url === undefined || !isExternal(url)) return tag;
      const alt = /\salt\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
      const text = (alt?.[1] ?? alt?.[2] ?? "").trim() || url;
      return `<a href="${url}">Image: ${text.replace(/[<>]/g, "")}</a>`;
    });
}

/** `Inferred:` opening a sentence or a line, made bold unless it already is. */
export function boldInferred(markdown: string): string {
  return markdown.replace(/(^|[\s(])(?<!\*\*)Inferred:(?!\*\*)/g, "$1**Inferred:**");
}

function withParentDescription(document: OpenApiDocument, option: unknown, description: string): unknown {
  if (!isRecord(option)) return option;
  const own = resolveRef<Node>(document, option);
  const ownDescription = isRecord(own) && typeof own.description === "string" ? own.description : undefined;
  return { ...option, description: ownDescription ? `${description}\n\n${ownDescription}` : description };
}

function present(document: OpenApiDocument, node: unknown): unknown {
  if (Array.isArray(node)) return node.map((item) => present(document, item));
  if (!isRecord(node)) return node;
  let current: Node = { ...node };
  if (typeof current.description === "string") {
    const description = boldInferred(remoteImagesAsLinks(current.description));
    current.description = description;
    const combinator = ["oneOf", "anyOf"].find((key) => Array.isArray(current[key]));
    if (Array.isArray(current.allOf)) {
      // Redoc shows an allOf member's description instead of this one: prefix it there.
      current.allOf = current.allOf.map((member) => withParentDescription(document, member, description));
    } else if (combinator !== undefined) {
      const { [combinator]: options, ...rest } = current;
      current = {
        ...rest,
        allOf: [
          {
            [combinator]: (options as unknown[]).map((option) =>
              withParentDescription(document, option, description),
            ),
          },
        ],
      };
    }
  }
  // Children after the parent, so a description handed down is handed on (allOf -> anyOf -> option).
  const result: Node = {};
  for (const [key, value] of Object.entries(current)) result[key] = present(document, value);
  return result;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Redoc does not show an operation's `operationId`, which is the client's method name; an
 * `x-operation-id` copy is shown as an "operation-id" badge (see `showExtensions`).
 */
function showOperationIds(document: OpenApiDocument): void {
  const paths = isRecord(document.paths) ? document.paths : {};
  for (const item of Object.values(paths)) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (isRecord(operation) && typeof operation.operationId === "string") {
        operation["x-operation-id"] = operation.operationId;
      }
    }
  }
}

export function presentSpec(document: OpenApiDocument): OpenApiDocument {
  const presented = present(document, document) as OpenApiDocument;
  showOperationIds(presented);
  // The bundled JSON opens with a `x-generated` banner for people reading the file; it is not
  // part of the API.
  delete presented["x-generated"];
  return presented;
}

/** Every node marked `x-source: inferred`, with its JSON pointer (for the landing page and tests). */
export function inferredFacts(document: OpenApiDocument): Array<{ pointer: string; description: string }> {
  const facts: Array<{ pointer: string; description: string }> = [];
  const walk = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${pointer}/${index}`);
    }
    if (!isRecord(node)) return;
    if (node["x-source"] === "inferred") {
      facts.push({ pointer, description: typeof node.description === "string" ? node.description : "" });
    }
    for (const [key, value] of Object.entries(node))
      walk(value, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  };
  walk(document, "#");
  return facts;
}
