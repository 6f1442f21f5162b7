import type { Finding, FindingRun } from "@statelint/core";
import type { Connection, Diagnostic } from "vscode-languageserver";
import type { BundleReport, WorkspaceLintService } from "../../service/workspace-lint.js";
import { publishedInRuns } from "../diagnostics-encoder.js";
import { configProblemToDiagnostic, internalErrorDiagnostic, sameDiagnostic, toDiagnostic } from "../to-lsp.js";
import type { UriMap } from "../uris.js";

export interface DiagnosticsOptions {
  /** Quiet time after an edit before the bundle is linted again. */
  readonly debounceMs: number;
  /** The version of an open document as the client last sent it; `undefined` once closed. */
  readonly versionOf: (path: string) => number | undefined;
}

/**
 * Lints bundles after edits and publishes diagnostics for every open file of the bundle, so fixing
 * a Service in one file clears the error shown in another. A run superseded by a newer edit, or
 * made from an older version of a document, never publishes.
 */
export class DiagnosticsPublisher {
  /** Cancels the pending run of each bundle. */
  private readonly pending = new Map<string, () => void>();
  private readonly generations = new Map<string, number>();
  /**
   * What was last sent per URI with its version, to skip republishing files nobody edited on every
   * keystroke elsewhere. An edited document is always published for its new version, even with
   * the same diagnostics: clients take a publish for an older version as stale.
   */
  private readonly sent = new Map<string, Sent>();
  private readonly configUris = new Set<string>();
  /**
   * What each run of findings was last shown as, and how far down its document had moved: a run
   * standing for a document the edits only moved is the same array from edit to edit.
   */
  private readonly runDiagnostics = new WeakMap<readonly Finding[], RunDiagnostics>();

  constructor(
    private readonly connection: Connection,
    private readonly service: WorkspaceLintService,
    private readonly uris: UriMap,
    private readonly options: DiagnosticsOptions,
  ) {}

  schedule(bundle: string, delay = this.options.debounceMs): void {
    const generation = (this.generations.get(bundle) ?? 0) + 1;
    this.generations.set(bundle, generation);
    this.pending.get(bundle)?.();
    const run = () => {
      this.pending.delete(bundle);
      void this.run(bundle, generation);
    };
    // A timer waits at least a millisecond; no debounce means right after the pending messages.
    if (delay > 0) {
      const timer = setTimeout(run, delay);
      this.pending.set(bundle, () => clearTimeout(timer));
    } else {
      const immediate = setImmediate(run);
      this.pending.set(bundle, () => clearImmediate(immediate));
    }
  }

  /** Removes a closed document's diagnostics. */
  clear(path: string): void {
    const uri = this.uris.toUri(path);
    this.sent.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
  }

  private async run(bundle: string, generation: number): Promise<void> {
    if (!this.service.isIndexed(bundle)) {
      // A freshly opened workspace: show what the open files say on their own first, then read
      // every file of the folder and lint the whole bundle.
      if (!(await this.lintAndPublish(bundle, generation, () => this.service.lintOpen(bundle)))) return;
      await new Promise((resolve) => setImmediate(resolve));
      if (this.generations.get(bundle) !== generation) return;
    }
    await this.lintAndPublish(bundle, generation, () => this.service.lint(bundle));
  }

  /** Publishes a lint's diagnostics unless a newer edit superseded it; false when it did or failed. */
  private async lintAndPublish(bundle: string, generation: number, lint: () => Promise<BundleReport>): Promise<boolean> {
    let report: BundleReport;
    try {
      report = await lint();
    } catch (error) {
      if (this.generations.get(bundle) !== generation) return false;
      const message = error instanceof Error ? error.message : String(error);
      this.connection.console.error(`statelint: linting ${bundle} failed: ${error instanceof Error ? error.stack : message}`);
      for (const path of this.service.openPaths(bundle)) this.send(path, undefined, [internalErrorDiagnostic(message)]);
      return false;
    }
    if (this.generations.get(bundle) !== generation) return false;
    // Only open documents show diagnostics: a workspace of thousands of files is not walked per edit.
    for (const path of this.service.openPaths(bundle).sort()) {
      const file = report.files.get(path);
      const current = this.options.versionOf(path);
      if (!file) continue;
      if (current === undefined || current !== file.version) continue;
      this.sendFindings(path, current, file.runs);
    }
    this.publishConfigs(report);
    return true;
  }

  private publishConfigs(report: BundleReport): void {
    for (const [file, problems] of report.configs) {
      const uri = this.uris.toUri(file);
      if (problems.length > 0) this.configUris.add(uri);
      else if (!this.configUris.delete(uri)) continue;
      this.send(file, this.options.versionOf(file), problems.map(configProblemToDiagnostic));
    }
  }

  /**
   * Diagnostics are made anew only for findings that read differently from the last publish: a
   * run of findings the linter kept (a document the edit neither changed nor moved along its
   * lines) keeps its diagnostics whole; in other runs, a finding keeps the diagnostic of the last
   * publish's finding at the same place when both read the same. The diagnostics kept are the
   * instances sent before, so they need not be serialized again.
   */
  private sendFindings(path: string, version: number, runs: readonly FindingRun[]): void {
    const last = this.sent.get(this.uris.toUri(path));
    const before = last?.findings ?? [];
    const beforeLines = last?.lines;
    const shown = last?.diagnostics ?? [];
    let count = 0;
    for (const run of runs) count += run.findings.length;
    // Findings are in file order: those before an edit keep their index, those after it their index from the end.
    const skew = before.length - count;
    const kept = (finding: Finding, lines: number, index: number) => {
      const other = before[index];
      if (other === undefined) return undefined;
      const otherLines = beforeLines?.[index] ?? 0;
      return (other === finding && otherLines === lines) || sameDiagnostic(other, finding, otherLines, lines) ? shown[index] : undefined;
    };
    const uriOf = (other: string) => this.uris.toUri(other);
    const findings = new Array<Finding>(count);
    const lines = new Int32Array(count);
    const diagnostics = new Array<Diagnostic>(count);
    const pieces: (readonly Diagnostic[])[] = [];
    let index = 0;
    for (const run of runs) {
      let made = this.runDiagnostics.get(run.findings);
      if (made === undefined || made.line !== run.line) {
        const list = run.findings.map((finding, at) =>
          kept(finding, run.line, index + at) ?? kept(finding, run.line, index + at + skew) ?? toDiagnostic(finding, uriOf, run.line));
        this.runDiagnostics.set(run.findings, (made = { line: run.line, diagnostics: list }));
      }
      pieces.push(made.diagnostics);
      for (let at = 0; at < run.findings.length; at++, index++) {
        findings[index] = run.findings[at] as Finding;
        lines[index] = run.line;
        diagnostics[index] = made.diagnostics[at] as Diagnostic;
      }
    }
    publishedInRuns.set(diagnostics, pieces);
    this.send(path, version, diagnostics, findings, lines);
  }

  private send(path: string, version: number | undefined, diagnostics: Diagnostic[], findings?: readonly Finding[], lines?: Int32Array): void {
    const uri = this.uris.toUri(path);
    const last = this.sent.get(uri);
    if (last && last.version === version && sameDiagnostics(last, diagnostics)) return;
    this.sent.set(uri, { version, diagnostics, findings, lines });
    void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  }
}

interface Sent {
  readonly version: number | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** The findings the diagnostics were made from, when they were, as their runs kept them. */
  readonly findings: readonly Finding[] | undefined;
  /** How far down each finding's document had moved since it was computed (none: 0). */
  readonly lines: Int32Array | undefined;
  /** Serialized once some later publish of the same version needed comparing. */
  json?: string;
}

/** Diagnostics equal to those last sent: the same objects, or else the same JSON. */
function sameDiagnostics(last: Sent, diagnostics: readonly Diagnostic[]): boolean {
  if (last.diagnostics.length !== diagnostics.length) return false;
  if (diagnostics.every((diagnostic, index) => diagnostic === last.diagnostics[index])) return true;
  last.json ??= JSON.stringify(last.diagnostics);
  return JSON.stringify(diagnostics) === last.json;
}

interface RunDiagnostics {
  readonly line: number;
  readonly diagnostics: readonly Diagnostic[];
}
