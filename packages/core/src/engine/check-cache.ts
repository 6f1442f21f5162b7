import type { ResolvedConfig } from "../config/resolve.js";
import { derivedKeyOf, derivedReadKey, readsAnsweredBy, type Bundle, type Derived } from "../graph/bundle.js";
import { objectsOf, type K8sObject } from "../model/object.js";
import type { SourceFile } from "../source/parse.js";
import type { Finding } from "./finding.js";

/** The findings of every rule's check of one object, and what those checks looked up in the bundle. */
export interface ObjectChecks {
  readonly config: ResolvedConfig;
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
  /** Rules whose check looked up something in the bundle. */
  readonly lookedUp: ReadonlySet<string>;
  /**
   * Every lookup of those checks together: checks of one object share per-object views that
   * the first of them builds, so what one check's view read is what all of them saw.
   */
  readonly reads: ReadonlySet<string>;
}

/** Where an object sits: its file, document and path in the document. */
function placeOf(object: K8sObject): string {
  return `${object.file.path}\u0000${object.docIndex}\u0000${object.basePath.join("\u0000")}`;
}

/**
 * Whether a new instance is the old object as other checks see it: an edit elsewhere in its file
 * left its document's text and position alone, so lookups return the same content and findings
 * pointing into it keep their ranges.
 */
function unchanged(before: K8sObject, after: K8sObject): boolean {
  const [a, b] = [before.document, after.document];
  if (before.namespace !== after.namespace || a.start !== b.start || a.end !== b.end) return false;
  if (before.file.lines.position(a.start).line !== after.file.lines.position(b.start).line) return false;
  return before.file.text.slice(a.start, a.end) === after.file.text.slice(b.start, b.end);
}

/** A read of one entry of a derived value counts here as a read of the whole value. */
function wholeValueRead(read: string): string {
  const key = derivedKeyOf(read);
  return key === undefined ? read : derivedReadKey(key);
}

/** Whether an edit can change what a check saw: not at all, surely, or only if a derived value changed. */
export type Affected = "no" | "yes" | "if-derived-changed";

/**
 * What a long-lived linter (the language server) keeps between runs of one bundle so an edit
 * re-checks only what it can affect. Each run is compared with the one before: objects are the
 * same instances while their file is unchanged (the same parsed SourceFile), so the added and
 * removed instances are exactly the edit. A check that looked nothing up depends on its object
 * alone and is reused while the object is; one that looked something up is reused unless the
 * edit added, removed or changed an object that one of its lookups can return.
 *
 * Derived values (`bundle.cached`) are bundle-wide indexes and answers: a check depends on the
 * value, not on everything building it read. When an edit touches what a derived value read,
 * checks that use it wait until the run has rebuilt it; if it is a primitive equal to the last
 * one ("the bundle has a backup mechanism" stays true), they are reused.
 * Held weakly: entries go with the parsed files they came from.
 */
export class CheckCache {
  private readonly objects = new WeakMap<SourceFile, { readonly namespace: string; readonly objects: K8sObject[] }>();
  private readonly checks = new WeakMap<K8sObject, ObjectChecks>();
  /** The latest value of every derived value some run built. */
  private readonly derived = new Map<string, Derived>();
  private previous = new Set<K8sObject>();
  private changed = new Set<string>();
  private pending = new Set<string>();

  /** The objects of a file, the same instances as last run while the file is unchanged. */
  objectsOf(file: SourceFile, namespace: string): K8sObject[] {
    const cached = this.objects.get(file);
    if (cached && cached.namespace === namespace) return cached.objects;
    const objects = objectsOf(file, namespace);
    this.objects.set(file, { namespace, objects });
    return objects;
  }

  /** Starts a run over these objects: notes which lookups the difference from the last run answers differently. */
  begin(objects: readonly K8sObject[]): void {
    const current = new Set(objects);
    const removed = new Map<string, K8sObject>();
    for (const object of this.previous) if (!current.has(object)) removed.set(placeOf(object), object);
    const changed = new Set<string>();
    for (const object of current) {
      if (this.previous.has(object)) continue;
      const before = removed.get(placeOf(object));
      if (before && unchanged(before, object)) {
        removed.delete(placeOf(object));
        continue;
      }
      for (const read of readsAnsweredBy(object)) changed.add(read);
    }
    for (const object of removed.values()) for (const read of readsAnsweredBy(object)) changed.add(read);
    this.previous = current;
    this.changed = changed;
    // Derived values may read others: repeat until no more become pending.
    const pending = new Set<string>();
    for (let grew = changed.size > 0; grew; ) {
      grew = false;
      for (const [key, { reads }] of this.derived) {
        const marker = derivedReadKey(key);
        if (pending.has(marker)) continue;
        for (const read of reads) {
          if (!changed.has(read) && !pending.has(wholeValueRead(read))) continue;
          pending.add(marker);
          grew = true;
          break;
        }
      }
    }
    this.pending = pending;
  }

  /**
   * Once every check that surely had to run has run: a pending derived value that was rebuilt as
   * the same primitive changed nothing; any other pending one counts as changed.
   */
  settle(bundle: Bundle): void {
    const rebuilt = bundle.derivedValues();
    for (const [key, entry] of this.derived) {
      const marker = derivedReadKey(key);
      if (!this.pending.has(marker)) continue;
      const now = rebuilt.get(key);
      const same = now !== undefined && (typeof entry.value !== "object" || entry.value === null) && Object.is(now.value, entry.value);
      if (!same) this.changed.add(marker);
    }
    this.pending.clear();
  }

  /** Keeps the derived values this run built, for the next run to compare with. */
  finish(bundle: Bundle): void {
    for (const [key, entry] of bundle.derivedValues()) this.derived.set(key, entry);
  }

  /** The object's checks of the last run, when made with this configuration. */
  lookup(object: K8sObject, config: ResolvedConfig): ObjectChecks | undefined {
    const entry = this.checks.get(object);
    return entry && entry.config === config ? entry : undefined;
  }

  /** Whether the current run's edit can change what these checks looked up. */
  affects(checks: ObjectChecks): Affected {
    if (this.changed.size === 0) return "no";
    let pending = false;
    for (const read of checks.reads) {
      const whole = wholeValueRead(read);
      if (this.changed.has(read) || this.changed.has(whole)) return "yes";
      if (this.pending.has(whole)) pending = true;
    }
    return pending ? "if-derived-changed" : "no";
  }

  store(object: K8sObject, checks: ObjectChecks): void {
    this.checks.set(object, checks);
  }
}
