import { asString, childPath, closestMatch, defineRule, formatFieldPath, OPERATOR_CLUSTER_KINDS, statefulSetOf, type FieldPath, type K8sObject, type RelatedReport } from "@statelint/core";
import { operatorClusterOf } from "../cluster-view.js";

export type MessageIds = "unknownStorageClass" | "unknownStorageClassSuggest" | "clusterUnknownStorageClass" | "clusterUnknownStorageClassSuggest";

/** A storageClassName to check, with what names it for messages. */
interface NamedClass {
  readonly storageClass: string;
  readonly object: K8sObject;
  readonly path: FieldPath;
  readonly data: Readonly<Record<string, string>>;
  readonly cluster: boolean;
}

function statefulSetClasses(object: K8sObject): NamedClass[] {
  return (statefulSetOf(object)?.volumeClaimTemplates ?? []).flatMap((claim) => {
    const storageClass = asString(claim.spec["storageClassName"]);
    return storageClass ? [{ storageClass, object, path: childPath(claim.path, "spec", "storageClassName"), data: { claim: claim.name, statefulSet: object.name }, cluster: false }] : [];
  });
}

export default defineRule<MessageIds>({
  id: "vct-storage-class-unknown",
  kinds: ["StatefulSet", ...OPERATOR_CLUSTER_KINDS],
  meta: {
    category: "storage",
    severity: "warning",
    description: "A volumeClaimTemplate or an operator cluster's storage names a StorageClass that the bundle, which defines other StorageClasses, does not define.",
    rationale:
      "A claim naming a StorageClass that does not exist stays Pending forever, and so does the pod waiting for it. " +
      "When the bundle ships its own StorageClasses, a name matching none of them is most likely a typo.",
    remediation: "Use the name of one of the bundle's StorageClasses, or add the missing StorageClass to the bundle.",
    messages: {
      unknownStorageClass:
        'volumeClaimTemplate "{{claim}}" of StatefulSet "{{statefulSet}}" uses StorageClass "{{storageClass}}", which is not among the bundle\'s StorageClasses ({{known}}); its claims would stay Pending.',
      unknownStorageClassSuggest:
        'volumeClaimTemplate "{{claim}}" of StatefulSet "{{statefulSet}}" uses StorageClass "{{storageClass}}", which the bundle does not define; did you mean "{{suggestion}}"?',
      clusterUnknownStorageClass:
        '{{cluster}} asks for StorageClass "{{storageClass}}" for its {{purpose}} ({{field}}), which is not among the bundle\'s StorageClasses ({{known}}); the claims {{operator}} creates would stay Pending.',
      clusterUnknownStorageClassSuggest:
        '{{cluster}} asks for StorageClass "{{storageClass}}" for its {{purpose}} ({{field}}), which the bundle does not define; did you mean "{{suggestion}}"?',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/concepts/storage/storage-classes/"],
    defaultOptions: {},
  },
  check({ object, bundle, settings, report }) {
    const classes = bundle.ofKind("StorageClass");
    if (classes.length === 0) return;
    const names = new Set(classes.map((storageClass) => storageClass.name));
    const view = object.kind === "StatefulSet" ? undefined : operatorClusterOf(object, bundle, settings);
    const named: NamedClass[] = view
      ? view.references.flatMap((reference) =>
          reference.kind === "StorageClass"
            ? [{
                storageClass: reference.name,
                object: reference.at.object,
                path: reference.at.path,
                data: { cluster: view.title, purpose: reference.purpose, field: formatFieldPath(reference.at.path), operator: view.operator ?? "" },
                cluster: true,
              }]
            : [],
        )
      : statefulSetClasses(object);
    for (const use of named) {
      if (names.has(use.storageClass)) continue;
      const suggestion = closestMatch(use.storageClass, names);
      const data = { ...use.data, storageClass: use.storageClass };
      const suggested = suggestion === undefined ? undefined : classes.find((candidate) => candidate.name === suggestion);
      const related: RelatedReport[] = suggested ? [{ object: suggested, path: ["metadata", "name"], message: `StorageClass "${suggested.name}" is defined here` }] : [];
      const where = { object: use.object, path: use.path };
      if (suggestion) report({ messageId: use.cluster ? "clusterUnknownStorageClassSuggest" : "unknownStorageClassSuggest", data: { ...data, suggestion }, related, ...where });
      else report({ messageId: use.cluster ? "clusterUnknownStorageClass" : "unknownStorageClass", data: { ...data, known: [...names].sort().map((name) => `"${name}"`).join(", ") }, ...where });
    }
  },
});
