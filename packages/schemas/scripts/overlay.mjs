// What the upstream OpenAPI definitions do not carry, written from the Kubernetes API reference
// (https://kubernetes.io/docs/reference/kubernetes-api/) and the apiserver's validation. Keys are
// `<group>.<version>.<Type>.<field>` (`core.v1.Container.imagePullPolicy`), the definition names of
// generate.mjs.
//
// Every enumeration here is one the apiserver enforces. An optional field also accepts "" because
// Kubernetes defaults a zero value (`imagePullPolicy: ""` becomes IfNotPresent/Always): the
// generator adds it, since flagging a manifest the API accepts is the worst bug a linter has.

const PROTOCOLS = ["TCP", "UDP", "SCTP"];
const ACCESS_MODES = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];
const VOLUME_MODES = ["Filesystem", "Block"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const RETENTION = ["Retain", "Delete"];
const TRAFFIC_POLICIES = ["Cluster", "Local"];
const SECCOMP = ["Unconfined", "RuntimeDefault", "Localhost"];

export const ENUMS = {
  // Pods and containers
  "core.v1.Container.imagePullPolicy": PULL_POLICIES,
  "core.v1.EphemeralContainer.imagePullPolicy": PULL_POLICIES,
  // A container-level restartPolicy marks a sidecar init container; Always is its only value.
  "core.v1.Container.restartPolicy": ["Always"],
  "core.v1.Container.terminationMessagePolicy": ["File", "FallbackToLogsOnError"],
  "core.v1.EphemeralContainer.terminationMessagePolicy": ["File", "FallbackToLogsOnError"],
  "core.v1.ContainerPort.protocol": PROTOCOLS,
  "core.v1.ContainerResizePolicy.restartPolicy": ["NotRequired", "RestartContainer"],
  "core.v1.PodSpec.restartPolicy": ["Always", "OnFailure", "Never"],
  "core.v1.PodSpec.dnsPolicy": ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
  "core.v1.PodSpec.preemptionPolicy": ["PreemptLowerPriority", "Never"],
  "core.v1.PodSecurityContext.fsGroupChangePolicy": ["OnRootMismatch", "Always"],
  "core.v1.SeccompProfile.type": SECCOMP,
  "core.v1.AppArmorProfile.type": SECCOMP,
  "core.v1.VolumeMount.mountPropagation": ["None", "HostToContainer", "Bidirectional"],
  "core.v1.HTTPGetAction.scheme": ["HTTP", "HTTPS"],
  "core.v1.HostPathVolumeSource.type": ["DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"],
  "core.v1.Toleration.operator": ["Exists", "Equal"],
  "core.v1.Toleration.effect": TAINT_EFFECTS,
  "core.v1.Taint.effect": TAINT_EFFECTS,
  "core.v1.TopologySpreadConstraint.whenUnsatisfiable": ["DoNotSchedule", "ScheduleAnyway"],
  "core.v1.TopologySpreadConstraint.nodeAffinityPolicy": ["Honor", "Ignore"],
  "core.v1.TopologySpreadConstraint.nodeTaintsPolicy": ["Honor", "Ignore"],
  "core.v1.NodeSelectorRequirement.operator": ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"],
  "meta.v1.LabelSelectorRequirement.operator": ["In", "NotIn", "Exists", "DoesNotExist"],
  // Storage
  "core.v1.PersistentVolumeClaimSpec.accessModes": ACCESS_MODES,
  "core.v1.PersistentVolumeClaimSpec.volumeMode": VOLUME_MODES,
  "core.v1.PersistentVolumeSpec.accessModes": ACCESS_MODES,
  "core.v1.PersistentVolumeSpec.volumeMode": VOLUME_MODES,
  "core.v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy": ["Retain", "Delete", "Recycle"],
  "storage.v1.StorageClass.reclaimPolicy": ["Retain", "Delete", "Recycle"],
  "storage.v1.StorageClass.volumeBindingMode": ["Immediate", "WaitForFirstConsumer"],
  // Services
  "core.v1.ServiceSpec.type": ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"],
  "core.v1.ServiceSpec.sessionAffinity": ["None", "ClientIP"],
  "core.v1.ServiceSpec.externalTrafficPolicy": TRAFFIC_POLICIES,
  "core.v1.ServiceSpec.internalTrafficPolicy": TRAFFIC_POLICIES,
  "core.v1.ServiceSpec.ipFamilyPolicy": ["SingleStack", "PreferDualStack", "RequireDualStack"],
  "core.v1.ServiceSpec.ipFamilies": ["IPv4", "IPv6"],
  "core.v1.ServicePort.protocol": PROTOCOLS,
  "core.v1.EndpointPort.protocol": PROTOCOLS,
  "discovery.v1.EndpointPort.protocol": PROTOCOLS,
  "networking.v1.NetworkPolicyPort.protocol": PROTOCOLS,
  "networking.v1.NetworkPolicySpec.policyTypes": ["Ingress", "Egress"],
  "networking.v1.HTTPIngressPath.pathType": ["Exact", "Prefix", "ImplementationSpecific"],
  // Workloads
  "apps.v1.StatefulSetSpec.podManagementPolicy": ["OrderedReady", "Parallel"],
  "apps.v1.StatefulSetUpdateStrategy.type": ["RollingUpdate", "OnDelete"],
  "apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted": RETENTION,
  "apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled": RETENTION,
  "apps.v1.DeploymentStrategy.type": ["Recreate", "RollingUpdate"],
  "apps.v1.DaemonSetUpdateStrategy.type": ["RollingUpdate", "OnDelete"],
  "batch.v1.CronJobSpec.concurrencyPolicy": ["Allow", "Forbid", "Replace"],
  "batch.v1.JobSpec.completionMode": ["NonIndexed", "Indexed"],
  "batch.v1.PodFailurePolicyRule.action": ["FailJob", "FailIndex", "Ignore", "Count"],
  "batch.v1.PodFailurePolicyOnExitCodesRequirement.operator": ["In", "NotIn"],
  "policy.v1.PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy": ["IfHealthyBudget", "AlwaysAllow"],
  // Autoscaling
  "autoscaling.v2.MetricSpec.type": ["Object", "Pods", "Resource", "ContainerResource", "External"],
  "autoscaling.v2.MetricTarget.type": ["Utilization", "Value", "AverageValue"],
  "autoscaling.v2.HPAScalingRules.selectPolicy": ["Max", "Min", "Disabled"],
  "autoscaling.v2.HPAScalingPolicy.type": ["Pods", "Percent"],
  // CRDs' structural schemas
  "apiextensions.v1.JSONSchemaProps.x-kubernetes-list-type": ["atomic", "set", "map"],
  "apiextensions.v1.JSONSchemaProps.x-kubernetes-map-type": ["granular", "atomic"],
};

// The string formats above as regular expressions, shipped in every release's index.
// The empty string passes: an absent name is `required`'s business, not the format's.
export const FORMAT_PATTERNS = {
  // resource.Quantity: a signed decimal with a binary-SI (Ki…Ei), decimal-SI (n u m k M G T P E) or exponent suffix.
  quantity: "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$",
  "dns1123-label": "^$|^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
  "dns1123-subdomain": "^$|^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
  "dns1035-label": "^$|^(?=.{1,63}$)[a-z]([-a-z0-9]*[a-z0-9])?$",
  "iana-svc-name": "^$|^(?=.{1,15}$)(?!.*--)(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
};

// Names the apiserver validates field by field; metadata.name depends on the kind and is checked
// by the rule itself. An empty string passes the format: when it is required, `required` or the
// apiserver's own defaulting speaks for it.
export const FORMATS = {
  "apps.v1.StatefulSetSpec.serviceName": "dns1123-label",
  "core.v1.Container.name": "dns1123-label",
  "core.v1.EphemeralContainer.name": "dns1123-label",
  "core.v1.Volume.name": "dns1123-label",
  "core.v1.ContainerPort.name": "iana-svc-name",
};

/** Types that hold arbitrary JSON (embedded objects, CRD defaults and examples). */
export const FREE_FORM_TYPES = new Set(["runtime.RawExtension", "apiextensions.v1.JSON", "meta.v1.FieldsV1"]);

// Fields the OpenAPI document lists as required only because their Go field lacks `omitempty`;
// the apiserver accepts objects without them (it defaults or ignores the zero value). Kubernetes
// 1.32 made `serviceName` optional in OpenAPI too; kubeconform's most reported false positive.
export const NOT_REQUIRED = new Set([
  "apps.v1.StatefulSetSpec.serviceName",
  "apps.v1.ControllerRevision.revision",
  "networking.v1.NetworkPolicySpec.podSelector",
  "discovery.v1.EndpointSlice.endpoints",
  "scheduling.v1.PriorityClass.value",
  "rbac.v1.RoleRef.apiGroup",
  "core.v1.Sysctl.value",
  "core.v1.HTTPHeader.value",
  "core.v1.ISCSIVolumeSource.lun",
  "core.v1.ISCSIPersistentVolumeSource.lun",
  "apiextensions.v1.CustomResourceDefinitionVersion.served",
  "apiextensions.v1.CustomResourceDefinitionVersion.storage",
]);
