// The human-readable spec:diff report.
import type { ApiDiff, SpecDiffReport } from "./spec-diff.js";

function pad(value: string, width: number): string {
  return value.length >= width ? `${value} ` : value + " ".repeat(width - value.length);
}

function versions(api: ApiDiff): string {
  if (api.state === "new") return `new API, info.version ${api.specVersion} (first release: no bump needed)`;
  if (api.baseSpecVersion === api.specVersion) return `info.version ${api.specVersion}`;
  return `info.version ${api.baseSpecVersion} → ${api.specVersion}`;
}

function releaseLine(api: ApiDiff): string | undefined {
  if (api.packages.length === 0) return undefined;
  const parts = api.packages.map((pkg) => {
    const planned = pkg.versioned !== "none" ? `versioned ${pkg.baseVersion} → ${pkg.version}` : pkg.planned;
    const mark = api.impact === "none" ? "" : pkg.covered ? " ok" : " NOT ENOUGH";
    return `${pkg.name} ${pkg.baseVersion === undefined ? "(new package)" : planned}${mark}`;
  });
  return `releases: ${parts.join(", ")}`;
}

export function formatReport(report: SpecDiffReport, options: { check?: boolean } = {}): string {
  const width = Math.max(...report.apis.map((api) => api.api.length), 4) + 2;
  const lines = [`spec:diff against ${report.base.label} (${report.base.commit.slice(0, 10)})`, ""];
  for (const api of report.apis) {
    lines.push(`${pad(api.api, width)}${pad(api.impact, 7)}${api.specPath}  ${versions(api)}`);
    for (const change of api.changes) {
      const raised = change.redoclyImpact === undefined ? "" : `, redocly said ${change.redoclyImpact}`;
      const where = change.where === undefined ? "" : `${change.where}: `;
      lines.push(`  ${pad(change.impact, 7)}${where}${change.message}  [${change.rule}${raised}]`);
    }
    const release = releaseLine(api);
    if (release !== undefined && api.impact !== "none") lines.push(`  ${release}`);
    if (api.raisedSpecVersion !== undefined)
      lines.push(
        `  raised info.version in ${api.specPath}: ${api.raisedSpecVersion.from} → ${api.raisedSpecVersion.to}`,
      );
    if (api.regenerated !== undefined)
      lines.push(`  regenerated ${api.regenerated.length} file(s): ${api.regenerated.join(", ")}`);
    if (api.wrote !== undefined) lines.push(`  wrote ${api.wrote}`);
  }
  if (report.problems.length > 0) {
    lines.push("", options.check ? "spec:diff --check failed:" : "Problems (`--check` fails on these):");
    for (const problem of report.problems) lines.push(`  ${problem.message}`, `    ${problem.fix}`);
  } else if (options.check) {
    lines.push(
      "",
      "spec:diff --check passed: every spec change has a big enough release and info.version bump.",
    );
  }
  return lines.join("\n");
}
