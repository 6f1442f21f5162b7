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

/**
 * Every object of one run, indexed by identity, kind and namespace, with label-selector lookups.
 * Cross-object rules ask the bundle instead of walking the objects themselves.
 */
export class Bundle {
  readonly objects: readonly K8sObject[];
  private readonly byIdentity = new Map<string, K8sObject[]>();
  private readonly namespaces = new Map<string, NamespaceIndex>();
  private readonly byKindAllNamespaces = new Map<string, K8sObject[]>();
  private readonly derived = new Map<string, unknown>();

  constructor(objects: readonly K8sObject[]) {
    this.objects = objects;
    for (const object of objects) this.add(object);
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
    return this.byIdentity.get(objectKey(object.group, object.kind, object.namespace, object.name)) ?? [];
  }

  /** The object of a kind and name in a namespace (the first one, if duplicated). */
  find(kind: string, namespace: string, name: string): K8sObject | undefined {
    return this.namespaces.get(namespace)?.byKindAndName.get(`${kind}\u0000${name}`)?.[0];
  }

  /** Objects of a kind, in one namespace or in all of them. */
  ofKind(kind: string, namespace?: string): readonly K8sObject[] {
    if (namespace === undefined) return this.byKindAllNamespaces.get(kind) ?? [];
    return this.namespaces.get(namespace)?.byKind.get(kind) ?? [];
  }

  hasKind(kind: string): boolean {
    return (this.byKindAllNamespaces.get(kind)?.length ?? 0) > 0;
  }

  /**
   * A value derived from the bundle, built on first use and kept for the run: rules use it for
   * their own reverse indexes (StatefulSets by serviceName) instead of rescanning per object.
   */
  cached<T>(key: string, build: (bundle: Bundle) => T): T {
    if (this.derived.has(key)) return this.derived.get(key) as T;
    const value = build(this);
    this.derived.set(key, value);
    return value;
  }

  /** Services in the namespace whose selector selects these pod labels. */
  servicesSelecting(namespace: string, labels: Labels): PodSelectorOwner[] {
    return this.namespaces.get(namespace)?.services.selecting(labels) ?? [];
  }

  /** PodDisruptionBudgets in the namespace whose selector selects these pod labels. */
  disruptionBudgetsSelecting(namespace: string, labels: Labels): PodSelectorOwner[] {
    return this.namespaces.get(namespace)?.disruptionBudgets.selecting(labels) ?? [];
  }

  /** Workloads in the namespace whose pod template the selector selects. */
  podTemplatesSelectedBy(namespace: string, selector: Selector): PodTemplateOwner[] {
    return this.namespaces.get(namespace)?.templates.selectedBy(selector) ?? [];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
