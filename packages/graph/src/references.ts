import { configReferencesOf, formatFieldPath, type FieldPath, type K8sObject, type PodTemplate } from "@statelint/core";
import { referencedNodeId, type DraftNode, type GraphBuilder } from "./builder.js";
import { addReferencedKey, referencedNode } from "./objects.js";

/** The env entry, envFrom entry or volume that holds a reference: where its findings are reported. */
function originPath(namePath: FieldPath): string {
  let end = namePath.length;
  for (let index = namePath.length - 2; index >= 0; index--) {
    const segment = namePath[index];
    if ((segment === "env" || segment === "envFrom" || segment === "volumes") && typeof namePath[index + 1] === "number") {
      end = index + 2;
      break;
    }
  }
  return formatFieldPath(namePath.slice(0, end));
}

/** Edges from a workload to every Secret and ConfigMap its pod template reads (env, envFrom, volumes). */
export function addConfigReferences(builder: GraphBuilder, from: DraftNode, object: K8sObject, template: PodTemplate): void {
  for (const reference of configReferencesOf(template)) {
    if (reference.via === "imagePullSecret") continue;
    const target = referencedNode(builder, reference.kind, object.namespace, reference.name);
    if (reference.key !== undefined) addReferencedKey(target, reference.key);
    const label = reference.key !== undefined ? `${reference.via} ${reference.key}` : reference.via;
    builder.edge("references", from.id, target.id, label, { object: object.id, path: originPath(reference.namePath) });
  }
}

/** Secrets and ConfigMaps a pod template reads, as the ids their nodes have or would have. */
export function referencedConfigIds(builder: GraphBuilder, object: K8sObject, template: PodTemplate): string[] {
  return configReferencesOf(template)
    .filter((reference) => reference.via !== "imagePullSecret")
    .map((reference) => builder.bundle.find(reference.kind, object.namespace, reference.name)?.id ?? referencedNodeId(reference.kind, object.namespace, reference.name));
}
