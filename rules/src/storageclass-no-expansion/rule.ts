import { defineRule } from "@statelint/core";
import { relatedUses, usesOfStorageClass } from "../storageclass-reclaim-delete/usage.js";

export type MessageIds = "expansionDisabled" | "expansionUnset";

export default defineRule<MessageIds>({
  id: "storageclass-no-expansion",
  kinds: ["StorageClass"],
  meta: {
    category: "retention",
    severity: "info",
    description: "A StorageClass used by a StatefulSet's volumeClaimTemplate does not set `allowVolumeExpansion: true`.",
    rationale:
      "Databases grow. Without volume expansion a full disk cannot be resized in place: the data has to be copied to new, larger claims, " +
      "pod by pod, under pressure. volumeClaimTemplates themselves are immutable, so expansion has to be possible at the class level.",
    remediation: "Set `allowVolumeExpansion: true` on the StorageClass if its provisioner supports resizing.",
    messages: {
      expansionDisabled:
        'StorageClass "{{storageClass}}" backs volumeClaimTemplate "{{claim}}" of StatefulSet "{{statefulSet}}" but disallows volume expansion, so a full disk cannot be resized in place; set allowVolumeExpansion: true if the provisioner supports it.',
      expansionUnset:
        'StorageClass "{{storageClass}}" backs volumeClaimTemplate "{{claim}}" of StatefulSet "{{statefulSet}}" but does not allow volume expansion, so a full disk cannot be resized in place; set allowVolumeExpansion: true if the provisioner supports it.',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/concepts/storage/storage-classes/#allow-volume-expansion"],
    defaultOptions: {},
  },
  check({ object, bundle, report }) {
    const uses = usesOfStorageClass(bundle, object);
    const first = uses[0];
    if (!first) return;
    const allowed = object.raw["allowVolumeExpansion"];
    if (allowed === true) return;
    const data = { storageClass: object.name, claim: first.claim, statefulSet: first.statefulSet.name };
    if (allowed === undefined || allowed === null) report({ messageId: "expansionUnset", data, related: relatedUses(uses) });
    else report({ messageId: "expansionDisabled", data, path: ["allowVolumeExpansion"], related: relatedUses(uses) });
  },
});
