import { derivedInPlace } from "../model/memo.js";
import type { K8sObject } from "../model/object.js";
import { asArray, asRecord, asString, asStringMap, isRecord } from "../model/values.js";

export type Labels = Readonly<Record<string, string>>;

interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** A parsed selector: equality pairs plus set-based requirements. */
export interface Selector {
  readonly matchLabels: Labels;
  readonly requirements: readonly Requirement[];
  /** An empty selector: `{}` in a LabelSelector selects everything; an absent Service selector selects nothing. */
  readonly empty: boolean;
}

/** Most selectors have no requirements; they share one empty list (the bundle keeps every selector). */
const NO_REQUIREMENTS: readonly Requirement[] = Object.freeze([]);

/** A Service-style selector: a plain map of labels. */
export function mapSelector(value: unknown): Selector {
  const matchLabels = asStringMap(value);
  return { matchLabels, requirements: NO_REQUIREMENTS, empty: Object.keys(matchLabels).length === 0 };
}

/** A LabelSelector (`matchLabels` and `matchExpressions`), as StatefulSets, PDBs and affinity terms use. */
export function labelSelector(value: unknown): Selector {
  const record = asRecord(value);
  const matchLabels = asStringMap(record["matchLabels"]);
  const expressions = asArray(record["matchExpressions"]).filter(isRecord);
  const requirements = expressions.length === 0 ? NO_REQUIREMENTS : expressions.map((expression) => ({
    key: asString(expression["key"]) ?? "",
    operator: asString(expression["operator"]) ?? "",
    values: asArray(expression["values"]).map(String),
  }));
  return { matchLabels, requirements, empty: Object.keys(matchLabels).length === 0 && requirements.length === 0 };
}

/**
 * A Service's `spec.selector` (a map of labels), parsed once per object: the bundle indexes it and
 * several Service rules match it.
 */
export const serviceSelectorOf: (service: K8sObject) => Selector = derivedInPlace((service) => mapSelector(asRecord(service.raw["spec"])["selector"]));

/**
 * The `spec.selector` LabelSelector of a PodDisruptionBudget or a workload, parsed once per object:
 * the bundle indexes the budgets' selectors and rules match both.
 */
export const specLabelSelectorOf: (object: K8sObject) => Selector = derivedInPlace((object) => labelSelector(asRecord(object.raw["spec"])["selector"]));

function requirementMatches(requirement: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case "In":
      return has && requirement.values.includes(value ?? "");
    case "NotIn":
      return !has || !requirement.values.includes(value ?? "");
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    default:
      // An unknown operator is rejected by the API; treat it as matching nothing.
      return false;
  }
}

/** Whether a selector selects the given labels. An empty selector selects everything. */
export function selectorMatches(selector: Selector, labels: Labels): boolean {
  // `for…in` rather than Object.entries: selectors are matched against every candidate template.
  for (const key in selector.matchLabels) if (labels[key] !== selector.matchLabels[key]) return false;
  // An indexed loop, not `every` with a closure over the labels per call.
  const requirements = selector.requirements;
  for (let at = 0; at < requirements.length; at++) if (!requirementMatches(requirements[at]!, labels)) return false;
  return true;
}

/** `app=postgres,tier=db` for messages; `none` when there are none. */
export function formatLabels(labels: Labels): string {
  return Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(",") || "none";
}

/** `app=postgres,tier=db` for messages. */
export function formatSelector(selector: Selector): string {
  const parts = Object.entries(selector.matchLabels).map(([key, value]) => `${key}=${value}`);
  for (const requirement of selector.requirements) {
    const values = requirement.values.length ? ` (${requirement.values.join(",")})` : "";
    parts.push(`${requirement.key} ${requirement.operator}${values}`);
  }
  return parts.join(",") || "{}";
}
