// How much a spec change matters to users of the generated TypeScript packages. Redocly's
// `diff` rates every change; where its rating is too low for generated types, a leadkit rule
// raises it (rules only ever raise, so a change Redocly calls major stays major). Each rule
// says why in its `because`.
import { listOperations, type OperationInfo } from "@leadkit/codegen";
import { type Impact, maxImpact, rank } from "./impact.js";
import type { RedoclyChange } from "./redocly.js";

export interface SpecChange {
  readonly impact: Impact;
  /** What changed, in words, e.g. "Enum of `channel` lost values: 'walk-in'." */
  readonly message: string;
  /** Where it is reached from, e.g. "POST /leads request body"; undefined outside paths. */
  readonly where?: string;
  /** JSON pointer into the bundled spec (revision side, else base side). */
  readonly pointer: string;
  /** The rule that decided the impact: a Redocly rule id, `redocly`, or a `leadkit/...` rule. */
  readonly rule: string;
  /** Redocly's own impact when a leadkit rule raised it. */
  readonly redoclyImpact?: Impact;
}

interface LeadkitRule {
  readonly id: string;
  readonly impact: Impact;
  readonly because: string;
  applies(change: RedoclyChange): boolean;
  message(change: RedoclyChange): string;
}

function decode(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function segments(pointer: string): string[] {
  return pointer.replace(/^#\/?/, "").split("/").filter(Boolean).map(decode);
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Request side: the body or a parameter the client sends. */
function isRequestSide(change: RedoclyChange): boolean {
  return /\/(requestBody|parameters)(\/|$)/.test(change.path);
}

/** "POST /leads request body", "PATCH /leads/{id} response 200", "GET /x parameters". */
export function describeWhere(path: string): string | undefined {
  const parts = segments(path);
  if (parts[0] !== "paths" || parts[1] === undefined) return undefined;
  const route = parts[1];
  const method = parts[2];
  if (method === undefined || !METHODS.has(method)) return route;
  const operation = `${method.toUpperCase()} ${route}`;
  const area = parts[3];
  if (area === "requestBody") return `${operation} request body`;
  if (area === "responses" && parts[4] !== undefined) return `${operation} response ${parts[4]}`;
  if (area === "parameters") return `${operation} parameters`;
  return operation;
}

function valuesOf(side: { value?: unknown } | undefined): unknown[] | undefined {
  return Array.isArray(side?.value) ? side.value : undefined;
}

function list(values: readonly unknown[]): string {
  return values.map((value) => (typeof value === "string" ? `'${value}'` : JSON.stringify(value))).join(", ");
}

function enumDelta(change: RedoclyChange): { added: unknown[]; removed: unknown[] } | undefined {
  if (change.property !== "enum" || change.kind !== "modified") return undefined;
  const before = valuesOf(change.base);
  const after = valuesOf(change.revision);
  if (before === undefined || after === undefined) return undefined;
  const has = (values: unknown[], value: unknown) =>
    values.some((candidate) => JSON.stringify(candidate) === JSON.stringify(value));
  return {
    added: after.filter((value) => !has(before, value)),
    removed: before.filter((value) => !has(after, value)),
  };
}

/** The name a pointer ends in: `properties/phone` -> `phone`. */
function lastName(pointer: string | undefined): string {
  return segments(pointer ?? "").at(-1) ?? "";
}

function isPropertyPointer(pointer: string | undefined): boolean {
  return segments(pointer ?? "").at(-2) === "properties";
}

export const LEADKIT_RULES: readonly LeadkitRule[] = [
  {
    id: "leadkit/enum-value-removed",
    impact: "major",
    because:
      "the generated union type loses a member: code that sends the value, or compares a response with it, stops compiling",
    applies: (change) => (enumDelta(change)?.removed.length ?? 0) > 0,
    message: (change) => `Enum lost values: ${list(enumDelta(change)?.removed ?? [])}.`,
  },
  {
    id: "leadkit/request-enum-value-added",
    impact: "minor",
    because: "callers may send a value they could not send before: a new capability",
    applies: (change) => {
      const delta = enumDelta(change);
      return (
        isRequestSide(change) && delta !== undefined && delta.added.length > 0 && delta.removed.length === 0
      );
    },
    message: (change) => `Enum gained values the client may send: ${list(enumDelta(change)?.added ?? [])}.`,
  },
  {
    id: "leadkit/request-property-removed",
    impact: "major",
    because:
      "the generated request type no longer has the property, so object literals that set it fail the excess-property check",
    applies: (change) =>
      change.kind === "removed" &&
      isRequestSide(change) &&
      isPropertyPointer(change.base?.pointer ?? change.path),
    message: (change) => `Request property \`${lastName(change.base?.pointer ?? change.path)}\` was removed.`,
  },
  {
    id: "leadkit/request-property-optional",
    impact: "minor",
    because: "callers may now leave out a property they had to send: a new capability",
    applies: (change) => {
      if (change.property !== "required" || change.kind !== "modified" || !isRequestSide(change))
        return false;
      const before = valuesOf(change.base) ?? [];
      const after = valuesOf(change.revision) ?? [];
      return before.some((name) => !after.includes(name));
    },
    message: (change) => {
      const after = valuesOf(change.revision) ?? [];
      const relaxed = (valuesOf(change.base) ?? []).filter((name) => !after.includes(name));
      return `Request properties are no longer required: ${list(relaxed)}.`;
    },
  },
];

/** Rule text for reports and docs: `id: impact, because ...`. */
export function describeRules(): string[] {
  return LEADKIT_RULES.map((rule) => `${rule.id}: ${rule.impact}, because ${rule.because}`);
}

function defaultMessage(change: RedoclyChange): string {
  const pointer = change.revision?.pointer ?? change.base?.pointer ?? change.path;
  const parts = segments(pointer);
  const name = parts.at(-1) ?? pointer;
  if (change.kind === "modified" && change.property !== undefined) {
    const subject = parts.at(-1) === change.property ? parts.slice(0, -1) : parts;
    const short = (value: unknown) =>
      (typeof value === "string" || typeof value === "number" || typeof value === "boolean") &&
      String(value).length <= 40;
    const values =
      short(change.base?.value) && short(change.revision?.value)
        ? `: ${JSON.stringify(change.base?.value)} → ${JSON.stringify(change.revision?.value)}`
        : "";
    return `Changed \`${change.property}\` of \`#/${subject.join("/")}\`${values}.`;
  }
  const what = parts.at(-2) === "properties" ? "property" : change.typeName;
  return `${change.kind === "added" ? "Added" : change.kind === "removed" ? "Removed" : "Changed"} ${what} \`${name}\`.`;
}

/** One Redocly change, rated: Redocly's impact, raised by the first leadkit rule that applies. */
export function rateChange(change: RedoclyChange): SpecChange {
  const pointer = change.revision?.pointer ?? change.base?.pointer ?? change.path;
  const where = describeWhere(change.path);
  const redoclyMessage = change.verdicts.map((verdict) => verdict.message).join(" ");
  const raising = LEADKIT_RULES.filter(
    (rule) => rank(rule.impact) > rank(change.impact) && rule.applies(change),
  ).sort((a, b) => rank(b.impact) - rank(a.impact))[0];
  if (raising !== undefined) {
    return {
      impact: raising.impact,
      message: raising.message(change),
      where,
      pointer,
      rule: raising.id,
      redoclyImpact: change.impact,
    };
  }
  return {
    impact: change.impact,
    message: redoclyMessage || defaultMessage(change),
    where,
    pointer,
    rule: change.verdicts[0]?.ruleId ?? "redocly",
  };
}

function schemaNames(document: Record<string, unknown>): string[] {
  const components = document.components as { schemas?: Record<string, unknown> } | undefined;
  return Object.keys(components?.schemas ?? {});
}

/**
 * Component schemas are exported by name from the types package (`import type { Lead }`), so
 * adding one adds an export (minor) and removing or renaming one removes an export (major).
 * Redocly rates both as patch, or does not report them when nothing references the schema.
 */
export function componentChanges(base: Record<string, unknown>, head: Record<string, unknown>): SpecChange[] {
  const before = new Set(schemaNames(base));
  const after = new Set(schemaNames(head));
  const changes: SpecChange[] = [];
  for (const name of after) {
    if (!before.has(name)) {
      changes.push({
        impact: "minor",
        message: `Added component schema \`${name}\` (a new exported type).`,
        pointer: `#/components/schemas/${name}`,
        rule: "leadkit/component-schema-added",
      });
    }
  }
  for (const name of before) {
    if (!after.has(name)) {
      changes.push({
        impact: "major",
        message: `Removed component schema \`${name}\` (its exported type is gone; a rename counts as a removal).`,
        pointer: `#/components/schemas/${name}`,
        rule: "leadkit/component-schema-removed",
      });
    }
  }
  return changes;
}

/**
 * Every generated package names an operation by its operationId, or, without one, by a name
 * derived from its method and path (`listOperations`): the client method, the type aliases and
 * the `operationsById` key. An operationId that is added, removed or changed renames all three
 * (`getLeadsById` -> `getLead`), so code calling the old name stops compiling: major. Redocly
 * does not rate it as breaking.
 */
export function operationNameChanges(
  base: Record<string, unknown>,
  head: Record<string, unknown>,
): SpecChange[] {
  const route = (operation: OperationInfo) => `${operation.method.toUpperCase()} ${operation.path}`;
  const before = new Map(listOperations(base).map((operation) => [route(operation), operation]));
  return listOperations(head).flatMap((operation) => {
    const old = before.get(route(operation));
    if (old === undefined || old.name === operation.name) return [];
    const why =
      operation.operationId === undefined
        ? "its operationId was removed"
        : old.operationId === undefined
          ? "an operationId was added"
          : "its operationId changed";
    return [
      {
        impact: "major" as const,
        message: `Operation \`${route(operation)}\` is now named \`${operation.name}\` (was \`${old.name}\`) because ${why}: its client method, type aliases and operationsById key are renamed.`,
        where: route(operation),
        pointer: `#/paths/${operation.path.replace(/~/g, "~0").replace(/\//g, "~1")}/${operation.method}/operationId`,
        rule: "leadkit/operation-renamed",
      },
    ];
  });
}

/** Every rated change of one API: Redocly's, with component schema and operation name changes merged in. */
export function rateChanges(
  redocly: readonly RedoclyChange[],
  base: Record<string, unknown>,
  head: Record<string, unknown>,
): SpecChange[] {
  const components = [...componentChanges(base, head), ...operationNameChanges(base, head)];
  const byPointer = new Map(components.map((change) => [change.pointer, change]));
  const rated = redocly.map((change) => {
    const rating = rateChange(change);
    const component =
      change.path.match(/^#\/components\/schemas\/[^/]+$/) || change.path.endsWith("/operationId")
        ? byPointer.get(change.path)
        : undefined;
    if (component === undefined) return rating;
    byPointer.delete(change.path);
    return rank(component.impact) > rank(rating.impact)
      ? { ...component, redoclyImpact: rating.impact }
      : rating;
  });
  return [...rated, ...byPointer.values()].sort(
    (a, b) => rank(b.impact) - rank(a.impact) || a.pointer.localeCompare(b.pointer),
  );
}

export function highestImpact(changes: readonly SpecChange[]): Impact {
  return maxImpact(...changes.map((change) => change.impact));
}
