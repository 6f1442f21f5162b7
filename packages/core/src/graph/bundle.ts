import { podTemplateOf, type PodTemplate } from "../model/extract.js";
import type { K8sObject } from "../model/object.js";
import { asRecord } from "../model/values.js";
import { selectorMatches, serviceSelectorOf, specLabelSelectorOf, type Labels, type Selector } from "./selectors.js";

/** A workload's pod template, indexed so selectors can find it. */
export interface PodTemplateOwner {
  readonly object: K8sObject;
  readonly template: PodTemplate;
}

/** An object that selects pods (Service, PodDisruptionBudget), with its parsed selector. */
export interface PodSelectorOwner {
  readonly object: K8sObject;
  readonly selector: Selector;
}

/** Orders objects as a full run would meet them; `undefined` while they are only ever appended. */
export type ObjectOrder = (a: K8sObject, b: K8sObject) => number;

/**
 * Lists by label key, then value. Nested rather than keyed by a `key=value` string: a run indexes
 * and looks up labels of every workload, and each such string was built, then hashed, to be thrown away.
 */
class PairIndex<T extends Indexed> {
  private readonly byKey = new Map<string, Map<string, T[]>>();

  add(key: string, value: string, item: T, order: ObjectOrder | undefined): void {
    let byValue = this.byKey.get(key);
    if (!byValue) this.byKey.set(key, (byValue = new Map()));
    insert(byValue, value, item, order);
  }

  remove(key: string, value: string, object: K8sObject): void {
    const byValue = this.byKey.get(key);
    if (!byValue) return;
    removeFrom(byValue, value, object);
    if (byValue.size === 0) this.byKey.delete(key);
  }

  get(key: string, value: string): readonly T[] | undefined {
    return this.byKey.get(key)?.get(value);
  }
}

/** The first key of a selector's matchLabels, which indexes it with its value (no pair is made: every lookup asks). */
function firstKey(labels: Labels): string | undefined {
  for (const key in labels) return key;
  return undefined;
}

/** Objects that select pods, indexed by the first `key=value` of their selector so a lookup is not a scan. */
class SelectorIndex {
  private readonly byPair = new PairIndex<PodSelectorOwner>();
  private readonly unindexed: PodSelectorOwner[] = [];

  add(owner: PodSelectorOwner, order: ObjectOrder | undefined): void {
    const labels = owner.selector.matchLabels;
    const key = firstKey(labels);
    if (key !== undefined) this.byPair.add(key, labels[key]!, owner, order);
    else insertOrdered(this.unindexed, owner, order);
  }

  remove(owner: PodSelectorOwner): void {
    const labels = owner.selector.matchLabels;
    const key = firstKey(labels);
    if (key !== undefined) this.byPair.remove(key, labels[key]!, owner.object);
    else removeWhere(this.unindexed, owner.object);
  }

  /** Owners whose selector selects these labels. */
  selecting(labels: Labels): PodSelectorOwner[] {
    const result: PodSelectorOwner[] = [];
    // `for…in` over labels from asStringMap (own keys only): every workload asks, per index.
    for (const key in labels) {
      const owners = this.byPair.get(key, labels[key]!);
      if (owners) for (const owner of owners) if (selectorMatches(owner.selector, labels)) result.push(owner);
    }
    for (const owner of this.unindexed) if (selectorMatches(owner.selector, labels)) result.push(owner);
    return result;
  }
}

/** What a selector with no candidate selects. */
const NO_OWNERS: readonly PodTemplateOwner[] = Object.freeze([]);

/** Pod templates indexed by each of their labels. */
class TemplateIndex {
  private readonly byPair = new PairIndex<PodTemplateOwner>();
  private readonly all: PodTemplateOwner[] = [];

  add(owner: PodTemplateOwner, order: ObjectOrder | undefined): void {
    insertOrdered(this.all, owner, order);
    const labels = owner.template.labels;
    for (const key in labels) this.byPair.add(key, labels[key]!, owner, order);
  }

  remove(owner: PodTemplateOwner): void {
    removeWhere(this.all, owner.object);
    for (const [key, value] of Object.entries(owner.template.labels)) this.byPair.remove(key, value, owner.object);
  }

  selectedBy(selector: Selector): readonly PodTemplateOwner[] {
    const labels = selector.matchLabels;
    const first = firstKey(labels);
    // Asking "is there any workload here" should not test every template against nothing.
    if (selector.requirements.length === 0 && first === undefined) return this.all;
    const candidates = first === undefined ? this.all : (this.byPair.get(first, labels[first]!) ?? NO_OWNERS);
    // The candidates themselves when all of them match (a selector of one label, most of them):
    // a copy is made only from the first that does not.
    let kept: PodTemplateOwner[] | undefined;
    for (let at = 0; at < candidates.length; at++) {
      const owner = candidates[at]!;
      if (selectorMatches(selector, owner.template.labels)) kept?.push(owner);
      else kept ??= candidates.slice(0, at);
    }
    return kept ?? candidates;
  }
}

/** The objects of one kind in one namespace, and those of each name (several of one name are duplicates, or of different groups). */
interface KindIndex {
  readonly objects: K8sObject[];
  readonly byName: Map<string, K8sObject[]>;
}

interface NamespaceIndex {
  readonly kinds: Map<string, KindIndex>;
  readonly services: SelectorIndex;
  readonly disruptionBudgets: SelectorIndex;
  readonly templates: TemplateIndex;
}

/** The objects of a list that belong to an API group: the list itself when all of them do (nearly always). */
function inGroup(objects: readonly K8sObject[], group: string): readonly K8sObject[] {
  return objects.every((object) => object.group === group) ? objects : objects.filter((object) => object.group === group);
}

/** What a lookup read: objects of a kind in one namespace (`*` for every namespace), or every object. */
const EVERYTHING = "*";
const POD_TEMPLATES = "#pod-templates";
const SERVICES = "#services";
const DISRUPTION_BUDGETS = "#disruption-budgets";
function readKey(namespace: string, kind: string): string {
  return `${namespace}\u0000${kind}`;
}

/** One object by kind and name: a duplicate check or a reference depends on that name alone. */
function nameReadKey(namespace: string, kind: string, name: string): string {
  return `${namespace}\u0000${kind}\u0000${name}`;
}

/** One `key=value` pair of a selector index (`""`: the entries that no pair indexes). */
function pairReadKey(namespace: string, index: string, pair: string): string {
  return `${namespace}\u0000${index}\u0000${pair}`;
}

const SELECTOR_INDEX_KEYS = { services: SERVICES, disruptionBudgets: DISRUPTION_BUDGETS } as const;

/**
 * The reads whose answers change when this object is added, removed or changed: a check that
 * recorded none of them cannot see the object.
 */
export function readsAnsweredBy(object: K8sObject): string[] {
  const { namespace, kind } = object;
  const keys = [EVERYTHING, readKey(EVERYTHING, kind), readKey(namespace, kind), nameReadKey(namespace, kind, object.name)];
  const owner = selectorOwner(object);
  if (owner?.index === "templates") {
    keys.push(readKey(namespace, POD_TEMPLATES));
    for (const [key, value] of Object.entries(owner.template.labels)) keys.push(pairReadKey(namespace, POD_TEMPLATES, `${key}=${value}`));
  } else if (owner) {
    const [first] = Object.entries(owner.selector.matchLabels);
    keys.push(pairReadKey(namespace, SELECTOR_INDEX_KEYS[owner.index], first ? `${first[0]}=${first[1]}` : ""));
  }
  return keys;
}

/** A value derived from the bundle with `cached`, and what building it looked up. */
export interface Derived {
  readonly value: unknown;
  readonly reads: ReadonlySet<string>;
  /** How it was built, so a long-lived bundle can rebuild it after an edit. */
  readonly build: (bundle: Bundle) => unknown;
}

/** What using a derived value reads: the value itself, so an edit that leaves it equal affects none of its users. */
export function derivedReadKey(key: string): string {
  return `${DERIVED_PREFIX}${key}`;
}

const DERIVED_PREFIX = "derived\u0000";
const ENTRY_SEPARATOR = "\u0001";

/** What using one entry of a derived index reads (see `cachedEntry`). */
export function derivedEntryReadKey(key: string, entry: string): string {
  return `${DERIVED_PREFIX}${key}${ENTRY_SEPARATOR}${entry}`;
}

/** The derived value a read key names (the whole value or one of its entries), or `undefined` for a lookup. */
export function derivedKeyOf(read: string): string | undefined {
  if (!read.startsWith(DERIVED_PREFIX)) return undefined;
  const end = read.indexOf(ENTRY_SEPARATOR, DERIVED_PREFIX.length);
  return read.slice(DERIVED_PREFIX.length, end < 0 ? undefined : end);
}

/**
 * Every object of one run, indexed by identity, kind and namespace, with label-selector lookups.
 * Cross-object rules ask the bundle instead of walking the objects themselves.
 */
export class Bundle {
  private readonly all: K8sObject[] = [];
  private readonly namespaces = new Map<string, NamespaceIndex>();
  private readonly byKindAllNamespaces = new Map<string, K8sObject[]>();
  private readonly derived = new Map<string, Derived>();
  /** Where lookups are being noted: the innermost last (a derived value built during a check). */
  private readonly recorders: Set<string>[] = [];
  /** Derived values built without a lookup, kept for the current subject only (see `cached`). */
  private subjectMemos = new Map<string, unknown>();
  private subject: unknown;

  /**
   * `order` is given by a long-lived bundle that objects are added to and removed from (see
   * `update`): every lookup then lists objects in that order, as a bundle built whole would.
   */
  constructor(objects: readonly K8sObject[], private readonly order?: ObjectOrder) {
    // Indexed: the constructor runs once per run, unoptimized, where for…of makes a result per object.
    for (let at = 0; at < objects.length; at++) this.add(objects[at]!);
  }

  /** Every object of the run (reading it makes a check depend on all of them). */
  get objects(): readonly K8sObject[] {
    this.read(EVERYTHING);
    return this.all;
  }

  /**
   * Replaces objects in place (an edit of some files), so an edit costs what it touches rather
   * than a rebuild of every index. Returns the reads whose answers may have changed.
   */
  update(removed: readonly K8sObject[], added: readonly K8sObject[]): Set<string> {
    const changed = new Set<string>();
    for (const object of removed) {
      this.remove(object);
      for (const read of readsAnsweredBy(object)) changed.add(read);
    }
    for (const object of added) {
      this.add(object);
      for (const read of readsAnsweredBy(object)) changed.add(read);
    }
    return changed;
  }

  /**
   * Drops the derived values built from what the changed reads answer (and values built from
   * those), and forgets every per-subject memo: both are rebuilt on next use. Returns the dropped
   * values, for a caller that compares them with their rebuilt successors.
   */
  invalidate(changed: ReadonlySet<string>): Map<string, Derived> {
    this.subject = undefined;
    this.subjectMemos = new Map();
    const dropped = new Map<string, Derived>();
    if (changed.size === 0) return dropped;
    for (let grew = true; grew; ) {
      grew = false;
      for (const [key, entry] of this.derived) {
        for (const read of entry.reads) {
          const derivedKey = derivedKeyOf(read);
          if (!changed.has(read) && (derivedKey === undefined || !dropped.has(derivedKey))) continue;
          dropped.set(key, entry);
          this.derived.delete(key);
          grew = true;
          break;
        }
      }
    }
    return dropped;
  }

  /**
   * Notes every lookup into `reads` until `stopRecording`, so a long-lived linter knows which
   * edits a check can see. `subject` is the object being checked: derived values that were built
   * without a lookup are memos filled lazily by their callers (per-object views), so while
   * recording they are kept per subject and the lookups that fill them land in its checks.
   */
  startRecording(reads: Set<string>, subject: unknown): void {
    if (subject !== this.subject) {
      this.subject = subject;
      this.subjectMemos = new Map();
    }
    this.recorders.push(reads);
  }

  stopRecording(): void {
    this.recorders.pop();
  }

  /**
   * Whether lookups are being noted. Read keys are built only then: a one-off run (the CLI) never
   * records, and making a key string per lookup was a measurable part of its rules' time.
   */
  private get recording(): boolean {
    return this.recorders.length > 0;
  }

  private read(key: string): void {
    this.recorders.at(-1)?.add(key);
  }

  /** The derived values built in this bundle so far (the shared ones, not per-subject memos). */
  derivedValues(): ReadonlyMap<string, Derived> {
    return this.derived;
  }

  private namespaceIndex(namespace: string): NamespaceIndex {
    let index = this.namespaces.get(namespace);
    if (!index) {
      index = { kinds: new Map(), services: new SelectorIndex(), disruptionBudgets: new SelectorIndex(), templates: new TemplateIndex() };
      this.namespaces.set(namespace, index);
    }
    return index;
  }

  private add(object: K8sObject): void {
    const order = this.order;
    insertOrdered(this.all, object, order);
    insert(this.byKindAllNamespaces, object.kind, object, order);
    const index = this.namespaceIndex(object.namespace);
    let kind = index.kinds.get(object.kind);
    if (!kind) index.kinds.set(object.kind, (kind = { objects: [], byName: new Map() }));
    insertOrdered(kind.objects, object, order);
    insert(kind.byName, object.name, object, order);
    const owner = selectorOwner(object);
    if (owner?.index === "templates") index.templates.add(owner, order);
    else if (owner) index[owner.index].add(owner, order);
  }

  private remove(object: K8sObject): void {
    removeWhere(this.all, object);
    removeFrom(this.byKindAllNamespaces, object.kind, object);
    const index = this.namespaces.get(object.namespace);
    if (!index) return;
    const kind = index.kinds.get(object.kind);
    if (kind) {
      removeWhere(kind.objects, object);
      removeFrom(kind.byName, object.name, object);
      if (kind.objects.length === 0) index.kinds.delete(object.kind);
    }
    const owner = selectorOwner(object);
    if (owner?.index === "templates") index.templates.remove(owner);
    else if (owner) index[owner.index].remove(owner);
  }

  /** All objects sharing this identity (more than one is a duplicate). */
  withIdentity(object: K8sObject): readonly K8sObject[] {
    if (this.recording) this.read(nameReadKey(object.namespace, object.kind, object.name));
    return inGroup(this.named(object.kind, object.namespace, object.name), object.group);
  }

  private named(kind: string, namespace: string, name: string): readonly K8sObject[] {
    return this.namespaces.get(namespace)?.kinds.get(kind)?.byName.get(name) ?? [];
  }

  /** The object of a kind and name in a namespace (the first one, if duplicated). */
  find(kind: string, namespace: string, name: string): K8sObject | undefined {
    if (this.recording) this.read(nameReadKey(namespace, kind, name));
    return this.named(kind, namespace, name)[0];
  }

  /** The object of a group, kind and name in a namespace (the first one, if duplicated). */
  findInGroup(group: string, kind: string, namespace: string, name: string): K8sObject | undefined {
    // The name's read covers every group: an edit to another Service of the namespace cannot change the answer.
    if (this.recording) this.read(nameReadKey(namespace, kind, name));
    return this.named(kind, namespace, name).find((object) => object.group === group);
  }

  /** Objects of a kind, in one namespace or in all of them. */
  ofKind(kind: string, namespace?: string): readonly K8sObject[] {
    if (this.recording) this.read(readKey(namespace ?? EVERYTHING, kind));
    if (namespace === undefined) return this.byKindAllNamespaces.get(kind) ?? [];
    return this.namespaces.get(namespace)?.kinds.get(kind)?.objects ?? [];
  }

  hasKind(kind: string): boolean {
    if (this.recording) this.read(readKey(EVERYTHING, kind));
    return (this.byKindAllNamespaces.get(kind)?.length ?? 0) > 0;
  }

  /**
   * A value derived from the bundle, built on first use and kept for the run: rules use it for
   * their own reverse indexes (StatefulSets by serviceName) instead of rescanning per object.
   */
  cached<T>(key: string, build: (bundle: Bundle) => T): T {
    // A check depends on the value, not on what building it read: see CheckCache.
    if (this.recording) this.read(derivedReadKey(key));
    return this.derive(key, build);
  }

  /**
   * One entry of a derived index (a map built once, as with `cached`): a check depends on that
   * entry only, so an edit that changes other entries of the index does not affect it.
   */
  cachedEntry<V>(key: string, build: (bundle: Bundle) => ReadonlyMap<string, V>, entry: string): V | undefined {
    if (this.recording) this.read(derivedEntryReadKey(key, entry));
    return this.derive(key, build).get(entry);
  }

  private derive<T>(key: string, build: (bundle: Bundle) => T): T {
    const known = this.derived.get(key);
    if (known) return known.value as T;
    if (this.subjectMemos.has(key)) return this.subjectMemos.get(key) as T;
    // Built in a scope of its own, so memos it fills are not shared with the subject's checks
    // (their lookups are noted in the derived value's reads only).
    const reads = new Set<string>();
    const subjectMemos = this.subjectMemos;
    this.subjectMemos = new Map();
    this.recorders.push(reads);
    let value: T;
    try {
      value = build(this);
    } finally {
      this.recorders.pop();
      this.subjectMemos = subjectMemos;
    }
    if (reads.size === 0 && this.recorders.length > 0) this.subjectMemos.set(key, value);
    else this.derived.set(key, { value, reads, build });
    return value;
  }

  /** A selector index is asked for the owners indexed under each pair of the labels, and the unindexed ones. */
  private readSelecting(namespace: string, index: string, labels: Labels): void {
    if (!this.recording) return;
    for (const [key, value] of Object.entries(labels)) this.read(pairReadKey(namespace, index, `${key}=${value}`));
    this.read(pairReadKey(namespace, index, ""));
  }

  /** Services in the namespace whose selector selects these pod labels. */
  servicesSelecting(namespace: string, labels: Labels): PodSelectorOwner[] {
    this.readSelecting(namespace, SERVICES, labels);
    return this.namespaces.get(namespace)?.services.selecting(labels) ?? [];
  }

  /** PodDisruptionBudgets in the namespace whose selector selects these pod labels. */
  disruptionBudgetsSelecting(namespace: string, labels: Labels): PodSelectorOwner[] {
    this.readSelecting(namespace, DISRUPTION_BUDGETS, labels);
    return this.namespaces.get(namespace)?.disruptionBudgets.selecting(labels) ?? [];
  }

  /** Workloads in the namespace whose pod template the selector selects (the bundle's own list: read it, do not keep it). */
  podTemplatesSelectedBy(namespace: string, selector: Selector): readonly PodTemplateOwner[] {
    if (this.recording) {
      const first = firstKey(selector.matchLabels);
      this.read(first !== undefined ? pairReadKey(namespace, POD_TEMPLATES, `${first}=${selector.matchLabels[first]}`) : readKey(namespace, POD_TEMPLATES));
    }
    return this.namespaces.get(namespace)?.templates.selectedBy(selector) ?? NO_OWNERS;
  }
}

/** Where an object goes in the bundle's selector indexes, if anywhere. */
function selectorOwner(object: K8sObject): (PodSelectorOwner & { index: "services" | "disruptionBudgets" }) | (PodTemplateOwner & { index: "templates" }) | undefined {
  const spec = asRecord(object.raw["spec"]);
  if (object.kind === "Service" && object.group === "") {
    const selector = serviceSelectorOf(object);
    // A Service without a selector has hand-managed endpoints and selects no pods.
    return selector.empty ? undefined : { index: "services", object, selector };
  }
  if (object.kind === "PodDisruptionBudget") {
    // A PDB without a selector protects nothing; in policy/v1beta1 an empty one does not either
    // (policy/v1 made `{}` select every pod of the namespace).
    const selector = specLabelSelectorOf(object);
    const selectsNothing = spec["selector"] === undefined || spec["selector"] === null || (selector.empty && object.apiVersion === "policy/v1beta1");
    return selectsNothing ? undefined : { index: "disruptionBudgets", object, selector };
  }
  const template = podTemplateOf(object);
  return template ? { index: "templates", object, template } : undefined;
}

type Indexed = K8sObject | { readonly object: K8sObject };

function objectOf(item: Indexed): K8sObject {
  return "object" in item ? item.object : item;
}

/** Appends, or with an order inserts where the order puts the item (lists are kept ordered). */
function insertOrdered<T extends Indexed>(list: T[], item: T, order: ObjectOrder | undefined): void {
  if (!order) {
    list.push(item);
    return;
  }
  const last = list.at(-1);
  if (last === undefined || order(objectOf(last), objectOf(item)) <= 0) {
    list.push(item);
    return;
  }
  let [low, high] = [0, list.length - 1];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(objectOf(list[middle] as T), objectOf(item)) <= 0) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, item);
}

function insert<K, V extends Indexed>(map: Map<K, V[]>, key: K, value: V, order: ObjectOrder | undefined): void {
  const list = map.get(key);
  if (list) insertOrdered(list, value, order);
  else map.set(key, [value]);
}

function removeWhere<T extends Indexed>(list: T[], object: K8sObject): boolean {
  const at = list.findIndex((item) => objectOf(item) === object);
  if (at < 0) return false;
  list.splice(at, 1);
  return true;
}

function removeFrom<K, V extends Indexed>(map: Map<K, V[]>, key: K, object: K8sObject): void {
  const list = map.get(key);
  if (list && removeWhere(list, object) && list.length === 0) map.delete(key);
}
