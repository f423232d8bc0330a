// Writes to the real tree as one unit: every file to create must not exist yet, every file to
// change is backed up first, and `rollback()` puts the tree back exactly as it was (files
// removed, folders created along the way removed, changed files restored).
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";

export interface Transaction {
  /** Creates a file that must not exist (and its missing parent folders). */
  create(path: string, contents: string | Buffer): Promise<void>;
  /** Replaces a file (backed up first); `undefined` deletes it. */
  replace(path: string, contents: string | undefined): Promise<void>;
  /** Removes a whole folder (its files backed up first). */
  removeDir(path: string): Promise<void>;
  /** Backs a file up without changing it: a command run later (pnpm install) may. */
  guard(path: string): Promise<void>;
  rollback(): Promise<void>;
  /** Workspace-relative paths touched so far. */
  readonly touched: readonly string[];
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  // node_modules (pnpm's links) and build caches are not restored: `pnpm install` and the build remake them.
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(
      (file) =>
        !/[/\\](node_modules|\.turbo)[/\\]/.test(relative(dir, file) ? `/${relative(dir, file)}` : ""),
    );
}

export function transaction(root: string): Transaction {
  const backups = new Map<string, Buffer | undefined>();
  const createdDirs: string[] = [];
  const touched: string[] = [];
  const absolute = (path: string) => join(root, path);
  const backup = async (file: string) => {
    if (backups.has(file)) return;
    backups.set(file, existsSync(file) ? await readFile(file) : undefined);
    touched.push(relative(root, file).split(sep).join("/"));
  };
  const ensureDir = async (dir: string) => {
    const missing: string[] = [];
    for (let current = dir; !existsSync(current); current = dirname(current)) missing.unshift(current);
    await mkdir(dir, { recursive: true });
    createdDirs.push(...missing);
  };
  return {
    touched,
    async create(path, contents) {
      const file = absolute(path);
      if (existsSync(file)) throw new Error(`${path} already exists`);
      await backup(file);
      await ensureDir(dirname(file));
      await writeFile(file, contents);
    },
    async replace(path, contents) {
      const file = absolute(path);
      await backup(file);
      if (contents === undefined) await rm(file, { force: true });
      else {
        await ensureDir(dirname(file));
        await writeFile(file, contents);
      }
    },
    async removeDir(path) {
      const dir = absolute(path);
      if (!existsSync(dir)) return;
      for (const file of await listFiles(dir)) await backup(file);
      await rm(dir, { recursive: true, force: true });
    },
    async guard(path) {
      await backup(absolute(path));
    },
    async rollback() {
      for (const [file, contents] of [...backups].reverse()) {
        if (contents === undefined) await rm(file, { force: true });
        else {
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, contents);
        }
      }
      for (const dir of createdDirs.reverse()) {
        // Remove what we created, including what a later command (pnpm install) put inside.
        await rm(dir, { recursive: true, force: true }).catch(() => rmdir(dir).catch(() => {}));
      }
    },
  };
}
