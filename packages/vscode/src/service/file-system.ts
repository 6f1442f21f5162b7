import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { decodeText } from "@statelint/core";

/** The disk access the lint service needs, injected so tests and other hosts can supply their own. */
export interface ManifestFileSystem {
  /** The text of a file (UTF-8, or UTF-16/UTF-32 by their byte-order mark), or `undefined` when it cannot be read. */
  readFile(path: string): string | undefined;
  /** Size in bytes, or `undefined` when the file does not exist. */
  size(path: string): number | undefined;
  /** Every `.yaml`/`.yml`/`.json` file below `folder`, skipping `node_modules` and `.git`. */
  listManifests(folder: string, limit: number): string[];
}

export const MANIFEST_EXTENSIONS: ReadonlySet<string> = new Set([".yaml", ".yml", ".json"]);
const NEVER_WALKED = new Set(["node_modules", ".git"]);

export function isManifestPath(path: string): boolean {
  return MANIFEST_EXTENSIONS.has(extname(path).toLowerCase());
}

export const nodeFileSystem: ManifestFileSystem = {
  readFile(path) {
    try {
      return decodeText(readFileSync(path)).text;
    } catch {
      return undefined;
    }
  },
  size(path) {
    try {
      const stats = statSync(path);
      return stats.isFile() ? stats.size : undefined;
    } catch {
      return undefined;
    }
  },
  listManifests(folder, limit) {
    const found: string[] = [];
    // Iterative walk: a deep tree must not overflow the stack of a server that has to stay up.
    const pending = [folder];
    while (pending.length > 0 && found.length < limit) {
      const directory = pending.pop() as string;
      let entries;
      try {
        entries = readdirSync(directory, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (NEVER_WALKED.has(entry.name)) continue;
        const path = join(directory, entry.name);
        if (entry.isDirectory()) pending.push(path);
        else if (entry.isFile() && isManifestPath(entry.name) && found.length < limit) found.push(path);
      }
    }
    return found.sort();
  },
};
