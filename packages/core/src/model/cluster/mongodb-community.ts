import { childPath, type FieldPath } from "../../source/path.js";
import type { K8sObject } from "../object.js";
import { asArray, asInteger, asRecord, asString, isRecord } from "../values.js";
import { claimStorage, fieldOrParent, namedContainer, namedReference, NO_SETTINGS, numberedNames, podSpecImages, podSpecSpread, valueAt } from "./adapter-support.js";
import type { ClusterAdapter, ClusterReference, CreatedObjects, MemberGroup, ReplicationView, ResourcesView, StatefulClusterView } from "./view.js";

/*
 * MongoDB Community Operator (`mongodbcommunity.mongodb.com/v1` MongoDBCommunity), as its API types
 * and StatefulSet construction define it:
 * - `spec.members` data-bearing replica set members (no default: unset is 0), `spec.arbiters`
 *   voting members that hold no data.
 * - Data lives in the claim `data-volume` (10G of the default class), which
 *   `spec.statefulSet.spec.volumeClaimTemplates` may resize or give a class; the StatefulSet
 *   controller mounts the claim even where the pod template names a volume the same way.
 * - `spec.statefulSet.spec` is merged into the operator's StatefulSet (affinity, resources, images).
 *   The operator adds no anti-affinity and no PodDisruptionBudget. It sets the `mongod` container's
 *   resources (400M requested, 500M limit); a written `requests` or `limits` replaces that side.
 * - `users[].passwordSecretRef` names a Secret and a key (default `password`).
 * - Backups are not part of the CRD: the view has none (unknown, not missing).
 *
 * Replication: a write is synchronous when the default write concern is `majority`, which MongoDB
 * uses from 5.0 on unless arbiters make the data-bearing members no more than a voting majority
 * (a primary-secondary-arbiter set falls back to `w: 1`); before 5.0 the default is `w: 1`.
 */

const OPERATOR = "MongoDB Community Operator";
const DATA_VOLUME = "data-volume";
const TEMPLATE_SPEC: FieldPath = ["spec", "statefulSet", "spec", "template", "spec"];

function storageOf(object: K8sObject): MemberGroup["storage"] {
  const claimsPath: FieldPath = ["spec", "statefulSet", "spec", "volumeClaimTemplates"];
  const index = asArray(valueAt(object, claimsPath)).findIndex((claim) => asRecord(asRecord(claim)["metadata"])["name"] === DATA_VOLUME);
  if (index === -1) return { kind: "persistent", at: fieldOrParent(object, claimsPath) };
  return claimStorage(object, childPath(claimsPath, index, "spec"), { object, path: childPath(claimsPath, index) });
}

function majorVersion(version: string | undefined): number | undefined {
  const match = /^(\d+)\./.exec(version ?? "");
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function replicationOf(object: K8sObject, members: number, arbiters: number): ReplicationView {
  const major = majorVersion(asString(valueAt(object, ["spec", "version"])));
  if (major !== undefined && major < 5) return { synchronous: false, at: { object, path: ["spec", "version"] } };
  const voters = members + arbiters;
  if (arbiters > 0 && members <= Math.floor(voters / 2) + 1) return { synchronous: false, at: { object, path: ["spec", "arbiters"] } };
  return { synchronous: true, at: fieldOrParent(object, ["spec", "members"]) };
}

function resourcesOf(object: K8sObject): ResourcesView {
  const name = 'container "mongod"';
  const container = namedContainer(object, TEMPLATE_SPEC, "mongod");
  const resources = asRecord(container?.container["resources"]);
  const side = (key: string): boolean => !isRecord(resources[key]) || asRecord(resources[key])["memory"] !== undefined;
  const at = !container
    ? fieldOrParent(object, TEMPLATE_SPEC)
    : { object, path: childPath(container.path, container.container["resources"] !== undefined ? "resources" : "name") };
  return { name, memoryRequest: side("requests"), memoryLimit: side("limits"), at };
}

function referencesOf(object: K8sObject, storage: MemberGroup["storage"]): ClusterReference[] {
  const references: (ClusterReference | undefined)[] = [];
  const passwordReference = (refPath: FieldPath, purpose: string): ClusterReference | undefined => {
    const key = asString(valueAt(object, childPath(refPath, "key")));
    return namedReference(object, childPath(refPath, "name"), "Secret", purpose, key ? { name: key, at: { object, path: childPath(refPath, "key") } } : { name: "password" });
  };
  asArray(valueAt(object, ["spec", "users"])).forEach((user, index) => {
    references.push(passwordReference(["spec", "users", index, "passwordSecretRef"], `password of user "${asString(asRecord(user)["name"]) ?? index}"`));
  });
  if (valueAt(object, ["spec", "security", "tls", "enabled"]) === true) {
    const tls: FieldPath = ["spec", "security", "tls"];
    references.push(namedReference(object, childPath(tls, "certificateKeySecretRef", "name"), "Secret", "TLS certificate"));
    // The operator ignores the CA ConfigMap when a CA Secret is given.
    references.push(
      valueAt(object, childPath(tls, "caCertificateSecretRef", "name")) !== undefined
        ? namedReference(object, childPath(tls, "caCertificateSecretRef", "name"), "Secret", "TLS certificate authority", { name: "ca.crt" })
        : namedReference(object, childPath(tls, "caConfigMapRef", "name"), "ConfigMap", "TLS certificate authority", { name: "ca.crt" }),
    );
  }
  if (isRecord(valueAt(object, ["spec", "prometheus"]))) {
    references.push(passwordReference(["spec", "prometheus", "passwordSecretRef"], "metrics endpoint password"));
    references.push(namedReference(object, ["spec", "prometheus", "tlsSecretKeyRef", "name"], "Secret", "metrics endpoint TLS certificate"));
  }
  if (storage?.storageClass) references.push({ kind: "StorageClass", name: storage.storageClass.name, purpose: "MongoDB data", optional: false, at: storage.storageClass.at });
  return references.filter((reference) => reference !== undefined);
}

function mongodbView(object: K8sObject): StatefulClusterView {
  const members = asInteger(valueAt(object, ["spec", "members"]));
  const arbiters = asInteger(valueAt(object, ["spec", "arbiters"])) ?? 0;
  const storage = storageOf(object);
  const groups: MemberGroup[] = [
    {
      name: object.name,
      roles: ["database", "voter"],
      replicas: members ?? 0,
      replicasDeclared: members !== undefined,
      replicasAt: fieldOrParent(object, ["spec", "members"]),
      storage,
      podLabels: { app: `${object.name}-svc` },
    },
  ];
  if (arbiters > 0) {
    groups.push({ name: `${object.name}-arb`, roles: ["voter"], replicas: arbiters, replicasDeclared: true, replicasAt: { object, path: ["spec", "arbiters"] }, storage: undefined });
  }
  return {
    object,
    title: `MongoDBCommunity "${object.name}"`,
    operator: OPERATOR,
    engine: "mongo",
    members: groups,
    backup: undefined,
    replication: replicationOf(object, members ?? 0, arbiters),
    proxies: [],
    disruptionBudget: { managedByOperator: false },
    spread: podSpecSpread(object, TEMPLATE_SPEC),
    images: podSpecImages(object, TEMPLATE_SPEC),
    resources: [resourcesOf(object)],
    references: referencesOf(object, storage),
    settings: NO_SETTINGS,
  };
}

/**
 * The operator runs a StatefulSet `<name>` (pods `<name>-<n>`) with the claims `data-volume` and
 * `logs-volume` (PVCs `data-volume-<name>-<n>`, `logs-volume-<name>-<n>`), governed by the headless
 * Service `<name>-svc` that the connection string names. Arbiters run in a second StatefulSet.
 */
function createdObjects(view: StatefulClusterView): CreatedObjects {
  const object = view.object;
  const group = view.members[0];
  const pods = numberedNames(object.name, group?.replicas ?? 0);
  const storage = group?.storage;
  return {
    pods: [{
      group: object.name,
      count: pods.length,
      names: pods,
      dnsService: `${object.name}-svc`,
      claims: [
        {
          purpose: "data",
          names: pods.map((pod) => `${DATA_VOLUME}-${pod}`),
          ...(storage?.size !== undefined ? { size: storage.size } : {}),
          ...(storage?.storageClass ? { storageClass: storage.storageClass.name } : {}),
          keptOnDelete: true,
          ...(storage ? { at: storage.at } : {}),
        },
        { purpose: "logs", names: pods.map((pod) => `logs-volume-${pod}`), keptOnDelete: true },
      ],
    }],
    services: [{ name: `${object.name}-svc`, routesTo: "every member (per-pod DNS)", groups: [object.name], headless: true }],
    workloads: [{ kind: "StatefulSet", name: object.name, purpose: "mongod", replicas: pods.length }],
    onDelete: "the PVCs of the StatefulSet stay after the MongoDBCommunity is deleted (kubectl delete pvc by hand)",
  };
}

export const mongodbCommunityAdapter: ClusterAdapter = {
  group: "mongodbcommunity.mongodb.com",
  kinds: ["MongoDBCommunity"],
  operator: OPERATOR,
  view: mongodbView,
  created: createdObjects,
};
