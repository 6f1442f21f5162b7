import type { Selector } from "@statelint/core";

/**
 * Labels the StatefulSet and Deployment controllers add to pods; pod templates never carry them,
 * so a selector that uses them can only be compared with a template once they are set aside.
 */
export const CONTROLLER_LABEL_KEYS: readonly string[] = [
  "statefulset.kubernetes.io/pod-name",
  "apps.kubernetes.io/pod-index",
  "controller-revision-hash",
  "pod-template-hash",
];

/** Labels that pin a selector to a single pod of a StatefulSet. */
export const SINGLE_POD_LABEL_KEYS: readonly string[] = ["statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index"];

export function selectorUsesKey(selector: Selector, keys: readonly string[]): boolean {
  // Loops rather than Object.keys(…).some(…): every Service is asked, by several rules.
  for (const key in selector.matchLabels) if (keys.includes(key)) return true;
  const requirements = selector.requirements;
  for (let at = 0; at < requirements.length; at++) if (keys.includes(requirements[at]!.key)) return true;
  return false;
}

/** The selector without the given label keys, for matching against templates. */
export function withoutKeys(selector: Selector, keys: readonly string[]): Selector {
  // Nearly every selector uses none of them: it is its own answer.
  if (!selectorUsesKey(selector, keys)) return selector;
  const matchLabels = Object.fromEntries(Object.entries(selector.matchLabels).filter(([key]) => !keys.includes(key)));
  const requirements = selector.requirements.filter((requirement) => !keys.includes(requirement.key));
  return { matchLabels, requirements, empty: Object.keys(matchLabels).length === 0 && requirements.length === 0 };
}
