// leadkit's changelog format for `changeset version` (.changeset/config.json `changelog`).
// Plain CommonJS with no build step, because changesets `require`s it by path.
//
// Unlike @changesets/changelog-github it links nothing: the lines are the changeset summaries
// as written (spec:diff writes summaries listing the spec changes), and dependency bumps name
// the new versions. Which spec version each release was generated from is added after
// `changeset version` by `leadkit-release version` (it knows the package, this module does not).

/** @param {string} summary */
function bullet(summary) {
  const [first = "", ...rest] = summary.trim().split("\n");
  const more = rest.map((line) => (line.trim() === "" ? "" : `  ${line}`)).join("\n");
  return `- ${first}${more.trim() === "" ? "" : `\n${more}`}`;
}

/** @type {import("@changesets/types").GetReleaseLine} */
async function getReleaseLine(changeset) {
  return bullet(changeset.summary);
}

/** @type {import("@changesets/types").GetDependencyReleaseLine} */
async function getDependencyReleaseLine(_changesets, dependenciesUpdated) {
  if (dependenciesUpdated.length === 0) return "";
  const names = dependenciesUpdated.map((dependency) => `\`${dependency.name}@${dependency.newVersion}\``);
  return `- Updated dependencies: ${names.join(", ")}`;
}

module.exports = { default: { getReleaseLine, getDependencyReleaseLine } };
