import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync, type Dirent } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Ignore } from "ignore";
import { CONFIG_FILE_NAMES, decodeText, encodeText, type DecodedText, type TextEncoding } from "@statelint/core";
import { FatalError } from "./exit-codes.js";

const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);
const NEVER_WALKED = new Set(["node_modules", ".git"]);
// statelint's own configuration is YAML too, but never a manifest.
const CONFIG_NAMES = new Set<string>(CONFIG_FILE_NAMES);
const GLOB_CHARACTERS = /[*?[\]{}]/;
export const IGNORE_FILE = ".statelintignore";

/** A path a user named that could not be used; the run goes on without it and exits 2. */
export interface InputError {
  readonly path: string;
  readonly message: string;
}

export interface CollectedInputs {
  /** Absolute paths, in a stable order, each once. */
  readonly files: readonly string[];
  readonly errors: readonly InputError[];
  /** Whether `-` was given. */
  readonly stdin: boolean;
}

/** Files up to this size are read into one buffer that every read reuses. */
const READ_BUFFER_BYTES = 1024 * 1024;
let readBuffer: Buffer | undefined;

/**
 * Reads a manifest as YAML does: UTF-8, or UTF-16/UTF-32 by their byte-order mark. The bytes go
 * into one reused buffer and are decoded from there (decoding copies them): readFileSync asked
 * the file's size and allocated a buffer for every file, a third of the read phase on the bench
 * corpus. A file that fills the buffer is read again on its own, as before.
 */
export function readManifest(path: string): DecodedText {
  const buffer = (readBuffer ??= Buffer.allocUnsafeSlow(READ_BUFFER_BYTES));
  let length = 0;
  const fd = openSync(path, "r");
  try {
    let read: number;
    do {
      read = readSync(fd, buffer, length, buffer.length - length, null);
      length += read;
    } while (read > 0 && length < buffer.length);
  } finally {
    closeSync(fd);
  }
  if (length === buffer.length) return decodeText(readFileSync(path));
  return decodeText(new Uint8Array(buffer.buffer, buffer.byteOffset, length));
}

/** Reads all of stdin (`helm template … | statelint -`), decoded like a file. */
export async function readManifestStream(stream: NodeJS.ReadableStream): Promise<DecodedText> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return decodeText(Buffer.concat(chunks));
}

/** A fixed manifest, written back in the encoding it was read in. */
export function writeManifest(path: string, text: string, encoding: TextEncoding): void {
  writeFileSync(path, encodeText(text, encoding));
}

export function isManifestPath(path: string): boolean {
  return MANIFEST_EXTENSIONS.has(extname(path).toLowerCase());
}

/** The directory {@link displayPath} last met, relative to the working directory: files come directory by directory. */
let lastDirectory: { readonly cwd: string; readonly path: string; readonly display: string } | undefined;

/** An absolute POSIX path without `.` or `..` segments, empty segments or a trailing slash, as walking and resolving give. */
function isPlainPath(path: string): boolean {
  return path.charCodeAt(0) === 47 && !path.includes("//") && !path.includes("/.") && !path.endsWith("/");
}

/**
 * Paths as users see them: relative to the working directory, with forward slashes. relative()
 * normalizes both paths character by character, about 15 us a file on the bench corpus's 2,000
 * files, so a plain path's directory is made relative once and its files' names are appended.
 * That is what relative() gives unless the path is the working directory or above it.
 */
export function displayPath(absolute: string, cwd: string): string {
  const slash = absolute.lastIndexOf("/");
  const aboveCwd = cwd.startsWith(absolute) && (cwd.length === absolute.length || cwd.charCodeAt(absolute.length) === 47);
  if (sep === "/" && slash > 0 && !aboveCwd && isPlainPath(absolute) && isPlainPath(cwd)) {
    const directory = absolute.slice(0, slash);
    if (lastDirectory?.cwd !== cwd || lastDirectory.path !== directory) lastDirectory = { cwd, path: directory, display: relative(cwd, directory) };
    const name = absolute.slice(slash + 1);
    return lastDirectory.display === "" ? name : `${lastDirectory.display}/${name}`;
  }
  const rel = relative(cwd, absolute);
  return (rel === "" ? absolute : rel).split(sep).join("/");
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "ENOTDIR":
      return "a part of the path is a file, not a directory";
    case "EISDIR":
      return "is a directory, not a file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "too many levels of symbolic links";
    default:
      return (error as Error).message;
  }
}

/**
 * `.statelintignore` rules, from the nearest such file at or above the working directory (as
 * `.eslintignore` was): its patterns are relative to its own folder, in gitignore syntax.
 */
export class IgnoreFile {
  private constructor(
    private readonly root: string,
    private readonly rules: Ignore | undefined,
  ) {}

  static async load(cwd: string): Promise<IgnoreFile> {
    for (let directory = cwd; ; directory = dirname(directory)) {
      const path = join(directory, IGNORE_FILE);
      try {
        const text = readFileSync(path, "utf8");
        // Only projects with an ignore file pay for loading the gitignore matcher.
        const { default: ignore } = await import("ignore");
        return new IgnoreFile(directory, ignore().add(text));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "ENOENT" && code !== "ENOTDIR") throw new FatalError(`${path}: cannot read the ignore file: ${describeFsError(error)}`);
      }
      if (dirname(directory) === directory) return new IgnoreFile(cwd, undefined);
    }
  }

  ignores(absolute: string, isDirectory = false): boolean {
    if (!this.rules) return false;
    const rel = relative(this.root, absolute);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return false;
    const posix = rel.split(sep).join("/");
    return this.rules.ignores(isDirectory ? `${posix}/` : posix);
  }
}

function isFileEntry(entry: Dirent, path: string, errors: InputError[], cwd: string): boolean {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  // Symlinked files are linted; symlinked directories are not walked, so a link cycle cannot hang a run.
  try {
    return statSync(path).isFile();
  } catch (error) {
    errors.push({ path: displayPath(path, cwd), message: `broken symbolic link (${describeFsError(error)})` });
    return false;
  }
}

function walk(directory: string, ignores: IgnoreFile, found: string[], errors: InputError[], cwd: string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    errors.push({ path: displayPath(directory, cwd), message: `cannot read directory: ${describeFsError(error)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (NEVER_WALKED.has(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!ignores.ignores(path, true)) walk(path, ignores, found, errors, cwd);
    } else if (isManifestPath(entry.name) && !CONFIG_NAMES.has(entry.name) && isFileEntry(entry, path, errors, cwd) && !ignores.ignores(path)) {
      found.push(path);
    }
  }
}

function isNeverWalked(path: string): boolean {
  return path.split(/[\\/]/).some((segment) => NEVER_WALKED.has(segment));
}

/**
 * Expands the command line's inputs into manifest files. Explicit files are taken whatever their
 * extension (the user named them) but still honour `.statelintignore`, so a pre-commit hook that
 * passes every staged file skips what the project ignores.
 */
export async function collectInputs(inputs: readonly string[], cwd: string, ignores: IgnoreFile): Promise<CollectedInputs> {
  const files: string[] = [];
  const errors: InputError[] = [];
  let stdin = false;
  for (const input of inputs) {
    if (input === "-") {
      stdin = true;
      continue;
    }
    const absolute = resolve(cwd, input);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      if (GLOB_CHARACTERS.test(input)) {
        const matches = await expandGlob(input, cwd, ignores);
        if (matches.length === 0) errors.push({ path: input, message: "no .yaml, .yml or .json file matches this glob" });
        files.push(...matches);
        continue;
      }
      errors.push({ path: input, message: describeFsError(error) });
      continue;
    }
    if (stats.isDirectory()) walk(absolute, ignores, files, errors, cwd);
    else if (stats.isFile()) {
      if (!ignores.ignores(absolute)) files.push(absolute);
    } else errors.push({ path: input, message: "is neither a file nor a directory" });
  }
  return { files: [...new Set(files)], errors, stdin };
}

async function expandGlob(pattern: string, cwd: string, ignores: IgnoreFile): Promise<string[]> {
  // Only runs that use globs pay for loading the glob library.
  const { glob } = await import("tinyglobby");
  const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true, followSymbolicLinks: false, expandDirectories: false });
  return matches
    .map((match) => resolve(match))
    .filter((match) => isManifestPath(match) && !CONFIG_NAMES.has(basename(match)) && !isNeverWalked(relative(cwd, match)) && !ignores.ignores(match))
    .sort();
}
