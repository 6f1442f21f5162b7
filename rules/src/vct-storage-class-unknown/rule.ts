import { asString, closestMatch, defineRule, statefulSetOf, type RelatedReport } from "@statelint/core";

export type MessageIds = "unknownStorageClass" | "unknownStorageClassSuggest";

export default defineRule<MessageIds>({
  id: "vct-storage-class-unknown",
  kinds: ["StatefulSet"],
  meta: {
    category: "storage",
    severity: "warning",
    description: "A volumeClaimTemplate names a StorageClass that the bundle, which defines other StorageClasses, does not define.",
    rationale:
      "A claim naming a StorageClass that does not exist stays Pending forever, and so does the pod waiting for it. " +
      "When the bundle ships its own StorageClasses, a name matching none of them is most likely a typo.",
    remediation: "Use the name of one of the bundle's StorageClasses, or add the missing StorageClass to the bundle.",
    messages: {
      unknownStorageClass:
        'volumeClaimTemplate "{{claim}}" of StatefulSet "{{statefulSet}}" uses StorageClass "{{storageClass}}", which is not among the bundle\'s StorageClasses ({{known}}); its claims would stay Pending.',
      unknownStorageClassSuggest:
        'volumeClaimTemplate "{{claim}}" of StatefulSet "{{statefulSet}}" uses StorageClass "{{storageClass}}", which the bundle does not define; did you mean "{{suggestion}}"?',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/concepts/storage/storage-classes/"],
    defaultOptions: {},
  },
  check({ object, bundle, report }) {
    const classes = bundle.ofKind("StorageClass");
    if (classes.length === 0) return;
    const names = new Set(classes.map((storageClass) => storageClass.name));
    for (const claim of statefulSetOf(object)?.volumeClaimTemplates ?? []) {
      const storageClass = asString(claim.spec["storageClassName"]);
      if (!storageClass || names.has(storageClass)) continue;
      const suggestion = closestMatch(storageClass, names);
      const data = { claim: claim.name, statefulSet: object.name, storageClass };
      const path = [...claim.path, "spec", "storageClassName"];
      const suggested = suggestion === undefined ? undefined : classes.find((candidate) => candidate.name === suggestion);
      const related: RelatedReport[] = suggested ? [{ object: suggested, path: ["metadata", "name"], message: `StorageClass "${suggested.name}" is defined here` }] : [];
      if (suggestion) report({ messageId: "unknownStorageClassSuggest", data: { ...data, suggestion }, path, related });
      else report({ messageId: "unknownStorageClass", data: { ...data, known: [...names].sort().map((name) => `"${name}"`).join(", ") }, path });
    }
  },
});
