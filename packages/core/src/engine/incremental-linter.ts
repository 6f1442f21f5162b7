import { resolveConfig, type ResolvedConfig, type RuleRegistry } from "../config/resolve.js";
import { Bundle, derivedEntryReadKey, derivedKeyOf, derivedReadKey, type Derived } from "../graph/bundle.js";
import { objectsOf, type K8sObject } from "../model/object.js";
import { asRecord } from "../model/values.js";
import type { SourceDocument, SourceFile } from "../source/parse.js";
import type { SourceRange } from "../source/position.js";
import { compareFindings, type Finding } from "./finding.js";
import { displaceFinding, displaceFindings, shiftFindings, type DocumentShift } from "./moved-documents.js";
import { ANNOTATION_PREFIX, applicableRules, FindingCollector, finishFindings, objectChecker, runSourceRules } from "./lint.js";
import type { AnyRule } from "./rule.js";

/** What the linter keeps of one file: its objects in the bundle, and its findings. */
interface FileState {
  readonly file: SourceFile;
  readonly config: ResolvedConfig;
  /** In file order; an object an edit left alone is kept as the instance of the last run. */
  readonly objects: readonly K8sObject[];
  readonly sourceFindings: readonly Finding[];
  /** Suppressions applied, sorted: what a full run reports for the file, in runs. */
  runs: readonly FindingRun[];
  /** The runs' findings placed, made when first asked for. */
  findings: readonly Finding[] | undefined;
}

/**
 * A stretch of a file's findings in order, as their checks computed them: each is shown `offset`
 * characters and `line` lines further on, where its document has moved since. A file's findings
 * are its runs' findings so placed, one run after another. A run that stands for one document's
 * findings is the same array edit after edit while the document only moves, so a front-end can
 * keep what it made of it.
 */
export interface FindingRun {
  readonly findings: readonly Finding[];
  readonly offset: number;
  readonly line: number;
}

/** The findings of runs, each placed where its document is now. */
export function placedFindings(runs: readonly FindingRun[]): readonly Finding[] {
  if (runs.length === 1 && (runs[0] as FindingRun).offset === 0 && (runs[0] as FindingRun).line === 0) return (runs[0] as FindingRun).findings;
  return runs.flatMap((run) => displaceFindings(run.findings, run.offset, run.line));
}

/** One rule's check of one object: its findings, and what it looked up (nothing: it depends on the object alone). */
interface RuleCheck {
  /** Replaced when the document they point into moves. */
  findings: readonly Finding[];
  readonly reads: ReadonlySet<string>;
}

/** One object's checks. */
interface Tracked {
  readonly object: K8sObject;
  /** Each rule's check, in registry order. */
  readonly checks: ReadonlyMap<string, RuleCheck>;
  /** Those with findings, in the same order. */
  readonly reporting: readonly RuleCheck[];
  /**
   * Those of `reporting` whose findings lie wholly in the object's own document: kept as computed
   * while the document moves (by `shift`), so a move costs nothing per finding. The others are
   * shifted finding by finding, and are the ones an edit that moves documents must visit.
   */
  readonly local: ReadonlySet<RuleCheck>;
  /** How far the object's document moved since its checks ran. */
  readonly shift: { offset: number; line: number };
  /** The local checks' findings, sorted, as computed: built when first needed. */
  segment?: readonly Finding[];
}

/** One `update`: the reads it changed, and what its checks produce. */
interface CheckRun {
  readonly changed: ReadonlySet<string>;
  readonly collector: FindingCollector;
  readonly dirty: Set<string>;
  /** Checks run in this update: they saw the updated bundle already. */
  readonly fresh: ReadonlySet<RuleCheck>;
  /** Checks whose findings point into text the edit changed: they run again whatever they looked up. */
  readonly stale: ReadonlySet<RuleCheck>;
}

/** What an update changes in the bundle: objects gone, new, or the same text moved within its file. */
interface BundleEdit {
  readonly removed: K8sObject[];
  readonly added: K8sObject[];
  /** Per edited file with a moved document: where each untouched document went. */
  readonly shifts: Map<string, DocumentShift[]>;
}

/** The order a full run meets objects in: files by path, then documents and List items in file order. */
function runOrder(a: K8sObject, b: K8sObject): number {
  if (a.file.path !== b.file.path) return a.file.path < b.file.path ? -1 : 1;
  return a.docIndex - b.docIndex || Number(a.basePath[1] ?? 0) - Number(b.basePath[1] ?? 0);
}

function placeOf(object: K8sObject): string {
  return `${object.docIndex}\u0000${object.basePath.join("\u0000")}`;
}

/**
 * How an object of an edited file moved, if its document kept its text (and the file its line
 * endings, which fixes follow): then it is the same object at another place, and every finding
 * and fix computed against it is right for the new text once shifted. `undefined` when the edit
 * changed it.
 */
function movement(before: K8sObject, after: K8sObject, sameEndings: boolean): { offset: number; line: number } | undefined {
  const [a, b] = [before.document, after.document];
  if (!sameEndings || before.namespace !== after.namespace || a.end - a.start !== b.end - b.start) return undefined;
  const [from, to] = [before.file.lines.position(a.start), after.file.lines.position(b.start)];
  if (from.column !== to.column || before.file.text.slice(a.start, a.end) !== after.file.text.slice(b.start, b.end)) return undefined;
  return { offset: b.start - a.start, line: to.line - from.line };
}

/**
 * Points an object at its document in a new version of its file. Only the IncrementalLinter,
 * which owns the objects of the files it is given, does this, and only when `movement` found the
 * document's text unchanged: the object's data is the same, only where it sits differs.
 */
function relocate(object: K8sObject, file: SourceFile, document: SourceDocument): void {
  const place = object as { -readonly [K in "file" | "document"]: K8sObject[K] };
  place.file = file;
  place.document = document;
}

/** The objects of some of a file's documents, in file order (`objectsOf` reads them all). */
function objectsOfDocuments(file: SourceFile, documents: readonly SourceDocument[], namespace: string): K8sObject[] {
  if (documents.length === file.documents.length) return objectsOf(file, namespace);
  const objects = objectsOf({ ...file, documents }, namespace);
  for (const object of objects) (object as { -readonly [K in "file"]: K8sObject[K] }).file = file;
  return objects;
}

/** Indexes are maps of lists of objects: compared that deep, objects by identity. */
const VALUE_DEPTH = 3;

/**
 * Whether a rebuilt derived value holds what the old one did: primitives by value, objects by
 * identity, and arrays, sets, maps and plain records (indexes) by their entries, `depth` levels down.
 */
function sameValue(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (depth === 0 || typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index], depth - 1));
  if (a instanceof Set) return b instanceof Set && a.size === b.size && [...b].every((item) => a.has(item));
  if (a instanceof Map) return b instanceof Map && a.size === b.size && [...b].every(([key, value]) => a.has(key) && sameValue(a.get(key), value, depth - 1));
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth - 1));
}

function intersects(reads: ReadonlySet<string>, keys: ReadonlySet<string>): boolean {
  const [small, large] = reads.size <= keys.size ? [reads, keys] : [keys, reads];
  for (const read of small) if (large.has(read)) return true;
  return false;
}

/**
 * Lints one bundle again and again as its files change (the language server's workspace), doing
 * the work an edit can affect rather than a full run: the bundle's indexes are updated in place,
 * objects whose document an edit left alone keep their checks, a check runs again only when an
 * object it may look up changed (recorded lookups, as in `CheckCache`), and suppressions and
 * sorting are redone only for files whose findings changed. Each file's findings equal what
 * `lintFilesSync` reports for the same files in the same order.
 */
export class IncrementalLinter {
  private bundleOfRun = new Bundle([], runOrder);
  private readonly files = new Map<string, FileState>();
  /** Per object, its checks. */
  private readonly tracked = new Map<K8sObject, Tracked>();
  /** For each lookup, the objects whose checks made it. */
  private readonly readers = new Map<string, Set<Tracked>>();
  /** Derived indexes some check read an entry of (`cachedEntry`): they are rebuilt after an edit to tell which entries changed. */
  private readonly indexesRead = new Set<string>();
  /** For each file, the objects whose checks' findings point into it (a check may report on another object, or relate one). */
  private readonly reporters = new Map<string, Set<Tracked>>();
  private readonly rulesFor: ReturnType<typeof applicableRules>;
  private readonly sourceRules: readonly AnyRule[];
  private readonly defaults: ResolvedConfig;

  constructor(private readonly registry: RuleRegistry) {
    this.rulesFor = applicableRules(registry.rules);
    this.sourceRules = registry.rules.filter((rule) => rule.checkSource);
    this.defaults = resolveConfig(registry).config;
  }

  get bundle(): Bundle {
    return this.bundleOfRun;
  }

  /** The findings of a file as of the last `update`, suppressed ones included (they carry `suppression`). */
  findingsOf(path: string): readonly Finding[] {
    const state = this.files.get(path);
    if (!state) return [];
    state.findings ??= placedFindings(state.runs);
    return state.findings;
  }

  /** `findingsOf` in runs, as they were kept: what costs nothing per finding to hand over after an edit. */
  runsOf(path: string): readonly FindingRun[] {
    return this.files.get(path)?.runs ?? [];
  }

  /**
   * Brings the bundle to these files (in path order, each path once; an unchanged file is the
   * same SourceFile instance as last time). Returns the paths whose findings may have changed,
   * removed files included.
   */
  update(files: readonly SourceFile[], configFor: (path: string) => ResolvedConfig): Set<string> {
    const configs = new Map(files.map((file) => [file.path, configFor(file.path)]));
    // A configuration changes severities and namespaces everywhere it applies: start over.
    if ([...this.files].some(([path, state]) => configs.has(path) && configs.get(path) !== state.config)) this.reset();
    const collector = this.collector();
    const dirty = new Set<string>();
    const edit: BundleEdit = { removed: [], added: [], shifts: new Map() };
    for (const [path, state] of this.files) {
      if (configs.has(path)) continue;
      edit.removed.push(...state.objects);
      this.files.delete(path);
      dirty.add(path);
    }
    for (const file of files) {
      const before = this.files.get(file.path);
      if (before?.file === file) continue;
      const config = configs.get(file.path) as ResolvedConfig;
      const objects = this.objectsAfterEdit(before, file, config, edit);
      collector.findings.length = 0;
      runSourceRules(file, this.sourceRules, collector);
      this.files.set(file.path, { file, config, objects, sourceFindings: [...collector.findings], runs: [], findings: undefined });
      dirty.add(file.path);
    }

    const changed = this.bundleOfRun.update(edit.removed, edit.added);
    const dropped = this.bundleOfRun.invalidate(changed);
    for (const object of edit.removed) this.forget(object, dirty);
    const stale = this.placeFindings(edit, dirty);
    const sure = new Set([...edit.added, ...stale.values()]);
    for (const read of changed) for (const reader of this.readers.get(read) ?? []) sure.add(reader.object);
    const run: CheckRun = { changed, collector, dirty, fresh: new Set(), stale: new Set(stale.keys()) };
    for (const object of [...sure].sort(runOrder)) this.check(object, run);
    // Checks that used a derived value the edit dropped run again only if it is now different.
    const waiting = new Set<K8sObject>();
    for (const marker of this.changedDerived(dropped)) {
      changed.add(marker);
      for (const reader of this.readers.get(marker) ?? []) waiting.add(reader.object);
    }
    for (const object of [...waiting].sort(runOrder)) this.check(object, run);

    for (const path of dirty) this.finish(path);
    return dirty;
  }

  /** Severities follow the configuration of the file a finding points into. */
  private collector(): FindingCollector {
    return new FindingCollector({ registry: this.registry, configFor: (path) => this.files.get(path)?.config ?? this.defaults }, this.defaults);
  }

  private reset(): void {
    this.bundleOfRun = new Bundle([], runOrder);
    this.files.clear();
    this.tracked.clear();
    this.readers.clear();
    this.indexesRead.clear();
    this.reporters.clear();
  }

  /**
   * The objects of a new version of a file: the old instance where its document kept its text,
   * pointed at the new file (with where it went in `shifts`), and new ones elsewhere (noted in
   * `added`, the old ones they replace in `removed`).
   *
   * Keeping the instance of a moved document keeps everything that holds it valid (the bundle's
   * indexes, derived values, per-object views, recorded lookups and checks): none of them
   * depends on where the object sits in its file, only findings do, and those are shifted.
   */
  private objectsAfterEdit(before: FileState | undefined, file: SourceFile, config: ResolvedConfig, edit: BundleEdit): K8sObject[] {
    if (!before) {
      const fresh = objectsOf(file, config.namespace);
      edit.added.push(...fresh);
      return fresh;
    }
    const sameEndings = before.file.text.includes("\r\n") === file.text.includes("\r\n");
    // The editor's parser hands a document whose text it did not re-parse back with the same
    // parsed value: its objects are kept without being read again or compared as text.
    // Both lists are in document order: walk them side by side.
    const kept = new Map<SourceDocument, K8sObject[]>();
    const read: SourceDocument[] = [];
    const old = new Map<string, K8sObject>();
    let at = 0;
    for (const document of file.documents) {
      for (; at < before.objects.length && (before.objects[at] as K8sObject).docIndex < document.index; at++) old.set(placeOf(before.objects[at] as K8sObject), before.objects[at] as K8sObject);
      let end = at;
      while (end < before.objects.length && (before.objects[end] as K8sObject).docIndex === document.index) end++;
      if (sameEndings && end > at && (before.objects[at] as K8sObject).document.value === document.value) {
        kept.set(document, before.objects.slice(at, end));
        at = end;
      } else read.push(document);
    }
    for (; at < before.objects.length; at++) old.set(placeOf(before.objects[at] as K8sObject), before.objects[at] as K8sObject);
    const fresh = read.length === 0 ? [] : objectsOfDocuments(file, read, config.namespace);
    const shifts: DocumentShift[] = [];
    const shifted = new Set<SourceDocument>();
    let anyMoved = false;
    const keep = (previous: K8sObject, document: SourceDocument, move: { offset: number; line: number }) => {
      if (!shifted.has(previous.document)) {
        shifted.add(previous.document);
        shifts.push({ start: previous.document.start, end: previous.document.end, ...move });
      }
      if (move.offset !== 0 || move.line !== 0) {
        anyMoved = true;
        const shift = this.tracked.get(previous)?.shift;
        if (shift) {
          shift.offset += move.offset;
          shift.line += move.line;
        }
      }
      relocate(previous, file, document);
      return previous;
    };
    const objects: K8sObject[] = [];
    let next = 0;
    for (const document of file.documents) {
      const previous = kept.get(document);
      if (previous) {
        const [first] = previous as [K8sObject];
        const move = { offset: document.start - first.document.start, line: file.lines.position(document.start).line - before.file.lines.position(first.document.start).line };
        for (const object of previous) objects.push(keep(object, document, move));
        continue;
      }
      for (; next < fresh.length && (fresh[next] as K8sObject).document === document; next++) {
        const object = fresh[next] as K8sObject;
        const previousObject = old.get(placeOf(object));
        const move = previousObject && movement(previousObject, object, sameEndings);
        if (!previousObject || !move) {
          edit.added.push(object);
          objects.push(object);
          continue;
        }
        old.delete(placeOf(object));
        objects.push(keep(previousObject, document, move));
      }
    }
    edit.removed.push(...old.values());
    if (anyMoved) edit.shifts.set(file.path, shifts);
    return objects;
  }

  /**
   * Places every kept finding that points into a moved document at its new position. Returns the
   * checks whose findings point into text the edit changed, with their objects: they must run again.
   */
  private placeFindings({ shifts }: BundleEdit, dirty: Set<string>): Map<RuleCheck, K8sObject> {
    const stale = new Map<RuleCheck, K8sObject>();
    const pointing = new Set<Tracked>();
    for (const file of shifts.keys()) for (const tracked of this.reporters.get(file) ?? []) pointing.add(tracked);
    for (const tracked of pointing) {
      for (const check of tracked.reporting) {
        if (tracked.local.has(check)) continue;
        const findings = shiftFindings(check.findings, shifts);
        if (findings === check.findings) continue;
        for (const finding of check.findings) {
          dirty.add(finding.file);
          for (const location of finding.related) dirty.add(location.file);
        }
        if (findings === undefined) stale.set(check, tracked.object);
        else check.findings = findings;
      }
    }
    return stale;
  }

  /**
   * Derived values the edit dropped that are now different, as read keys: of the whole value,
   * and of each entry of an index that changed. Those still unbuilt are rebuilt when some check
   * used them: one rebuild is cheaper than running every such check again.
   */
  private changedDerived(dropped: ReadonlyMap<string, Derived>): string[] {
    const bundle = this.bundleOfRun;
    const changed: string[] = [];
    for (const [key, entry] of dropped) {
      const wholeRead = this.readers.get(derivedReadKey(key))?.size;
      if (!wholeRead && !this.indexesRead.has(key)) continue;
      const now = bundle.derivedValues().get(key)?.value ?? bundle.cached(key, entry.build);
      if (sameValue(now, entry.value, VALUE_DEPTH)) continue;
      changed.push(derivedReadKey(key));
      if (!(now instanceof Map) || !(entry.value instanceof Map)) continue;
      for (const name of new Set([...now.keys(), ...entry.value.keys()])) {
        if (!sameValue(now.get(name), entry.value.get(name), VALUE_DEPTH - 1)) changed.push(derivedEntryReadKey(key, String(name)));
      }
    }
    return changed;
  }

  /**
   * Runs the checks of an object that are new or looked up something the edit changed, and files
   * their findings under the files they point into.
   *
   * A new object's checks share per-object views (`startRecording`), as in a full run: what one
   * check's view looked up is what all of them saw, so each check that looked anything up is
   * noted with the lookups of them all. When some of them run again, each runs with views of its
   * own, so its lookups are exactly its own from then on and the next edit re-runs fewer checks.
   */
  private check(object: K8sObject, { changed, collector, dirty, fresh, stale }: CheckRun): void {
    const config = this.files.get(object.file.path)?.config;
    if (!config) return;
    const last = this.tracked.get(object);
    const previous = last?.checks;
    const checks = new Map<string, RuleCheck>();
    const shared = new Set<string>();
    // Checks that shared views share their set of lookups: ask once per set.
    const affected = new Map<ReadonlySet<string>, boolean>();
    const affects = (reads: ReadonlySet<string>) => {
      let known = affected.get(reads);
      if (known === undefined) affected.set(reads, (known = intersects(reads, changed)));
      return known;
    };
    let ran = false;
    const runCheck = objectChecker(object, this.bundleOfRun, config, collector);
    for (const rule of this.rulesFor(config, object.kind)) {
      const before = previous?.get(rule.id);
      if (before && !stale.has(before) && (fresh.has(before) || !affects(before.reads))) {
        checks.set(rule.id, before);
        continue;
      }
      ran = true;
      collector.findings.length = 0;
      const reads = new Set<string>();
      this.bundleOfRun.startRecording(reads, previous ? {} : object);
      try {
        runCheck(rule);
      } finally {
        this.bundleOfRun.stopRecording();
      }
      if (!previous) for (const read of reads) shared.add(read);
      const check = { findings: [...collector.findings], reads: previous || reads.size === 0 ? reads : shared };
      (fresh as Set<RuleCheck>).add(check);
      checks.set(rule.id, check);
    }
    if (!ran) return;
    this.forget(object, dirty);
    // Kept local checks' findings are still where the document was when they ran: place them now.
    if (last && (last.shift.offset !== 0 || last.shift.line !== 0)) {
      for (const check of checks.values()) if (last.local.has(check)) check.findings = displaceFindings(check.findings, last.shift.offset, last.shift.line);
    }
    const reporting = [...checks.values()].filter((check) => check.findings.length > 0);
    const local = new Set(reporting.filter((check) => liesIn(object, check.findings)));
    const tracked: Tracked = { object, checks, reporting, local, shift: { offset: 0, line: 0 } };
    this.tracked.set(object, tracked);
    for (const reads of readSets(checks)) {
      for (const read of reads) {
        setOf(this.readers, read).add(tracked);
        const derived = derivedKeyOf(read);
        if (derived !== undefined && read !== derivedReadKey(derived)) this.indexesRead.add(derived);
      }
    }
    for (const check of tracked.reporting) {
      if (local.has(check)) {
        dirty.add(object.file.path);
        continue;
      }
      for (const finding of check.findings) {
        for (const file of filesOf(finding)) {
          setOf(this.reporters, file).add(tracked);
          dirty.add(file);
        }
      }
    }
  }

  /** Drops what the last run kept of an object's checks; the files they reported in need finishing again. */
  private forget(object: K8sObject, dirty: Set<string>): void {
    const tracked = this.tracked.get(object);
    if (!tracked) return;
    this.tracked.delete(object);
    for (const reads of readSets(tracked.checks)) for (const read of reads) this.readers.get(read)?.delete(tracked);
    for (const check of tracked.reporting) {
      if (tracked.local.has(check)) {
        dirty.add(object.file.path);
        continue;
      }
      for (const finding of check.findings) {
        for (const file of filesOf(finding)) {
          this.reporters.get(file)?.delete(tracked);
          dirty.add(file);
        }
      }
    }
  }

  /** Gathers a file's findings from its source rules and every check that reported in it, and finishes them as a full run does. */
  private finish(path: string): void {
    const state = this.files.get(path);
    if (!state) {
      this.reporters.delete(path);
      return;
    }
    state.findings = undefined;
    state.runs = (isPlain(state) && this.mergedRuns(state, path)) || [{ findings: this.finishedWhole(state, path), offset: 0, line: 0 }];
  }

  /**
   * A plain file's findings (nothing to suppress, no templates to name: finishing is sorting
   * them) without visiting those of documents the edit only moved: each object's local findings
   * are one sorted segment, segments follow each other in document order, and the file's other
   * findings (source rules, findings other objects' checks made here) are merged in between.
   * `undefined` when two findings compare equal across the two: only a full sort tells their order.
   */
  private mergedRuns(state: FileState, path: string): FindingRun[] | undefined {
    const loose: Finding[] = [...state.sourceFindings];
    for (const tracked of [...(this.reporters.get(path) ?? [])].sort((a, b) => runOrder(a.object, b.object))) {
      for (const check of tracked.reporting) {
        if (tracked.local.has(check)) continue;
        for (const finding of check.findings) if (finding.file === path) loose.push(finding);
      }
    }
    loose.sort(compareFindings);
    // A stretch cut out of a segment or of the other findings is made again on every edit: the
    // last run of the same findings stands for it, so what a front-end made of that run stays.
    const lastRuns = new Map<Finding, readonly Finding[]>();
    for (const run of state.runs) if (run.findings.length > 0) lastRuns.set(run.findings[0] as Finding, run.findings);
    const slice = (findings: readonly Finding[], from: number, to: number): readonly Finding[] => {
      const last = lastRuns.get(findings[from] as Finding);
      if (last !== undefined && last.length === to - from && last.every((finding, index) => finding === findings[from + index])) return last;
      return findings.slice(from, to);
    };
    const runs: FindingRun[] = [];
    let next = 0;
    for (const object of state.objects) {
      const tracked = this.tracked.get(object);
      if (!tracked || tracked.local.size === 0) continue;
      const segment = (tracked.segment ??= sortedLocalFindings(tracked));
      const { offset, line } = tracked.shift;
      let from = 0;
      while (from < segment.length) {
        let to = next;
        for (; to < loose.length; to++) {
          const order = compareMoved(segment[from] as Finding, offset, loose[to] as Finding);
          if (order === 0) return undefined;
          if (order < 0) break;
        }
        if (to > next) runs.push({ findings: slice(loose, next, to), offset: 0, line: 0 });
        next = to;
        let end = from + 1;
        if (next === loose.length) end = segment.length;
        for (; end < segment.length; end++) {
          const order = compareMoved(segment[end] as Finding, offset, loose[next] as Finding);
          if (order === 0) return undefined;
          if (order > 0) break;
        }
        runs.push({ findings: from === 0 && end === segment.length ? segment : slice(segment, from, end), offset, line });
        from = end;
      }
    }
    if (next < loose.length) runs.push({ findings: slice(loose, next, loose.length), offset: 0, line: 0 });
    return runs;
  }

  /** Every finding of the file placed and finished as a full run does. */
  private finishedWhole(state: FileState, path: string): Finding[] {
    const collector = this.collector();
    collector.findings.push(...state.sourceFindings);
    const reporters = new Set(this.reporters.get(path));
    for (const object of state.objects) {
      const tracked = this.tracked.get(object);
      if (tracked && tracked.local.size > 0) reporters.add(tracked);
    }
    for (const tracked of [...reporters].sort((a, b) => runOrder(a.object, b.object))) {
      const { offset, line } = tracked.shift;
      for (const check of tracked.reporting) {
        const local = tracked.local.has(check);
        for (const finding of check.findings) if (finding.file === path) collector.findings.push(local ? displaceFinding(finding, offset, line) : finding);
      }
    }
    return finishFindings([state.file], state.objects, collector, { registry: this.registry });
  }
}

/** Per object (kept while its document only moves): whether an annotation of it suppresses findings. */
const suppressing = new WeakMap<K8sObject, boolean>();

function hasSuppressingAnnotation(object: K8sObject): boolean {
  let known = suppressing.get(object);
  if (known === undefined) {
    known = false;
    for (const key in asRecord(asRecord(object.raw["metadata"])["annotations"])) if (key.startsWith(ANNOTATION_PREFIX)) known = true;
    suppressing.set(object, known);
  }
  return known;
}

/**
 * A file whose findings need no finishing but sorting: no suppression comment or annotation
 * (which also means no unused suppression to report) and no `helm template` output to name
 * templates in.
 */
function isPlain(state: FileState): boolean {
  const { text } = state.file;
  return !text.includes("statelint-disable") && !text.includes("# Source:") && !state.objects.some(hasSuppressingAnnotation);
}

/** Whether every position of these findings lies in the object's own document, which holds it alone. */
function liesIn(object: K8sObject, findings: readonly Finding[]): boolean {
  if (object.basePath.length !== 0) return false;
  const { start, end } = object.document;
  const path = object.file.path;
  // Starts inside, so the documents' segments of findings cannot interleave.
  const inside = (range: SourceRange) => range.start.offset >= start && range.start.offset < end && range.end.offset <= end;
  return findings.every((finding) =>
    finding.file === path &&
    inside(finding.range) &&
    finding.related.every((location) => location.file === path && inside(location.range)) &&
    (finding.fix?.edits.every((edit) => edit.start >= start && edit.end <= end) ?? true));
}

function sortedLocalFindings(tracked: Tracked): Finding[] {
  const findings: Finding[] = [];
  for (const check of tracked.reporting) if (tracked.local.has(check)) findings.push(...check.findings);
  return findings.sort(compareFindings);
}

/** `compareFindings` of a finding placed `offset` further on with one of the same file. */
function compareMoved(a: Finding, offset: number, b: Finding): number {
  return (
    a.range.start.offset + offset - b.range.start.offset ||
    a.range.end.offset + offset - b.range.end.offset ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** Checks that shared views share one set of lookups: each set once. */
function readSets(checks: ReadonlyMap<string, RuleCheck>): Set<ReadonlySet<string>> {
  return new Set([...checks.values()].map((check) => check.reads));
}

/** The files a finding points into: its own, and those of its related locations. */
function filesOf(finding: Finding): string[] {
  return finding.related.length === 0 ? [finding.file] : [finding.file, ...finding.related.map((location) => location.file)];
}

function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
