// Turns what a failing step says into a place in the spec's files, so its error can name the
// line: the JSON pointer a target attached to its error, else the first JSON pointer in the
// message, else an operationId or an `x-` extension the message names (found in the bundled
// document). The pointer is then followed from the root file through its `$ref`s.
import { type SpecLocation, SpecPointerError } from "./errors.js";
import { HTTP_METHODS, type OpenApiDocument } from "./openapi.js";
import { escapeToken } from "./pointer.js";
import { locatePointer } from "./redocly.js";
import type { ApiEntry } from "./workspace.js";

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function operationIdPointer(document: OpenApiDocument, operationId: string): string | undefined {
  const paths = isNode(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isNode(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isNode(operation) && operation.operationId === operationId)
        return `#/paths/${escapeToken(path)}/${method}/operationId`;
    }
  }
  return undefined;
}

/** The pointer of the first key named `key`, breadth first (the shallowest mention). */
function keyPointer(document: OpenApiDocument, key: string): string | undefined {
  let level: Array<[unknown, string]> = [[document, "#"]];
  while (level.length > 0) {
    const next: Array<[unknown, string]> = [];
    for (const [node, pointer] of level) {
      if (Array.isArray(node)) {
        for (const [index, item] of node.entries()) next.push([item, `${pointer}/${index}`]);
      } else if (isNode(node)) {
        if (key in node) return `${pointer}/${escapeToken(key)}`;
        for (const [name, value] of Object.entries(node))
          next.push([value, `${pointer}/${escapeToken(name)}`]);
      }
    }
    level = next;
  }
  return undefined;
}

/** The pointer of the first string value that contains `needle` (a URL a page would load, say). */
export function stringPointer(document: OpenApiDocument, needle: string): string | undefined {
  const stack: Array<[unknown, string]> = [[document, "#"]];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop() as [unknown, string];
    if (typeof node === "string") {
      if (node.includes(needle)) return pointer;
    } else if (Array.isArray(node)) {
      for (let index = node.length - 1; index >= 0; index--) stack.push([node[index], `${pointer}/${index}`]);
    } else if (isNode(node)) {
      const entries = Object.entries(node);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, value] = entries[index] as [string, unknown];
        stack.push([value, `${pointer}/${escapeToken(key)}`]);
      }
    }
  }
  return undefined;
}

/** Pointers a message may be about, most specific first. */
export function candidatePointers(
  message: string,
  error: unknown,
  document: OpenApiDocument | undefined,
): string[] {
  const pointers: string[] = [];
  if (error instanceof SpecPointerError) pointers.push(error.pointer);
  for (const match of message.matchAll(/#\/[^\s`'",;)\]]*/g)) pointers.push(match[0].replace(/[.:]$/, ""));
  if (document !== undefined) {
    for (const match of message.matchAll(/`([^`\s]+)`/g)) {
      const pointer = operationIdPointer(document, match[1] as string);
      if (pointer !== undefined) pointers.push(pointer);
    }
    for (const match of message.matchAll(/https?:\/\/[^\s"'`)<>]+/g)) {
      const pointer = stringPointer(document, match[0]);
      if (pointer !== undefined) pointers.push(pointer);
    }
    for (const match of message.matchAll(/\bx-[A-Za-z0-9_-]+/g)) {
      const pointer = keyPointer(document, match[0]);
      if (pointer !== undefined) pointers.push(pointer);
    }
  }
  return [...new Set(pointers)];
}

/** A `locate` for `inStep`: the first candidate pointer that exists in the spec's files. */
export function specLocator(
  root: string,
  api: ApiEntry,
  document: OpenApiDocument | undefined,
): (message: string, error: unknown) => Promise<SpecLocation | undefined> {
  return async (message, error) => {
    for (const pointer of candidatePointers(message, error, document)) {
      const location = await locatePointer(root, api, pointer);
      if (location !== undefined) return location;
    }
    return undefined;
  };
}
