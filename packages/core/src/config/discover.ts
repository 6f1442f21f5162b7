export const CONFIG_FILE_NAMES = [".statelint.yaml", ".statelint.yml", ".statelint.json"] as const;

/** The file system access config discovery needs, injected so core does no I/O of its own. */
export interface ConfigFileSystem {
  /** The text of a file, or `undefined` when it does not exist. */
  readFile(path: string): string | undefined;
}

function parentOf(directory: string): string | undefined {
  const trimmed = directory.length > 1 ? directory.replace(/[\\/]+$/, "") : directory;
  const cut = Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\"));
  if (cut < 0) return undefined;
  const parent = cut === 0 ? trimmed.slice(0, 1) : trimmed.slice(0, cut);
  return parent === trimmed ? undefined : parent;
}

/**
 * The nearest `.statelint.yaml`/`.yml`/`.json`, walking up from `directory` (absolute). Results are
 * memoised per directory by the caller-provided cache, so a run over many files reads each once.
 */
export function findConfigFile(directory: string, fs: ConfigFileSystem, cache?: Map<string, { path: string; text: string } | null>): { path: string; text: string } | undefined {
  const visited: string[] = [];
  let current: string | undefined = directory;
  let found: { path: string; text: string } | null = null;
  while (current !== undefined) {
    const cached = cache?.get(current);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(current);
    for (const name of CONFIG_FILE_NAMES) {
      const path = `${current.replace(/[\\/]+$/, "")}/${name}`;
      const text = fs.readFile(path);
      if (text !== undefined) {
        found = { path, text };
        break;
      }
    }
    if (found) break;
    current = parentOf(current);
  }
  for (const directoryVisited of visited) cache?.set(directoryVisited, found);
  return found ?? undefined;
}
