import { podTemplateOf, type PodTemplate } from "../model/extract.js";
import type { K8sObject } from "../model/object.js";
import { asRecord } from "../model/values.js";
import { labelSelector, mapSelector, selectorMatches, type Labels, type Selector } from "./selectors.js";

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

/** Objects that select pods, indexed by each `key=value` of their selector so a lookup is not a scan. */
class SelectorIndex {
  private readonly byPair = new Map<string, PodSelectorOwner[]>();
  private readonly unindexed: PodSelectorOwner[] = [];

  add(owner: PodSelectorOwner): void {
    const [first] = Object.entries(owner.selector.matchLabels);
    if (!first) {
      this.unindexed.push(owner);
      return;
    }
    const key = `${first[0]}=${first[1]}`;
    const list = this.byPair.get(key);
    if (list) list.push(owner);
    else this.byPair.set(key, [owner]);
  }

  /** Owners whose selector selects these labels. */
  selecting(labels: Labels): PodSelectorOwner[] {
    const result: PodSelectorOwner[] = [];
    for (const [key, value] of Object.entries(labels)) {
      for (const owner of this.byPair.get(`${key}=${value}`) ?? []) if (selectorMatches(owner.selector, labels)) result.push(owner);
    }
    for (const owner of this.unindexed) if (selectorMatches(owner.selector, labels)) result.push(owner);
    return result;
  }
}

/** Pod templates indexed by each of their labels. */
class TemplateIndex {
  private readonly byPair = new Map<string, PodTemplateOwner[]>();
  private readonly all: PodTemplateOwner[] = [];

  add(owner: PodTemplateOwner): void {
    this.all.push(owner);
    for (const [key, value] of Object.entries(owner.template.labels)) {
      const pair = `${key}=${value}`;
      const list = this.byPair.get(pair);
      if (list) list.push(owner);
      else this.byPair.set(pair, [owner]);
    }
  }

  selectedBy(selector: Selector): PodTemplateOwner[] {
    // Asking "is there any workload here" should not test every template against nothing.
    if (selector.requirements.length === 0 && Object.keys(selector.matchLabels).length === 0) return [...this.all];
    const [first] = Object.entries(selector.matchLabels);
    const candidates = first ? (this.byPair.get(`${first[0]}=${first[1]}`) ?? []) : this.all;
    return candidates.filter((owner) => selectorMatches(selector, owner.template.labels));
  }
}

interface NamespaceIndex {
  readonly byKindAndName: Map<string, K8sObject[]>;
  readonly byKind: Map<string, K8sObject[]>;
  readonly services: SelectorIndex;
  readonly disruptionBudgets: SelectorIndex;
  readonly templates: TemplateIndex;
}

function objectKey(group: string, kind: string, namespace: string, name: string): string {
  return `${group}\u0000${kind}\u0000${namespace}\u0000${name}`;
}

/** What a lookup read: objects of a kind in one namespace (`*` for every namespace), or every object. */
const EVERYTHING = "*";
const POD_TEMPLATES = "#pod-templates";
function readKey(namespace: string, kind: string): string {
  return `${namespace}\u0000${kind}`;
}

/**
 * The reads whose answers change when this object is added, removed or changed: a check that
 * recorded none of them cannot see the object.
 */
export function readsAnsweredBy(object: K8sObject): string[] {
  const keys = [EVERYTHING, readKey(EVERYTHING, object.kind), readKey(object.namespace, object.kind)];
  if (podTemplateOf(object)) keys.push(readKey(object.namespace, POD_TEMPLATES));
  return keys;
}

/** A value derived from the bundle with `cached`, and what building it looked up. */
export interface Derived {
  readonly value: unknown;
  readonly reads: ReadonlySet<string>;
}

/** What using a derived value reads: the value itself, so an edit that leaves it equal affects none of its users. */
export function derivedReadKey(key: string): string {
  return `derived\u0000${key}`;
}

/**
 * Every object of one run, indexed by identity, kind and namespace, with label-selector lookups.
 * Cross-object rules ask the bundle instead of walking the objects themselves.
 */
export class Bundle {
  private readonly all: readonly K8sObject[];
  private readonly byIdentity = new Map<string, K8sObject[]>();
  private readonly namespaces = new Map<string, NamespaceIndex>();
  private readonly byKindAllNamespaces = new Map<string, K8sObject[]>();
  private readonly derived = new Map<string, Derived>();
  /** Where lookups are being noted: the innermost last (a derived value built during a check). */
  private readonly recorders: Set<string>[] = [];
  /** Derived values built without a lookup, kept for the current subject only (see `cached`). */
  private subjectMemos = new Map<string, unknown>();
  private subject: unknown;

  constructor(objects: readonly K8sObject[]) {
    this.all = objects;
    for (const object of objects) this.add(object);
  }

  /** Every object of the run (reading it makes a check depend on all of them). */
  get objects(): readonly K8sObject[] {
    this.read(EVERYTHING);
    return this.all;
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
      index = { byKindAndName: new Map(), byKind: new Map(), services: new SelectorIndex(), disruptionBudgets: new SelectorIndex(), templates: new TemplateIndex() };
      this.namespaces.set(namespace, index);
    }
    return index;
  }

  private add(object: K8sObject): void {
    push(this.byIdentity, objectKey(object.group, object.kind, object.namespace, object.name), object);
    push(this.byKindAllNamespaces, object.kind, object);
    const index = this.namespaceIndex(object.namespace);
    push(index.byKindAndName, `${object.kind}\u0000${object.name}`, object);
    push(index.byKind, object.kind, object);
    const spec = asRecord(object.raw["spec"]);
    if (object.kind === "Service" && object.group === "") {
      const selector = mapSelector(spec["selector"]);
      // A Service without a selector has hand-managed endpoints and selects no pods.
      if (!selector.empty) index.services.add({ object, selector });
    } else if (object.kind === "PodDisruptionBudget") {
      // A PDB without a selector protects nothing; in policy/v1beta1 an empty one does not either
      // (policy/v1 made `{}` select every pod of the namespace).
      const selector = labelSelector(spec["selector"]);
      const selectsNothing = spec["selector"] === undefined || spec["selector"] === null || (selector.empty && object.apiVersion === "policy/v1beta1");
      if (!selectsNothing) index.disruptionBudgets.add({ object, selector });
    } else {
      const template = podTemplateOf(object);
      if (template) index.templates.add({ object, template });
    }
  }

  /** All objects sharing this identity (more than one is a duplicate). */
  withIdentity(object: K8sObject): readonly K8sObject[] {
    this.read(readKey(object.namespace, object.kind));
    return this.byIdentity.get(objectKey(object.group, object.kind, object.namespace, object.name)) ?? [];
  }

  /** The object of a kind and name in a namespace (the first one, if duplicated). */
  find(kind: string, namespace: string, name: string): K8sObject | undefined {
    this.read(readKey(namespace, kind));
    return this.namespaces.get(namespace)?.byKindAndName.get(`${kind}\u0000${name}`)?.[0];
  }

  /** The object of a group, kind and name in a namespace (the first one, if duplicated). */
  findInGroup(group: string, kind: string, namespace: string, name: string): K8sObject | undefined {
    this.read(readKey(namespace, kind));
    return this.byIdentity.get(objectKey(group, kind, namespace, name))?.[0];
  }

  /** Objects of a kind, in one namespace or in all of them. */
  ofKind(kind: string, namespace?: string): readonly K8sObject[] {
    this.read(readKey(namespace ?? EVERYTHING, kind));
    if (namespace === undefined) return this.byKindAllNamespaces.get(kind) ?? [];
    return this.namespaces.get(namespace)?.byKind.get(kind) ?? [];
  }

  hasKind(kind: string): boolean {
    this.read(readKey(EVERYTHING, kind));
    return (this.byKindAllNamespaces.get(kind)?.length ?? 0) > 0;
  }

  /**
   * A value derived from the bundle, built on first use and kept for the run: rules use it for
   * their own reverse indexes (StatefulSets by serviceName) instead of rescanning per object.
   */
  cached<T>(key: string, build: (bundle: Bundle) => T): T {
    // A check depends on the value, not on what building it read: see CheckCache.
    this.read(derivedReadKey(key));
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
    else this.derived.set(key, { value, reads });
    return value;
  }

  /** Services in the namespace whose selector selects these pod labels. */
  servicesSelecting(namespace: string, labels: Labels): PodSelectorOwner[] {
    this.read(readKey(namespace, "Service"));
    return this.namespaces.get(namespace)?.services.selecting(labels) ?? [];
  }

  /** PodDisruptionBudgets in the namespace whose selector selects these pod labels. */
  disruptionBudgetsSelecting(namespace: string, labels: Labels): PodSelectorOwner[] {
    this.read(readKey(namespace, "PodDisruptionBudget"));
    return this.namespaces.get(namespace)?.disruptionBudgets.selecting(labels) ?? [];
  }

  /** Workloads in the namespace whose pod template the selector selects. */
  podTemplatesSelectedBy(namespace: string, selector: Selector): PodTemplateOwner[] {
    this.read(readKey(namespace, POD_TEMPLATES));
    return this.namespaces.get(namespace)?.templates.selectedBy(selector) ?? [];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
