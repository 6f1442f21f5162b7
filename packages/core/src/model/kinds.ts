/** Kinds whose objects have no namespace. */
const CLUSTER_SCOPED = new Set([
  "Namespace", "Node", "PersistentVolume", "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment",
  "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass", "RuntimeClass",
  "VolumeSnapshotClass", "IngressClass", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
  "APIService", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** Workload kinds that carry a pod template, and where the template sits. */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  StatefulSet: ["spec", "template"],
  Deployment: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
  Pod: [],
};


/** The group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (core). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}
