import { asArray, asRecord, asString, childPath, containersOf, defineRule, isOperatorManaged, statefulSetOf, volumeMountsOf } from "@statelint/core";

export type MessageIds = "unusedClaimTemplate";

export default defineRule<MessageIds>({
  id: "vct-unused",
  kinds: ["StatefulSet"],
  meta: {
    category: "storage",
    severity: "warning",
    description: "A volumeClaimTemplate is mounted by no container or initContainer.",
    rationale:
      "The controller still creates and binds a PersistentVolumeClaim per pod for every template, paying for disks nobody uses, " +
      "while the database writes to some other path that is lost on restart. It is usually a renamed template or mount.",
    remediation: "Mount the template in the container that writes the data (a volumeMount with the template's name), or remove the template.",
    messages: {
      unusedClaimTemplate:
        'volumeClaimTemplate "{{claim}}" of StatefulSet "{{statefulSet}}" is mounted by no container; each pod still gets a claim and data written elsewhere is lost, so mount it at the data directory or remove it.',
    },
    since: "0.1.0",
    sources: ["seed 003: Step 4, the PVC mounted at /var/lib/postgresql/data", "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates"],
    defaultOptions: {},
  },
  check({ object, report }) {
    if (isOperatorManaged(object)) return;
    const statefulSet = statefulSetOf(object);
    if (!statefulSet?.template || statefulSet.volumeClaimTemplates.length === 0) return;
    const template = statefulSet.template;
    const used = new Set(volumeMountsOf(template).map((mount) => mount.name));
    // Block-mode claims are attached as raw devices rather than mounted.
    for (const container of containersOf(template)) {
      for (const device of asArray(container.container["volumeDevices"])) {
        const name = asString(asRecord(device)["name"]);
        if (name) used.add(name);
      }
    }
    for (const claim of statefulSet.volumeClaimTemplates) {
      if (!claim.name || used.has(claim.name)) continue;
      report({ messageId: "unusedClaimTemplate", data: { claim: claim.name, statefulSet: object.name }, path: childPath(claim.path, "metadata", "name") });
    }
  },
});
