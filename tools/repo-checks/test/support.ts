// What the repository checks share: where the repository is, which files git would commit, and
// which package a file belongs to.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The files matching `patterns` that are tracked or new (not ignored), relative to the root. */
export function listFiles(...patterns: string[]): string[] {
  const listing = execFileSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard", ...patterns],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  );
  return [...new Set(listing.split("\0").filter(Boolean))].filter((file) => existsSync(join(ROOT, file)));
}

/** The folder of the nearest package.json above `file` (relative to the root). */
export function packageDirOf(file: string): string {
  let dir = dirname(join(ROOT, file));
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
}
