import {
  asArray, asInteger, asRecord, asString, formatLabels, labelSelector, statefulSetOf, volumeMountsOf,
  type K8sObject, type StatefulSetView, type VolumeClaimTemplateRef,
} from "@statelint/core";
import { objectNodeId, type DraftNode, type GraphBuilder } from "./builder.js";
import { claimName, nameRange, ordinals, podDnsName, podName } from "./names.js";
import { isHeadless, objectNode, referencedNode } from "./objects.js";
import { addConfigReferences } from "./references.js";

/** What happens to a StatefulSet's PVCs, from `persistentVolumeClaimRetentionPolicy` (both default to Retain). */
export interface Retention {
  readonly whenDeleted: string;
  readonly whenScaled: string;
}

export function retentionOf(statefulSet: StatefulSetView): Retention {
  const policy = asRecord(statefulSet.spec["persistentVolumeClaimRetentionPolicy"]);
  return { whenDeleted: asString(policy["whenDeleted"]) ?? "Retain", whenScaled: asString(policy["whenScaled"]) ?? "Retain" };
}

export function podManagementPolicyOf(statefulSet: StatefulSetView): string {
  return asString(statefulSet.spec["podManagementPolicy"]) ?? "OrderedReady";
}

/** `RollingUpdate`, `RollingUpdate (partition 2)` or `OnDelete`. */
export function updateStrategyOf(statefulSet: StatefulSetView): string {
  const strategy = asRecord(statefulSet.spec["updateStrategy"]);
  const type = asString(strategy["type"]) ?? "RollingUpdate";
  const partition = asInteger(asRecord(strategy["rollingUpdate"])["partition"]);
  return partition !== undefined && partition > 0 ? `${type} (partition ${partition})` : type;
}

export function firstOrdinalOf(statefulSet: StatefulSetView): number {
  return asInteger(asRecord(statefulSet.spec["ordinals"])["start"]) ?? 0;
}

/** `2Gi · standard · ReadWriteOnce`; the class is `default class` when unset. */
function claimFacts(claim: VolumeClaimTemplateRef, retention: Retention): { details: string[]; attributes: Record<string, string | number | boolean> } {
  const requested = asRecord(asRecord(claim.spec["resources"])["requests"])["storage"];
  const storage = typeof requested === "string" || typeof requested === "number" ? String(requested) : "";
  const storageClassName = asString(claim.spec["storageClassName"]);
  const accessModes = asArray(claim.spec["accessModes"]).map(String).join(", ");
  const summary = [storage || "no size", storageClassName ?? "default class", accessModes].filter(Boolean).join(" · ");
  const kept = retention.whenDeleted === "Delete" ? "deleted with the StatefulSet" : "kept after delete";
  return {
    details: [summary, kept],
    attributes: {
      storage,
      storageClassName: storageClassName ?? "",
      accessModes,
      whenDeleted: retention.whenDeleted,
      whenScaled: retention.whenScaled,
    },
  };
}

export interface DrawnStatefulSet {
  readonly node: DraftNode;
  /** Pod nodes in ordinal order (one node when summarised). */
  readonly pods: readonly DraftNode[];
}

/** A StatefulSet, the pods and PVCs it creates, its governing Service and everything selecting or read by its pods. */
export function drawStatefulSet(builder: GraphBuilder, object: K8sObject, maxPods: number): DrawnStatefulSet | undefined {
  const statefulSet = statefulSetOf(object);
  if (!statefulSet) return undefined;
  const namespace = object.namespace;
  const policy = podManagementPolicyOf(statefulSet);
  const update = updateStrategyOf(statefulSet);
  const retention = retentionOf(statefulSet);
  const node = builder.node({
    id: objectNodeId(object),
    kind: "StatefulSet",
    name: object.name,
    namespace,
    object,
    details: [`replicas ${statefulSet.replicas}`, policy, update],
    attributes: {
      replicas: statefulSet.replicas,
      podManagementPolicy: policy,
      updateStrategy: update,
      serviceName: statefulSet.serviceName ?? "",
      whenDeleted: retention.whenDeleted,
      whenScaled: retention.whenScaled,
      selector: formatLabels(claimLabels(object)),
    },
  });

  const governing = statefulSet.serviceName ? builder.bundle.find("Service", namespace, statefulSet.serviceName) : undefined;
  if (governing) builder.edge("governs", objectNode(builder, governing).id, node.id, "governs");
  const resolves = governing !== undefined && isHeadless(governing);

  const all = ordinals(firstOrdinalOf(statefulSet), statefulSet.replicas);
  const summarised = all.length > maxPods;
  const groups = summarised ? [all] : all.map((ordinal) => [ordinal]);
  const pods: DraftNode[] = [];
  const mounts = statefulSet.template ? volumeMountsOf(statefulSet.template) : [];
  for (const group of groups) {
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const name = summarised ? nameRange(podName(object.name, first), podName(object.name, last)) : podName(object.name, first);
    const dns = statefulSet.serviceName
      ? summarised
        ? podDnsName(`${object.name}-{${first}..${last}}`, statefulSet.serviceName, namespace)
        : podDnsName(name, statefulSet.serviceName, namespace)
      : undefined;
    const pod = builder.node({
      id: `Pod ${namespace}/${name}`,
      kind: "Pod",
      name,
      namespace,
      object,
      created: true,
      count: group.length,
      details: dns ? [dns] : [],
      attributes: { ordinal: first, ...(summarised ? { lastOrdinal: last } : {}), ...(dns ? { dnsName: dns, dnsResolves: resolves } : {}) },
    });
    pods.push(pod);
    for (const ordinal of group) builder.podsByName.set(`${namespace}/${podName(object.name, ordinal)}`, pod.id);
    builder.edge("creates", node.id, pod.id, summarised ? `creates ${group.length} pods` : "creates");

    for (const claim of statefulSet.volumeClaimTemplates) {
      const claimLabel = summarised ? nameRange(claimName(claim.name, object.name, first), claimName(claim.name, object.name, last)) : claimName(claim.name, object.name, first);
      const facts = claimFacts(claim, retention);
      const pvc = builder.node({
        id: `PersistentVolumeClaim ${namespace}/${claimLabel}`,
        kind: "PersistentVolumeClaim",
        name: claimLabel,
        namespace,
        object,
        created: true,
        count: group.length,
        details: facts.details,
        attributes: { ...facts.attributes, claimTemplate: claim.name },
      });
      const key = `${object.id}\u0000${claim.index}`;
      builder.claimNodes.set(key, [...(builder.claimNodes.get(key) ?? []), pvc.id]);
      for (const ordinal of group) builder.claimsByName.set(`${namespace}/${claimName(claim.name, object.name, ordinal)}`, pvc.id);
      const mountPaths = [...new Set(mounts.filter((mount) => mount.name === claim.name).map((mount) => mount.mountPath))];
      builder.edge("mounts", pod.id, pvc.id, mountPaths.length ? mountPaths.join(", ") : "not mounted");
      const className = asString(claim.spec["storageClassName"]);
      if (className && builder.bundle.find("StorageClass", "", className)) builder.edge("references", pvc.id, referencedNode(builder, "StorageClass", namespace, className).id, "storageClassName");
    }
  }

  const template = statefulSet.template;
  if (template) {
    for (const { object: service } of builder.bundle.servicesSelecting(namespace, template.labels)) {
      const serviceNode = objectNode(builder, service);
      const label = isHeadless(service) ? "DNS" : "load-balances";
      for (const pod of pods) builder.edge("selects", serviceNode.id, pod.id, label);
    }
    for (const { object: budget } of builder.bundle.disruptionBudgetsSelecting(namespace, template.labels)) {
      const budgetNode = objectNode(builder, budget);
      builder.edge("protects", budgetNode.id, node.id, budgetNode.details.join(", ") || "protects");
    }
    addConfigReferences(builder, node, object, template);
  }
  return { node, pods };
}

/** The StatefulSet's selector labels: what its PVCs are labelled with, for `kubectl delete pvc -l`. */
export function claimLabels(object: K8sObject): Readonly<Record<string, string>> {
  return labelSelector(asRecord(object.raw["spec"])["selector"]).matchLabels;
}
