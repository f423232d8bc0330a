// Semver impacts: of a spec change, of a changeset, of a version bump. Ordered none < patch <
// minor < major so that "enough" is a comparison.
import semver from "semver";

export const IMPACTS = ["none", "patch", "minor", "major"] as const;
export type Impact = (typeof IMPACTS)[number];

export function rank(impact: Impact): number {
  return IMPACTS.indexOf(impact);
}

export function maxImpact(...impacts: readonly Impact[]): Impact {
  return impacts.reduce<Impact>((best, impact) => (rank(impact) > rank(best) ? impact : best), "none");
}

export function isImpact(value: unknown): value is Impact {
  return typeof value === "string" && (IMPACTS as readonly string[]).includes(value);
}

/**
 * How far `to` moved from `from`: `major`, `minor`, `patch` (prerelease steps count as the
 * part they change), `none` when equal. Undefined when `to` is lower or either is not semver.
 */
export function bumpBetween(from: string, to: string): Impact | undefined {
  if (semver.valid(from) === null || semver.valid(to) === null) return undefined;
  if (semver.eq(from, to)) return "none";
  if (semver.lt(to, from)) return undefined;
  const kind = semver.diff(from, to);
  if (kind === "major" || kind === "premajor") return "major";
  if (kind === "minor" || kind === "preminor") return "minor";
  return "patch";
}

/** The smallest version that is `impact` above `from`, e.g. (1.2.3, minor) -> 1.3.0. */
export function bumped(from: string, impact: Impact): string {
  if (impact === "none") return from;
  return semver.inc(from, impact) ?? from;
}
