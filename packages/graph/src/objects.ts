import { asArray, asInteger, asRecord, asString, definedKeys, type K8sObject } from "@statelint/core";
import { objectNodeId, referencedNodeId, type DraftNode, type GraphBuilder } from "./builder.js";
import type { NodeKind } from "./model.js";

/** Whether a Service is headless (`clusterIP: None`): DNS answers with the pods' own addresses. */
export function isHeadless(service: K8sObject): boolean {
  return asString(asRecord(service.raw["spec"])["clusterIP"]) === "None";
}

/** `postgres 5432→5432/TCP` for each port of a Service. */
export function servicePorts(service: K8sObject): string[] {
  return asArray(asRecord(service.raw["spec"])["ports"]).map((value) => {
    const port = asRecord(value);
    const number = asInteger(port["port"]);
    const target = port["targetPort"];
    const protocol = asString(port["protocol"]) ?? "TCP";
    const name = asString(port["name"]);
    const mapped = target !== undefined && String(target) !== String(number) ? `${number ?? "?"}→${String(target)}` : `${number ?? "?"}`;
    return `${name ? `${name} ` : ""}${mapped}/${protocol}`;
  });
}

function serviceFacts(object: K8sObject): { details: string[]; attributes: Record<string, string | number | boolean> } {
  const spec = asRecord(object.raw["spec"]);
  const headless = isHeadless(object);
  const type = asString(spec["type"]) ?? "ClusterIP";
  const ports = servicePorts(object);
  return {
    details: [headless ? "headless (clusterIP None)" : type, ...ports],
    attributes: { headless, type, ports: ports.join(", ") },
  };
}

function storageClassFacts(object: K8sObject): { details: string[]; attributes: Record<string, string | number | boolean> } {
  const reclaimPolicy = asString(object.raw["reclaimPolicy"]) ?? "Delete";
  const expansion = object.raw["allowVolumeExpansion"] === true;
  const provisioner = asString(object.raw["provisioner"]) ?? "";
  return {
    details: [provisioner, `reclaimPolicy ${reclaimPolicy}`, expansion ? "expandable" : "not expandable"].filter(Boolean),
    attributes: { provisioner, reclaimPolicy, allowVolumeExpansion: expansion },
  };
}

function disruptionBudgetFacts(object: K8sObject): { details: string[]; attributes: Record<string, string | number | boolean> } {
  const spec = asRecord(object.raw["spec"]);
  const details: string[] = [];
  const attributes: Record<string, string | number | boolean> = {};
  for (const field of ["minAvailable", "maxUnavailable"]) {
    const value = spec[field];
    if (typeof value === "number" || typeof value === "string") {
      details.push(`${field} ${value}`);
      attributes[field] = value;
    }
  }
  return { details, attributes };
}

function configFacts(object: K8sObject): { details: string[]; attributes: Record<string, string | number | boolean> } {
  const keys = [...definedKeys(object)].sort();
  return { details: [], attributes: { definedKeys: keys.join(", ") } };
}

const NODE_KINDS: Readonly<Record<string, NodeKind>> = {
  "/Service": "Service",
  "/Secret": "Secret",
  "/ConfigMap": "ConfigMap",
  "storage.k8s.io/StorageClass": "StorageClass",
  "policy/PodDisruptionBudget": "PodDisruptionBudget",
};

const FACTS: Partial<Record<NodeKind, (object: K8sObject) => { details: string[]; attributes: Record<string, string | number | boolean> }>> = {
  Service: serviceFacts,
  StorageClass: storageClassFacts,
  PodDisruptionBudget: disruptionBudgetFacts,
  Secret: configFacts,
  ConfigMap: configFacts,
};

/**
 * The node of a manifest object that is not a workload: a Service, Secret, ConfigMap,
 * StorageClass or PDB with its facts, or a plain node for any other kind.
 */
export function objectNode(builder: GraphBuilder, object: K8sObject, kind?: NodeKind): DraftNode {
  const nodeKind = kind ?? NODE_KINDS[`${object.group}/${object.kind}`] ?? "Object";
  const facts = FACTS[nodeKind]?.(object) ?? { details: nodeKind === "Object" ? [object.kind] : [], attributes: {} };
  return builder.node({
    id: objectNodeId(object),
    kind: nodeKind,
    name: object.name,
    namespace: object.namespace,
    object,
    details: facts.details,
    attributes: { ...facts.attributes, apiVersion: object.apiVersion, objectKind: object.kind },
  });
}

/** The name of the Secret an object makes its controller create: a SealedSecret, an ExternalSecret, a Certificate … */
function producedSecretName(object: K8sObject): string | undefined {
  const spec = asRecord(object.raw["spec"]);
  switch (`${object.group}/${object.kind}`) {
    case "bitnami.com/SealedSecret":
      return asString(asRecord(asRecord(spec["template"])["metadata"])["name"]) ?? object.name;
    case "external-secrets.io/ExternalSecret":
      return asString(asRecord(spec["target"])["name"]) ?? object.name;
    case "secrets.hashicorp.com/VaultStaticSecret":
    case "secrets.hashicorp.com/VaultDynamicSecret":
    case "secrets.hashicorp.com/VaultPKISecret":
      return asString(asRecord(spec["destination"])["name"]);
    case "onepassword.com/OnePasswordItem":
      return object.name;
    case "cert-manager.io/Certificate":
      return asString(spec["secretName"]);
    default:
      return undefined;
  }
}

const SECRET_PRODUCER_KINDS = ["SealedSecret", "ExternalSecret", "VaultStaticSecret", "VaultDynamicSecret", "VaultPKISecret", "OnePasswordItem", "Certificate"];

/** Objects that make a Secret exist at run time, by namespace and Secret name. */
function secretProducer(builder: GraphBuilder, namespace: string, name: string): K8sObject | undefined {
  const index = builder.bundle.cached("graph:secret-producers", (bundle) => {
    const map = new Map<string, K8sObject>();
    for (const kind of SECRET_PRODUCER_KINDS) {
      for (const object of bundle.ofKind(kind)) {
        const produced = producedSecretName(object);
        if (produced && !map.has(`${object.namespace}/${produced}`)) map.set(`${object.namespace}/${produced}`, object);
      }
    }
    return map;
  });
  return index.get(`${namespace}/${name}`);
}

/** ConfigMaps the cluster puts in every namespace (the API server's CA bundle). */
const CLUSTER_CONFIGMAPS = new Set(["kube-root-ca.crt", "openshift-service-ca.crt"]);

/**
 * The node a reference points at: the object when the bundle has it; a Secret that a SealedSecret
 * or ExternalSecret of the bundle makes its controller create; otherwise a node marked missing
 * (the broken edge the reference rules report).
 */
export function referencedNode(builder: GraphBuilder, kind: "Secret" | "ConfigMap" | "StorageClass", namespace: string, name: string): DraftNode {
  const object = builder.bundle.find(kind, kind === "StorageClass" ? "" : namespace, name);
  if (object) return objectNode(builder, object);
  const id = referencedNodeId(kind, namespace, name);
  const producer = kind === "Secret" ? secretProducer(builder, namespace, name) : undefined;
  if (producer) {
    const secret = builder.node({ id, kind, name, namespace, object: id, created: true, details: [`from ${producer.kind} ${producer.name}`], attributes: { createdBy: producer.id } });
    builder.edge("creates", objectNode(builder, producer).id, secret.id, "creates");
    return secret;
  }
  if (kind === "ConfigMap" && CLUSTER_CONFIGMAPS.has(name)) {
    return builder.node({ id, kind, name, namespace, object: id, created: true, details: ["put in every namespace by the cluster"], attributes: {} });
  }
  return builder.node({
    id,
    kind,
    name,
    namespace: kind === "StorageClass" ? "" : namespace,
    object: id,
    details: ["not in the bundle"],
    attributes: { missing: true },
  });
}

/** Records a key that a workload reads from a Secret or ConfigMap, for the node's label. */
export function addReferencedKey(node: DraftNode, key: string): void {
  const keys = new Set(String(node.attributes["referencedKeys"] ?? "").split(", ").filter(Boolean));
  keys.add(key);
  const sorted = [...keys].sort();
  node.attributes["referencedKeys"] = sorted.join(", ");
  const line = `keys: ${sorted.join(", ")}`;
  const index = node.details.findIndex((detail) => detail.startsWith("keys: "));
  if (index === -1) node.details.push(line);
  else node.details[index] = line;
}
