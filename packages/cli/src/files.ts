import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";

const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);
const NEVER_WALKED = new Set(["node_modules", ".git"]);

export interface InputFile {
  readonly path: string;
  readonly text: string;
}

export interface InputError {
  readonly path: string;
  readonly message: string;
}

function walk(directory: string, found: string[]): void {
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (NEVER_WALKED.has(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else if (entry.isFile() && MANIFEST_EXTENSIONS.has(extname(entry.name).toLowerCase())) found.push(path);
  }
}

/** Expands files and directories into manifest paths; problems are returned, never thrown. */
export function collectFiles(inputs: readonly string[], cwd: string): { files: string[]; errors: InputError[] } {
  const files: string[] = [];
  const errors: InputError[] = [];
  for (const input of inputs) {
    const absolute = join(cwd, input);
    try {
      const stats = statSync(input.startsWith("/") ? input : absolute);
      if (stats.isDirectory()) walk(input, files);
      else files.push(input);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      errors.push({ path: input, message: code === "ENOENT" ? "no such file or directory" : (error as Error).message });
    }
  }
  return { files: [...new Set(files.map((file) => relative(cwd, join(file.startsWith("/") ? "" : cwd, file)) || file))], errors };
}

export function readInput(path: string): InputFile | InputError {
  try {
    return { path, text: readFileSync(path, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { path, message: code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : (error as Error).message };
  }
}
