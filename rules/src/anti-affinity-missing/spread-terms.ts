import { asArray, asRecord, asString, childPath, derivedInPlace, isRecord, type FieldPath, type PodTemplate } from "@statelint/core";

export const HOSTNAME_TOPOLOGY_KEY = "kubernetes.io/hostname";
export const ZONE_TOPOLOGY_KEYS: readonly string[] = ["topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"];

/** One way a pod template asks to be spread: a pod anti-affinity term or a topology spread constraint. */
export interface SpreadTerm {
  readonly source: "required" | "preferred" | "constraint";
  readonly topologyKey: string | undefined;
  /** The raw `labelSelector`, absent when the term has none. */
  readonly labelSelector: unknown;
  /** Whether `matchLabelKeys` completes the selector with the pod's own label values. */
  readonly hasMatchLabelKeys: boolean;
  readonly whenUnsatisfiable: string | undefined;
  /** Whether an affinity term looks at pods of other namespaces (`namespaces`, `namespaceSelector`). */
  readonly otherNamespaces: boolean;
  /** Path of the term (the `podAffinityTerm` of a preferred one); its selector is at `[...path, "labelSelector"]`. */
  readonly path: FieldPath;
}

function term(source: SpreadTerm["source"], value: unknown, path: FieldPath): SpreadTerm | undefined {
  if (!isRecord(value)) return undefined;
  return {
    source,
    topologyKey: asString(value["topologyKey"]),
    labelSelector: value["labelSelector"] ?? undefined,
    hasMatchLabelKeys: asArray(value["matchLabelKeys"]).length > 0,
    whenUnsatisfiable: asString(value["whenUnsatisfiable"]),
    otherNamespaces: value["namespaces"] != null || value["namespaceSelector"] != null,
    path,
  };
}

/** Pod anti-affinity terms (required, then preferred) and topology spread constraints of a template (derived once per template: four rules ask). */
export const spreadTermsOf: (template: PodTemplate) => readonly SpreadTerm[] = derivedInPlace(deriveSpreadTerms);

function deriveSpreadTerms(template: PodTemplate): SpreadTerm[] {
  const result: SpreadTerm[] = [];
  const antiAffinityPath = childPath(template.path, "spec", "affinity", "podAntiAffinity");
  const antiAffinity = asRecord(asRecord(template.spec["affinity"])["podAntiAffinity"]);
  const required = "requiredDuringSchedulingIgnoredDuringExecution";
  asArray(antiAffinity[required]).forEach((value, index) => {
    const found = term("required", value, [...antiAffinityPath, required, index]);
    if (found) result.push(found);
  });
  const preferred = "preferredDuringSchedulingIgnoredDuringExecution";
  asArray(antiAffinity[preferred]).forEach((value, index) => {
    const found = term("preferred", asRecord(value)["podAffinityTerm"], [...antiAffinityPath, preferred, index, "podAffinityTerm"]);
    if (found) result.push(found);
  });
  asArray(template.spec["topologySpreadConstraints"]).forEach((value, index) => {
    const found = term("constraint", value, childPath(template.path, "spec", "topologySpreadConstraints", index));
    if (found) result.push(found);
  });
  return result;
}
