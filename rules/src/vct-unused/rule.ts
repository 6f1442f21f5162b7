import { asArray, asRecord, asString, childPath, containersOf, defineRule, isOperatorManaged, statefulSetOf, volumeMountsOf, type PodTemplate } from "@statelint/core";

export type MessageIds = "unusedClaimTemplate";

/** Whether a container mounts the claim, or attaches it as a raw device (block mode); looked up in place, as a StatefulSet has a claim or two. */
function isUsed(template: PodTemplate, claim: string): boolean {
  const mounts = volumeMountsOf(template);
  for (let at = 0; at < mounts.length; at++) if (mounts[at]!.name === claim) return true;
  const containers = containersOf(template);
  for (let at = 0; at < containers.length; at++) {
    const devices = asArray(containers[at]!.container["volumeDevices"]);
    for (let index = 0; index < devices.length; index++) if (asString(asRecord(devices[index])["name"]) === claim) return true;
  }
  return false;
}

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
    for (const claim of statefulSet.volumeClaimTemplates) {
      if (!claim.name || isUsed(template, claim.name)) continue;
      report({ messageId: "unusedClaimTemplate", data: { claim: claim.name, statefulSet: object.name }, path: childPath(claim.path, "metadata", "name") });
    }
  },
});
