import { childPath, type FieldPath } from "../../source/path.js";
import type { K8sObject } from "../object.js";
import { asArray, asInteger, asRecord, asString, isRecord, type Plain } from "../values.js";
import { claimStorage, fieldOrParent, memoryOf, namedContainer, namedReference, NO_SETTINGS, nodeSpreadOf, numberedNames, podSpecImages, valueAt, weakestSpread } from "./adapter-support.js";
import type { ClusterReference, ClusterAdapter, CreatedObjects, DisruptionBudgetView, FieldRef, ImageView, MemberGroup, MemberRole, ResourcesView, SpreadView, StatefulClusterView, StorageView } from "./view.js";

/*
 * ECK (`elasticsearch.k8s.elastic.co/v1` Elasticsearch), as its API types and controller define it:
 * - `spec.nodeSets[]`: `count` pods each, roles from `config` `node.roles` (ES 7.9+) or the legacy
 *   `node.master` / `node.data` booleans; no roles configured means every role.
 * - Data lives in the claim `elasticsearch-data` (`volumeClaimTemplates`; ECK's default is 1Gi of
 *   the default class) unless `podTemplate.spec.volumes` replaces it with an `emptyDir` of that name.
 * - ECK creates a default PodDisruptionBudget; `spec.podDisruptionBudget: {}` switches it off.
 * - Without `podTemplate.spec.affinity` ECK prefers one pod per node (`kubernetes.io/hostname`).
 * - Without any CPU or memory in the `elasticsearch` container or `nodeSets[].resources`, ECK sets
 *   2Gi of memory as request and limit.
 * - Snapshots are configured through Elasticsearch itself, not the CRD: the view has no backup (unknown, not missing).
 */

const OPERATOR = "ECK";
const DATA_VOLUME = "elasticsearch-data";
const CONTAINER = "elasticsearch";
const CLUSTER_LABEL = "elasticsearch.k8s.elastic.co/cluster-name";
const DATA_ROLES = new Set(["data", "data_content", "data_hot", "data_warm", "data_cold", "data_frozen"]);

/** A setting of an ECK `config` block, written flat (`node.roles`) or nested (`node: {roles: …}`). */
function configSetting(config: Plain, key: string): unknown {
  if (key in config) return config[key];
  const [head, ...rest] = key.split(".");
  if (head === undefined || rest.length === 0) return undefined;
  const inner = config[head];
  return isRecord(inner) ? configSetting(inner, rest.join(".")) : undefined;
}

function rolesOf(config: Plain): MemberRole[] {
  const roles = configSetting(config, "node.roles");
  if (Array.isArray(roles)) {
    const names = roles.filter((role): role is string => typeof role === "string");
    return [...(names.includes("master") ? ["voter" as const] : []), ...(names.some((role) => DATA_ROLES.has(role)) ? ["data" as const] : [])];
  }
  const master = configSetting(config, "node.master") !== false && configSetting(config, "node.master") !== "false";
  const data = configSetting(config, "node.data") !== false && configSetting(config, "node.data") !== "false";
  return [...(master ? ["voter" as const] : []), ...(data ? ["data" as const] : [])];
}

function storageOf(object: K8sObject, nodeSetPath: FieldPath): StorageView {
  const volumes = asArray(valueAt(object, childPath(nodeSetPath, "podTemplate", "spec", "volumes")));
  const volume = volumes.findIndex((value) => asRecord(value)["name"] === DATA_VOLUME && isRecord(asRecord(value)["emptyDir"]));
  if (volume !== -1) return { kind: "ephemeral", at: { object, path: childPath(nodeSetPath, "podTemplate", "spec", "volumes", volume, "emptyDir") } };
  const claims = asArray(valueAt(object, childPath(nodeSetPath, "volumeClaimTemplates")));
  const claim = claims.findIndex((value) => asRecord(asRecord(value)["metadata"])["name"] === DATA_VOLUME);
  if (claim === -1) return { kind: "persistent", at: { object, path: childPath(nodeSetPath, "name") } };
  const claimPath = childPath(nodeSetPath, "volumeClaimTemplates", claim);
  return claimStorage(object, childPath(claimPath, "spec"), { object, path: claimPath });
}

function spreadOf(object: K8sObject, nodeSetPath: FieldPath): SpreadView {
  const podSpecPath = childPath(nodeSetPath, "podTemplate", "spec");
  const podSpec = asRecord(valueAt(object, podSpecPath));
  const own = nodeSpreadOf(podSpec);
  if (podSpec["affinity"] !== undefined) return { nodeAntiAffinity: own, managedByOperator: false, at: { object, path: childPath(podSpecPath, "affinity") } };
  // ECK's default anti-affinity prefers one pod per node; a spread constraint may make it required.
  const at = podSpec["topologySpreadConstraints"] !== undefined ? childPath(podSpecPath, "topologySpreadConstraints") : childPath(nodeSetPath, "name");
  return { nodeAntiAffinity: own === "required" ? "required" : "preferred", managedByOperator: own !== "required", at: { object, path: at } };
}

function hasCpuOrMemory(resources: unknown): boolean {
  const record = asRecord(resources);
  return ["requests", "limits"].some((side) => {
    const list = asRecord(record[side]);
    return list["cpu"] !== undefined || list["memory"] !== undefined;
  });
}

function resourcesOf(object: K8sObject, nodeSetPath: FieldPath, nodeSetName: string): ResourcesView {
  const name = `nodeSet "${nodeSetName}"`;
  const container = namedContainer(object, childPath(nodeSetPath, "podTemplate", "spec"), CONTAINER);
  const written = container?.container["resources"];
  const shorthand = valueAt(object, childPath(nodeSetPath, "resources"));
  if (!hasCpuOrMemory(written) && !hasCpuOrMemory(shorthand)) {
    // ECK's own default: 2Gi of memory requested and limited.
    return { name, memoryRequest: true, memoryLimit: true, at: { object, path: childPath(nodeSetPath, "name") } };
  }
  const fromContainer = memoryOf(written);
  const fromShorthand = memoryOf(shorthand);
  const at: FieldRef = container && written !== undefined ? { object, path: childPath(container.path, "resources") } : { object, path: childPath(nodeSetPath, "resources") };
  return { name, memoryRequest: fromContainer.memoryRequest || fromShorthand.memoryRequest, memoryLimit: fromContainer.memoryLimit || fromShorthand.memoryLimit, at };
}

function disruptionBudgetOf(object: K8sObject): DisruptionBudgetView {
  const budget = valueAt(object, ["spec", "podDisruptionBudget"]);
  if (isRecord(budget) && Object.keys(budget).length === 0) return { managedByOperator: false, disabledAt: { object, path: ["spec", "podDisruptionBudget"] } };
  return { managedByOperator: true };
}

function referencesOf(object: K8sObject, groups: readonly MemberGroup[]): ClusterReference[] {
  const references: (ClusterReference | undefined)[] = [
    namedReference(object, ["spec", "http", "tls", "certificate", "secretName"], "Secret", "HTTP TLS certificate"),
    namedReference(object, ["spec", "transport", "tls", "certificate", "secretName"], "Secret", "transport CA", { name: "ca.crt" }),
  ];
  asArray(valueAt(object, ["spec", "secureSettings"])).forEach((value, index) => {
    const entries = asArray(asRecord(value)["entries"]);
    const path = ["spec", "secureSettings", index, "secretName"];
    if (entries.length === 0) references.push(namedReference(object, path, "Secret", "secure settings"));
    entries.forEach((entry, entryIndex) => {
      const key = asString(asRecord(entry)["key"]);
      references.push(namedReference(object, path, "Secret", "secure settings", key ? { name: key, at: { object, path: ["spec", "secureSettings", index, "entries", entryIndex, "key"] } } : undefined));
    });
  });
  asArray(valueAt(object, ["spec", "auth", "roles"])).forEach((_, index) => {
    references.push(namedReference(object, ["spec", "auth", "roles", index, "secretName"], "Secret", "roles", { name: "roles.yml" }));
  });
  asArray(valueAt(object, ["spec", "auth", "fileRealm"])).forEach((_, index) => {
    references.push(namedReference(object, ["spec", "auth", "fileRealm", index, "secretName"], "Secret", "file realm users"));
  });
  for (const group of groups) {
    const storageClass = group.storage?.storageClass;
    if (storageClass) references.push({ kind: "StorageClass", name: storageClass.name, purpose: "Elasticsearch data", optional: false, at: storageClass.at });
  }
  return references.filter((reference) => reference !== undefined);
}

function imagesOf(object: K8sObject): ImageView[] {
  const images: ImageView[] = [];
  const image = asString(valueAt(object, ["spec", "image"]));
  if (image) images.push({ image, at: { object, path: ["spec", "image"] } });
  asArray(valueAt(object, ["spec", "nodeSets"])).forEach((_, index) => images.push(...podSpecImages(object, ["spec", "nodeSets", index, "podTemplate", "spec"])));
  return images;
}

function elasticsearchView(object: K8sObject): StatefulClusterView {
  const groups: MemberGroup[] = [];
  const spreads: SpreadView[] = [];
  const resources: ResourcesView[] = [];
  asArray(valueAt(object, ["spec", "nodeSets"])).forEach((value, index) => {
    const nodeSet = asRecord(value);
    const path: FieldPath = ["spec", "nodeSets", index];
    const name = asString(nodeSet["name"]) ?? String(index);
    const count = asInteger(nodeSet["count"]);
    const roles = rolesOf(asRecord(nodeSet["config"]));
    groups.push({
      name,
      roles,
      replicas: count ?? 0,
      replicasDeclared: count !== undefined,
      replicasAt: fieldOrParent(object, childPath(path, "count")),
      // Coordinating, ingest and ML-only nodes keep nothing that a restart could lose.
      storage: roles.length > 0 ? storageOf(object, path) : undefined,
      podLabels: { [CLUSTER_LABEL]: object.name, "elasticsearch.k8s.elastic.co/statefulset-name": `${object.name}-es-${name}` },
    });
    spreads.push(spreadOf(object, path));
    resources.push(resourcesOf(object, path, name));
  });
  return {
    object,
    title: `Elasticsearch "${object.name}"`,
    operator: OPERATOR,
    engine: "elasticsearch",
    members: groups,
    backup: undefined,
    replication: undefined,
    proxies: [],
    disruptionBudget: disruptionBudgetOf(object),
    spread: weakestSpread(spreads),
    images: imagesOf(object),
    resources,
    references: referencesOf(object, groups),
    settings: NO_SETTINGS,
  };
}

/**
 * ECK runs one StatefulSet `<name>-es-<nodeSet>` per nodeSet (pods `<name>-es-<nodeSet>-<n>`, PVCs
 * `elasticsearch-data-<name>-es-<nodeSet>-<n>`), the Service `<name>-es-http` over every node and
 * the headless `<name>-es-transport`. `volumeClaimDeletePolicy` decides what a delete keeps.
 */
function createdObjects(view: StatefulClusterView): CreatedObjects {
  const object = view.object;
  const kept = valueAt(object, ["spec", "volumeClaimDeletePolicy"]) === "DeleteOnScaledownOnly";
  const groups = view.members.map((group) => group.name);
  return {
    pods: view.members.map((group) => {
      const pods = numberedNames(`${object.name}-es-${group.name}`, group.replicas);
      const storage = group.storage;
      return {
        group: group.name,
        count: pods.length,
        names: pods,
        claims: storage?.kind === "persistent" ? [{
          purpose: "data",
          names: pods.map((pod) => `${DATA_VOLUME}-${pod}`),
          ...(storage.size !== undefined ? { size: storage.size } : {}),
          ...(storage.storageClass ? { storageClass: storage.storageClass.name } : {}),
          keptOnDelete: kept,
          at: storage.at,
        }] : [],
      };
    }),
    services: [
      { name: `${object.name}-es-http`, routesTo: "every node (HTTP 9200)", groups, headless: false },
      { name: `${object.name}-es-transport`, routesTo: "every node (transport 9300)", groups, headless: true },
    ],
    workloads: view.members.map((group) => ({ kind: "StatefulSet" as const, name: `${object.name}-es-${group.name}`, purpose: "Elasticsearch", replicas: group.replicas })),
    onDelete: kept
      ? "volumeClaimDeletePolicy: DeleteOnScaledownOnly keeps the PVCs after the Elasticsearch resource is deleted"
      : "ECK deletes the PVCs with the Elasticsearch resource (volumeClaimDeletePolicy defaults to DeleteOnScaledownAndClusterDeletion)",
  };
}

export const eckElasticsearchAdapter: ClusterAdapter = {
  group: "elasticsearch.k8s.elastic.co",
  kinds: ["Elasticsearch"],
  operator: OPERATOR,
  view: elasticsearchView,
  created: createdObjects,
};
