import { describe, expect, it } from "vitest";
import { bundleOf, viewOf, where } from "./view-helpers.js";

const REPLICA_SET = `apiVersion: mongodbcommunity.mongodb.com/v1
kind: MongoDBCommunity
metadata:
  name: catalog
spec:
  members: 3
  type: ReplicaSet
  version: "7.0.14"
  security:
    authentication:
      modes: ["SCRAM"]
    tls:
      enabled: true
      certificateKeySecretRef:
        name: catalog-tls
      caConfigMapRef:
        name: catalog-ca
  users:
    - name: app
      db: admin
      passwordSecretRef:
        name: app-password
      roles:
        - name: readWrite
          db: catalog
      scramCredentialsSecretName: app-scram
    - name: ops
      db: admin
      passwordSecretRef:
        name: ops-secret
        key: ops-pass
      roles:
        - name: clusterAdmin
          db: admin
      scramCredentialsSecretName: ops-scram
  statefulSet:
    spec:
      template:
        spec:
          containers:
            - name: mongod
              image: mongodb/mongodb-community-server:7.0.14-ubi8
              resources:
                limits:
                  cpu: "2"
          affinity:
            podAntiAffinity:
              preferredDuringSchedulingIgnoredDuringExecution:
                - weight: 100
                  podAffinityTerm:
                    topologyKey: kubernetes.io/hostname
      volumeClaimTemplates:
        - metadata:
            name: data-volume
          spec:
            storageClassName: standard-rwo
            resources:
              requests:
                storage: 40Gi
`;

describe("MongoDBCommunity view", () => {
  it("reads members as voting databases and storage from the data-volume claim override", () => {
    const view = viewOf(bundleOf(REPLICA_SET), "MongoDBCommunity")!;
    expect(view.title).toBe('MongoDBCommunity "catalog"');
    expect(view.engine).toBe("mongo");
    const [members] = view.members;
    expect(members).toMatchObject({ name: "catalog", roles: ["database", "voter"], replicas: 3, replicasDeclared: true, podLabels: { app: "catalog-svc" } });
    expect(where(members!.replicasAt)).toBe("MongoDBCommunity catalog spec.members @ 6:12");
    expect(members!.storage).toMatchObject({ kind: "persistent", size: "40Gi", storageClass: { name: "standard-rwo" } });
    expect(where(members!.storage!.at)).toBe("MongoDBCommunity catalog spec.statefulSet.spec.volumeClaimTemplates[0] @ 53:11");
    expect(view.replication).toMatchObject({ synchronous: true });
    expect(view.disruptionBudget).toEqual({ managedByOperator: false });
    expect(view.spread).toMatchObject({ nodeAntiAffinity: "preferred", managedByOperator: false });
    expect(where(view.spread!.at)).toBe("MongoDBCommunity catalog spec.statefulSet.spec.template.spec.affinity @ 46:11");
    expect(view.backup).toBeUndefined();
  });

  it("lists user password Secrets with their key (default password), TLS references and the StorageClass", () => {
    const view = viewOf(bundleOf(REPLICA_SET), "MongoDBCommunity")!;
    expect(view.references.map((reference) => `${reference.kind} ${reference.name} ${reference.key ?? "-"} ${where(reference.at)} key:${where(reference.keyAt)}`)).toEqual([
      "Secret app-password password MongoDBCommunity catalog spec.users[0].passwordSecretRef.name @ 22:15 key:undefined",
      "Secret ops-secret ops-pass MongoDBCommunity catalog spec.users[1].passwordSecretRef.name @ 30:15 key:MongoDBCommunity catalog spec.users[1].passwordSecretRef.key @ 31:14",
      "Secret catalog-tls - MongoDBCommunity catalog spec.security.tls.certificateKeySecretRef.name @ 15:15 key:undefined",
      "ConfigMap catalog-ca ca.crt MongoDBCommunity catalog spec.security.tls.caConfigMapRef.name @ 17:15 key:undefined",
      "StorageClass standard-rwo - MongoDBCommunity catalog spec.statefulSet.spec.volumeClaimTemplates[0].spec.storageClassName @ 56:31 key:undefined",
    ]);
  });

  it("keeps the operator's memory defaults for a side the user did not replace, and lists written images", () => {
    const view = viewOf(bundleOf(REPLICA_SET), "MongoDBCommunity")!;
    expect(view.resources).toEqual([expect.objectContaining({ name: 'container "mongod"', memoryRequest: true, memoryLimit: false })]);
    expect(where(view.resources[0]!.at)).toBe("MongoDBCommunity catalog spec.statefulSet.spec.template.spec.containers[0].resources @ 43:15");
    expect(view.images.map((image) => `${image.image} ${where(image.at)}`)).toEqual([
      "mongodb/mongodb-community-server:7.0.14-ubi8 MongoDBCommunity catalog spec.statefulSet.spec.template.spec.containers[0].image @ 42:22",
    ]);
  });

  it("adds arbiters as voters without storage, and a primary-secondary-arbiter set writes with w: 1", () => {
    const text = REPLICA_SET.replace("  members: 3\n", "  members: 2\n  arbiters: 1\n");
    const view = viewOf(bundleOf(text), "MongoDBCommunity")!;
    expect(view.members.map((group) => `${group.name} [${group.roles.join(",")}] ${group.replicas} ${group.storage?.kind}`)).toEqual([
      "catalog [database,voter] 2 persistent",
      "catalog-arb [voter] 1 undefined",
    ]);
    expect(view.replication).toMatchObject({ synchronous: false });
    expect(where(view.replication!.at)).toBe("MongoDBCommunity catalog spec.arbiters @ 7:13");
  });

  it("reads a version before 5.0 as asynchronous (default write concern w: 1) and unset members as 0", () => {
    const text = REPLICA_SET.replace('  version: "7.0.14"\n', '  version: "4.4.29"\n').replace("  members: 3\n", "");
    const view = viewOf(bundleOf(text), "MongoDBCommunity")!;
    expect(view.replication).toMatchObject({ synchronous: false });
    expect(where(view.replication!.at)).toBe("MongoDBCommunity catalog spec.version @ 7:12");
    expect(view.members[0]).toMatchObject({ replicas: 0, replicasDeclared: false });
    expect(where(view.members[0]!.replicasAt)).toBe("MongoDBCommunity catalog spec @ 5:1");
  });
});
