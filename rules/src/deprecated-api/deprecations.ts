/**
 * Deprecated and removed API versions, from the Kubernetes deprecation guide
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/, whose newest removals are
 * those of 1.32), the deprecation of betas that predate it (KEP-1635: deprecated in 1.19, removed
 * in 1.22), the release notes of later deprecations (v1 Endpoints in 1.33, KEP-4974) and, for
 * CRD-served groups, the project that ships the CRDs.
 */
export interface Deprecation {
  readonly apiVersion: string;
  readonly kinds: readonly string[];
  /** What to write instead: an apiVersion, or a sentence when the API has no successor. */
  readonly replacement: string;
  /** The kind to write instead, when the successor is another kind (Endpoints → EndpointSlice). */
  readonly replacementKind?: string;
  /** Whether swapping the apiVersion alone yields a valid object (the schemas are identical). */
  readonly sameSchema: boolean;
  /** The Kubernetes minor version that deprecated it. */
  readonly deprecatedIn: string;
  /** The Kubernetes minor version that stopped serving it; absent when removal does not follow Kubernetes releases. */
  readonly removedIn?: string;
}

const WORKLOADS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"];
const RBAC = ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"];
const PSA = "Pod Security Admission (pod-security.kubernetes.io labels on the Namespace); the API has no successor";

export const DEPRECATIONS: readonly Deprecation[] = [
  // apps/v1 needs an explicit spec.selector, which the beta versions defaulted, so the swap is not mechanical.
  { apiVersion: "apps/v1beta1", kinds: [...WORKLOADS, "ControllerRevision"], replacement: "apps/v1", sameSchema: false, deprecatedIn: "1.9", removedIn: "1.16" },
  { apiVersion: "apps/v1beta2", kinds: [...WORKLOADS, "ControllerRevision"], replacement: "apps/v1", sameSchema: false, deprecatedIn: "1.9", removedIn: "1.16" },
  { apiVersion: "extensions/v1beta1", kinds: WORKLOADS, replacement: "apps/v1", sameSchema: false, deprecatedIn: "1.9", removedIn: "1.16" },
  { apiVersion: "extensions/v1beta1", kinds: ["NetworkPolicy"], replacement: "networking.k8s.io/v1", sameSchema: true, deprecatedIn: "1.9", removedIn: "1.16" },
  { apiVersion: "extensions/v1beta1", kinds: ["PodSecurityPolicy"], replacement: PSA, sameSchema: false, deprecatedIn: "1.10", removedIn: "1.16" },
  // Ingress v1 renamed the backend fields (serviceName/servicePort → service.name/port) and requires pathType.
  { apiVersion: "extensions/v1beta1", kinds: ["Ingress"], replacement: "networking.k8s.io/v1", sameSchema: false, deprecatedIn: "1.14", removedIn: "1.22" },
  { apiVersion: "networking.k8s.io/v1beta1", kinds: ["Ingress"], replacement: "networking.k8s.io/v1", sameSchema: false, deprecatedIn: "1.19", removedIn: "1.22" },
  { apiVersion: "networking.k8s.io/v1beta1", kinds: ["IngressClass"], replacement: "networking.k8s.io/v1", sameSchema: true, deprecatedIn: "1.19", removedIn: "1.22" },
  { apiVersion: "rbac.authorization.k8s.io/v1beta1", kinds: RBAC, replacement: "rbac.authorization.k8s.io/v1", sameSchema: true, deprecatedIn: "1.17", removedIn: "1.22" },
  { apiVersion: "rbac.authorization.k8s.io/v1alpha1", kinds: RBAC, replacement: "rbac.authorization.k8s.io/v1", sameSchema: true, deprecatedIn: "1.17", removedIn: "1.22" },
  { apiVersion: "storage.k8s.io/v1beta1", kinds: ["StorageClass", "CSIDriver", "CSINode", "VolumeAttachment"], replacement: "storage.k8s.io/v1", sameSchema: true, deprecatedIn: "1.19", removedIn: "1.22" },
  { apiVersion: "storage.k8s.io/v1beta1", kinds: ["CSIStorageCapacity"], replacement: "storage.k8s.io/v1", sameSchema: true, deprecatedIn: "1.24", removedIn: "1.27" },
  { apiVersion: "apiregistration.k8s.io/v1beta1", kinds: ["APIService"], replacement: "apiregistration.k8s.io/v1", sameSchema: true, deprecatedIn: "1.19", removedIn: "1.22" },
  { apiVersion: "coordination.k8s.io/v1beta1", kinds: ["Lease"], replacement: "coordination.k8s.io/v1", sameSchema: true, deprecatedIn: "1.19", removedIn: "1.22" },
  // certificates.k8s.io/v1 requires spec.signerName and spec.usages.
  { apiVersion: "certificates.k8s.io/v1beta1", kinds: ["CertificateSigningRequest"], replacement: "certificates.k8s.io/v1", sameSchema: false, deprecatedIn: "1.19", removedIn: "1.22" },
  { apiVersion: "authentication.k8s.io/v1beta1", kinds: ["TokenReview"], replacement: "authentication.k8s.io/v1", sameSchema: true, deprecatedIn: "1.19", removedIn: "1.22" },
  // authorization.k8s.io/v1 renamed spec.group to spec.groups.
  { apiVersion: "authorization.k8s.io/v1beta1", kinds: ["SubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview"], replacement: "authorization.k8s.io/v1", sameSchema: false, deprecatedIn: "1.19", removedIn: "1.22" },
  { apiVersion: "scheduling.k8s.io/v1beta1", kinds: ["PriorityClass"], replacement: "scheduling.k8s.io/v1", sameSchema: true, deprecatedIn: "1.14", removedIn: "1.22" },
  { apiVersion: "apiextensions.k8s.io/v1beta1", kinds: ["CustomResourceDefinition"], replacement: "apiextensions.k8s.io/v1", sameSchema: false, deprecatedIn: "1.16", removedIn: "1.22" },
  { apiVersion: "admissionregistration.k8s.io/v1beta1", kinds: ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"], replacement: "admissionregistration.k8s.io/v1", sameSchema: false, deprecatedIn: "1.16", removedIn: "1.22" },
  // policy/v1 changed what an empty selector means (all pods instead of none), hence no automatic swap.
  { apiVersion: "policy/v1beta1", kinds: ["PodDisruptionBudget"], replacement: "policy/v1", sameSchema: false, deprecatedIn: "1.21", removedIn: "1.25" },
  { apiVersion: "policy/v1beta1", kinds: ["PodSecurityPolicy"], replacement: PSA, sameSchema: false, deprecatedIn: "1.21", removedIn: "1.25" },
  { apiVersion: "batch/v1beta1", kinds: ["CronJob"], replacement: "batch/v1", sameSchema: true, deprecatedIn: "1.21", removedIn: "1.25" },
  { apiVersion: "discovery.k8s.io/v1beta1", kinds: ["EndpointSlice"], replacement: "discovery.k8s.io/v1", sameSchema: false, deprecatedIn: "1.21", removedIn: "1.25" },
  { apiVersion: "node.k8s.io/v1beta1", kinds: ["RuntimeClass"], replacement: "node.k8s.io/v1", sameSchema: true, deprecatedIn: "1.20", removedIn: "1.25" },
  // events.k8s.io/v1 renamed involvedObject to regarding and requires reportingController and reportingInstance.
  { apiVersion: "events.k8s.io/v1beta1", kinds: ["Event"], replacement: "events.k8s.io/v1", sameSchema: false, deprecatedIn: "1.19", removedIn: "1.25" },
  // autoscaling/v2beta1 describes metrics differently (targetAverageValue); v2beta2 has v2's schema.
  { apiVersion: "autoscaling/v2beta1", kinds: ["HorizontalPodAutoscaler"], replacement: "autoscaling/v2", sameSchema: false, deprecatedIn: "1.22", removedIn: "1.25" },
  { apiVersion: "autoscaling/v2beta2", kinds: ["HorizontalPodAutoscaler"], replacement: "autoscaling/v2", sameSchema: true, deprecatedIn: "1.23", removedIn: "1.26" },
  { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta1", kinds: ["FlowSchema", "PriorityLevelConfiguration"], replacement: "flowcontrol.apiserver.k8s.io/v1", sameSchema: false, deprecatedIn: "1.23", removedIn: "1.26" },
  { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta2", kinds: ["FlowSchema", "PriorityLevelConfiguration"], replacement: "flowcontrol.apiserver.k8s.io/v1", sameSchema: false, deprecatedIn: "1.26", removedIn: "1.29" },
  { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3", kinds: ["FlowSchema", "PriorityLevelConfiguration"], replacement: "flowcontrol.apiserver.k8s.io/v1", sameSchema: false, deprecatedIn: "1.29", removedIn: "1.32" },
  // Still served, and the API server warns on every write; a selectorless Service pointing at an
  // external database is the case in stateful bundles. EndpointSlices need the kubernetes.io/service-name label.
  { apiVersion: "v1", kinds: ["Endpoints"], replacement: "discovery.k8s.io/v1", replacementKind: "EndpointSlice", sameSchema: false, deprecatedIn: "1.33" },
  // Served by the external-snapshotter CRDs, whose releases (not Kubernetes') decide when v1beta1 goes away.
  { apiVersion: "snapshot.storage.k8s.io/v1beta1", kinds: ["VolumeSnapshot", "VolumeSnapshotClass", "VolumeSnapshotContent"], replacement: "snapshot.storage.k8s.io/v1", sameSchema: true, deprecatedIn: "1.20" },
];

/** By apiVersion, then kind: every object is looked up, and a key string built for each was hashed only to be thrown away. */
const BY_VERSION_AND_KIND = new Map<string, Map<string, Deprecation>>();
for (const entry of DEPRECATIONS) {
  let byKind = BY_VERSION_AND_KIND.get(entry.apiVersion);
  if (!byKind) BY_VERSION_AND_KIND.set(entry.apiVersion, (byKind = new Map()));
  for (const kind of entry.kinds) byKind.set(kind, entry);
}

export function deprecationOf(apiVersion: string, kind: string): Deprecation | undefined {
  return BY_VERSION_AND_KIND.get(apiVersion)?.get(kind);
}


/** `"1.30"`, `"v1.30.2"` → `[1, 30]`; anything else → undefined. */
export function parseMinor(version: string | undefined): readonly [number, number] | undefined {
  const match = version === undefined ? null : /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export function compareMinor(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}
