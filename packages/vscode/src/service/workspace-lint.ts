import {
  CheckCache, IncrementalLinter, lintFiles, lintFilesSync, parseSource, placedFindings,
  type ConfigProblem, type Finding, type FindingProvider, type FindingRun, type ResolvedConfig, type RuleRegistry, type SourceFile,
} from "@statelint/core";
import { sep } from "node:path";
import { ConfigStore, isConfigPath, type LoadedConfig } from "./configs.js";
import { isManifestPath, nodeFileSystem, type ManifestFileSystem } from "./file-system.js";
import { IncrementalParser } from "./incremental-parse.js";
import { PolicyStore, type PolicyLoader } from "./policies.js";

/** An editor buffer: its unsaved text wins over the file on disk. */
export interface OpenDocument {
  readonly path: string;
  readonly version: number;
  readonly text: string;
}

export interface FileReport {
  readonly path: string;
  readonly file: SourceFile;
  /** The version of the open document that was linted; `undefined` for a file read from disk. */
  readonly version: number | undefined;
  /** Findings that no suppression silenced, in the engine's order. */
  readonly findings: readonly Finding[];
  /** The same findings as the linter keeps them, in runs that moved documents keep from edit to edit. */
  readonly runs: readonly FindingRun[];
  /** The namespace objects without one are placed in (from the file's configuration). */
  readonly namespace: string;
  /** `kubernetesVersion` of the file's configuration. */
  readonly kubernetesVersion: string | undefined;
}

export interface BundleReport {
  /** The workspace folder, or the file itself when it lies in no folder. */
  readonly bundle: string;
  readonly files: ReadonlyMap<string, FileReport>;
  /** Problems of every configuration file involved, including those that have none (to clear them). */
  readonly configs: ReadonlyMap<string, readonly ConfigProblem[]>;
}

export type DiskChange = "created" | "changed" | "deleted";

export interface LintServiceOptions {
  readonly registry: RuleRegistry;
  /** Whether the workspace is trusted: user policies are loaded only then. */
  readonly trusted: boolean;
  /** An absolute path to a config file used instead of discovery. */
  readonly configPath?: string | undefined;
  readonly fs?: ManifestFileSystem;
  readonly loadPolicies?: PolicyLoader;
}

/** Files beyond this many in one folder are not read: the editor must stay responsive in a huge tree. */
const MAX_FILES_PER_FOLDER = 5000;
/** From this many files up, the open files are linted on their own before the whole folder is read. */
const OPEN_FILES_FIRST_MIN_FILES = 50;
/** Matches core's parse limit; bigger files on disk are not read at all. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Lints workspace folders as bundles for an editor. It knows nothing about LSP: documents are
 * paths with versions, results are core findings. Parsed files are cached by path and version
 * (open documents) or until the disk copy changes, so an edit re-parses one file.
 */
export class WorkspaceLintService {
  readonly registry: RuleRegistry;
  private folders: string[] = [];
  private readonly configOverride: string | undefined;
  private readonly fs: ManifestFileSystem;
  private readonly open = new Map<string, OpenDocument>();
  private readonly parsers = new Map<string, IncrementalParser>();
  private readonly parsed = new Map<string, { readonly version: number | undefined; readonly file: SourceFile }>();
  private readonly listings = new Map<string, string[]>();
  private readonly configs: ConfigStore;
  private readonly policies: PolicyStore;
  private readonly latest = new Map<string, FileReport>();
  /** Per bundle: the last run kept up to date, so an edit costs what it can affect rather than a full run. */
  private readonly linters = new Map<string, IncrementalLinter>();
  /** Per bundle with user policies: the last run's checks and what they looked up (policies see the whole bundle each time). */
  private readonly checks = new Map<string, CheckCache>();
  /** Per bundle: the reports of the last run, reused for files whose findings did not change. */
  private readonly reports = new Map<string, Map<string, FileReport>>();
  /** Bundles linted whole at least once: their files are read and parsed. */
  private readonly indexed = new Set<string>();

  constructor(options: LintServiceOptions) {
    this.registry = options.registry;
    this.fs = options.fs ?? nodeFileSystem;
    this.policies = new PolicyStore(options.trusted, options.loadPolicies);
    this.configOverride = options.configPath || undefined;
    this.configs = new ConfigStore(this.registry, (path) => this.read(path), this.configOverride);
  }

  setFolders(folders: readonly string[]): void {
    this.indexed.clear();
    this.checks.clear();
    this.linters.clear();
    this.reports.clear();
    // Nested folders: the innermost one is the bundle, so longer paths are tried first.
    this.folders = [...new Set(folders)].sort((a, b) => b.length - a.length);
    this.listings.clear();
  }

  /** The bundle a file belongs to: its workspace folder, or the file alone. */
  bundleOf(path: string): string {
    for (const folder of this.folders) if (path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep)) return folder;
    return path;
  }

  /** Bundles that hold at least one open document: the ones whose diagnostics are on screen. */
  openBundles(): Set<string> {
    return new Set([...this.open.keys()].map((path) => this.bundleOf(path)));
  }

  /** Open documents of one bundle. */
  openPaths(bundle: string): string[] {
    return [...this.open.keys()].filter((path) => this.bundleOf(path) === bundle);
  }

  openDocument(document: OpenDocument): void {
    this.open.set(document.path, document);
    if (isConfigPath(document.path)) void this.configChanged();
  }

  updateDocument(document: OpenDocument): void {
    this.openDocument(document);
  }

  closeDocument(path: string): void {
    this.open.delete(path);
    this.parsed.delete(path);
    this.parsers.delete(path);
    this.latest.delete(path);
    // A file outside every folder was its own bundle.
    this.checks.delete(path);
    this.linters.delete(path);
    this.reports.delete(path);
    if (isConfigPath(path)) void this.configChanged();
  }

  document(path: string): OpenDocument | undefined {
    return this.open.get(path);
  }

  /**
   * Files changed on disk (watched-file events). Returns the bundles to lint again: every open one
   * when a configuration changed, since one config can govern several folders.
   */
  diskChanged(changes: readonly { readonly path: string; readonly change: DiskChange }[]): Set<string> {
    const affected = new Set<string>();
    let config = false;
    for (const { path, change } of changes) {
      if (isConfigPath(path) || path === this.configOverride) config = true;
      if (!this.open.has(path)) this.parsed.delete(path);
      const bundle = this.bundleOf(path);
      if (change !== "changed") this.listings.delete(bundle);
      affected.add(bundle);
    }
    if (config) {
      void this.configChanged();
      for (const bundle of this.openBundles()) affected.add(bundle);
    }
    return affected;
  }

  /** The most recent report of a file, whatever version it was made from. */
  lastReport(path: string): FileReport | undefined {
    return this.latest.get(path);
  }

  /**
   * Whether the bundle has been linted whole since it was opened. A lone file, or a folder small
   * enough to lint whole at once, needs no first pass over its open files alone.
   */
  isIndexed(bundle: string): boolean {
    return this.indexed.has(bundle) || !this.folders.includes(bundle) || this.pathsOf(bundle).length < OPEN_FILES_FIRST_MIN_FILES;
  }

  /**
   * Lints only the open documents of a bundle, keeping what they show on their own (no finding of
   * a check that looked at other objects, no unused suppressions): the first diagnostics of a
   * freshly opened workspace, out before its other files are read.
   */
  async lintOpen(bundle: string): Promise<BundleReport> {
    return this.lintPaths(bundle, this.openPaths(bundle).filter(isManifestPath).sort(), true);
  }

  /** Lints a bundle with the current text of every open document in it. */
  async lint(bundle: string): Promise<BundleReport> {
    const report = await this.lintPaths(bundle, this.pathsOf(bundle), false);
    this.indexed.add(bundle);
    return report;
  }

  private async lintPaths(bundle: string, paths: readonly string[], localOnly: boolean): Promise<BundleReport> {
    const files: SourceFile[] = [];
    const versions = new Map<string, number | undefined>();
    const used = new Map<string, LoadedConfig>();
    const configOf = new Map<string, LoadedConfig>();
    for (const path of paths) {
      if (isConfigPath(path)) {
        used.set(path, this.configs.load(path));
        continue;
      }
      const source = this.source(path);
      if (!source) continue;
      files.push(source.file);
      versions.set(path, source.version);
      const config = this.configs.forFile(path);
      configOf.set(path, config);
      used.set(config.file ?? "", config);
    }
    const configFor = (path: string) => (configOf.get(path) ?? this.configs.forFile(path)).resolved;
    const providers = await this.policies.providersFor(used.values());
    const findings = providers.length > 0 || localOnly
      ? await this.lintWhole(bundle, files, providers, configFor, localOnly)
      : this.lintEdited(bundle, files, configFor);
    const previous = localOnly ? undefined : this.reports.get(bundle);
    const reports = new Map<string, FileReport>();
    for (const file of files) {
      const before = previous?.get(file.path);
      const changed = findings.get(file.path);
      const report: FileReport = before && !changed && before.file === file && before.version === versions.get(file.path)
        ? before
        : fileReport(file, versions.get(file.path), changed ?? before?.runs ?? [], configFor(file.path));
      reports.set(file.path, report);
      if (this.open.has(file.path) && !localOnly) this.latest.set(file.path, report);
    }
    if (!localOnly) this.reports.set(bundle, reports);
    const configs = new Map<string, readonly ConfigProblem[]>();
    for (const [file, config] of used) if (file !== "") configs.set(file, config.problems);
    return { bundle, files: reports, configs };
  }

  /**
   * Updates the bundle's long-lived linter. Returns the unsuppressed findings of the files whose
   * findings may have changed; every other file's are as in the last report.
   */
  private lintEdited(bundle: string, files: readonly SourceFile[], configFor: (path: string) => ResolvedConfig): Map<string, readonly FindingRun[]> {
    let linter = this.linters.get(bundle);
    if (!linter) this.linters.set(bundle, (linter = new IncrementalLinter(this.registry)));
    // Reports made by another path (the policies' full runs) do not follow the linter's changes.
    if (this.checks.delete(bundle)) this.reports.delete(bundle);
    const findings = new Map<string, readonly FindingRun[]>();
    for (const path of linter.update(files, configFor)) findings.set(path, linter.runsOf(path).map(unsuppressed));
    return findings;
  }

  /** A full run over the files (reusing checks an edit cannot affect): the open files' own pass, or a bundle with user policies. */
  private async lintWhole(bundle: string, files: readonly SourceFile[], providers: readonly FindingProvider[], configFor: (path: string) => ResolvedConfig, localOnly: boolean): Promise<Map<string, readonly FindingRun[]>> {
    const options = { registry: this.registry, configFor, localOnly };
    let result;
    if (localOnly) result = lintFilesSync(files, options);
    else {
      let checkCache = this.checks.get(bundle);
      if (!checkCache) this.checks.set(bundle, (checkCache = new CheckCache()));
      this.linters.delete(bundle);
      this.reports.delete(bundle);
      result = await lintFiles(files, { ...options, checkCache, providers });
    }
    const findings = new Map<string, Finding[]>(files.map((file) => [file.path, []]));
    for (const finding of result.findings) if (!finding.suppression) findings.get(finding.file)?.push(finding);
    return new Map([...findings].map(([path, list]) => [path, [{ findings: list, offset: 0, line: 0 }]]));
  }

  /** Stops user policies; the service is not used afterwards. */
  async dispose(): Promise<void> {
    await this.policies.invalidate();
  }

  private async configChanged(): Promise<void> {
    this.configs.invalidate();
    await this.policies.invalidate();
  }

  private pathsOf(bundle: string): string[] {
    if (!this.folders.includes(bundle)) return [bundle];
    let listing = this.listings.get(bundle);
    if (!listing) {
      listing = this.fs.listManifests(bundle, MAX_FILES_PER_FOLDER);
      this.listings.set(bundle, listing);
    }
    const paths = new Set(listing);
    for (const path of this.open.keys()) if (isManifestPath(path) && this.bundleOf(path) === bundle) paths.add(path);
    return [...paths].sort();
  }

  private read(path: string): string | undefined {
    return this.open.get(path)?.text ?? this.fs.readFile(path);
  }

  private source(path: string): { file: SourceFile; version: number | undefined } | undefined {
    const document = this.open.get(path);
    const cached = this.parsed.get(path);
    if (cached && cached.version === document?.version) return cached;
    let text = document?.text;
    if (text === undefined) {
      const size = this.fs.size(path);
      if (size === undefined || size > MAX_FILE_BYTES) return undefined;
      text = this.fs.readFile(path);
      if (text === undefined) return undefined;
    }
    let file: SourceFile;
    if (document) {
      // Open documents are edited one document at a time: keep the untouched ones.
      let parser = this.parsers.get(path);
      if (!parser) this.parsers.set(path, (parser = new IncrementalParser()));
      file = parser.parse(path, text);
    } else {
      file = parseSource(path, text);
    }
    const entry = { version: document?.version, file };
    this.parsed.set(path, entry);
    return entry;
  }
}

/** A run without the findings a suppression silenced (the same run when none is). */
function unsuppressed(run: FindingRun): FindingRun {
  return run.findings.some((finding) => finding.suppression) ? { ...run, findings: run.findings.filter((finding) => !finding.suppression) } : run;
}

/** A file's report; its findings are placed from the runs when first read (code actions and hovers read them, publishing reads the runs). */
function fileReport(file: SourceFile, version: number | undefined, runs: readonly FindingRun[], config: ResolvedConfig): FileReport {
  let findings: readonly Finding[] | undefined;
  return {
    path: file.path,
    file,
    version,
    get findings() {
      return (findings ??= placedFindings(runs));
    },
    runs,
    namespace: config.namespace,
    kubernetesVersion: config.kubernetesVersion,
  };
}
