import {
  asArray, asRecord, asString, childPath, databaseContainers, defineRule, formatFieldPath, OPERATOR_CLUSTER_KINDS, podTemplateOf,
  type Bundle, type K8sObject, type ObjectContext,
} from "@statelint/core";
import { operatorClusterOf } from "../cluster-view.js";

export type MessageIds = "memoryMissing" | "operatorMemoryMissing";

/** Whether a LimitRange in the namespace gives containers a default memory limit. */
function namespaceDefaultsMemoryLimit(bundle: Bundle, namespace: string): boolean {
  return bundle.cached(`resources-missing/limit-range/${namespace}`, () =>
    bundle.ofKind("LimitRange", namespace).some((range: K8sObject) =>
      asArray(asRecord(range.raw["spec"])["limits"]).some((limit) => {
        const record = asRecord(limit);
        return asString(record["type"]) === "Container" && asRecord(record["default"])["memory"] !== undefined;
      }),
    ),
  );
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

function checkWorkload({ object, bundle, settings, report }: ObjectContext<MessageIds, object>): void {
  for (const { ref, engine } of databaseContainers(podTemplateOf(object), settings)) {
    const resources = asRecord(ref.container["resources"]);
    const hasLimit = isSet(asRecord(resources["limits"])["memory"]);
    // The API defaults a missing request to the limit, so a limit alone is enough.
    if (hasLimit) continue;
    if (namespaceDefaultsMemoryLimit(bundle, object.namespace)) continue;
    const hasRequest = isSet(asRecord(resources["requests"])["memory"]);
    report({
      messageId: "memoryMissing",
      data: { container: ref.name, engine, missing: hasRequest ? "memory limit" : "memory request or limit" },
      path: childPath(ref.path, "name"),
    });
  }
}

/** Operator clusters: the resources the operator gives the database pods (CloudNativePG `resources`, PGO per instance set). */
function checkOperatorCluster({ object, bundle, settings, report }: ObjectContext<MessageIds, object>): void {
  const view = operatorClusterOf(object, bundle, settings);
  if (!view) return;
  for (const resources of view.resources) {
    // The API defaults a missing request to the limit, so a limit alone is enough.
    if (resources.memoryLimit || namespaceDefaultsMemoryLimit(bundle, object.namespace)) continue;
    report({
      messageId: "operatorMemoryMissing",
      data: {
        cluster: view.title,
        component: resources.name,
        missing: resources.memoryRequest ? "memory limit" : "memory request or limit",
        field: resources.missingField ?? formatFieldPath(resources.at.path),
        operator: view.operator ?? "",
      },
      object: resources.at.object,
      path: resources.at.path,
    });
  }
}

export default defineRule<MessageIds>({
  id: "resources-missing",
  // Jobs and CronJobs running a DB image are clients (pg_dump, mysql), not the database.
  kinds: ["StatefulSet", "Deployment", "DaemonSet", "ReplicaSet", ...OPERATOR_CLUSTER_KINDS],
  meta: {
    category: "hygiene",
    severity: "warning",
    description: "A database container (or an operator cluster's database pods) sets no memory request and limit.",
    rationale:
      "Without a memory request the scheduler packs the database onto a node with no room for its caches, and without a limit it is a " +
      "BestEffort or Burstable pod that the kernel's OOM killer picks first under pressure: the primary dies mid-write and the cluster fails over.",
    remediation:
      "Set `resources.requests.memory` and `resources.limits.memory` on the database container, sized for its buffers (for example " +
      "`shared_buffers` plus working memory); equal values give the pod the Guaranteed class.",
    messages: {
      memoryMissing:
        'Database container "{{container}}" ({{engine}}) sets no {{missing}}; set resources.requests.memory and resources.limits.memory so it is not the first pod the OOM killer picks.',
      operatorMemoryMissing:
        "{{cluster}} sets no {{missing}} for {{component}} ({{field}}), and {{operator}} adds none, so those pods are the first the OOM killer picks; set {{field}}.requests.memory and {{field}}.limits.memory.",
    },
    since: "0.1.0",
    sources: ["Kubernetes docs: Resource Management for Pods and Containers", "Kubernetes docs: Pod Quality of Service Classes"],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  check(context) {
    if (podTemplateOf(context.object)) checkWorkload(context);
    else checkOperatorCluster(context);
  },
});
