import { describe, expect, it } from "vitest";
import { bundleOf, viewOf, where } from "./view-helpers.js";

const FULL = `apiVersion: mysql.oracle.com/v2
kind: InnoDBCluster
metadata:
  name: orders
spec:
  secretName: orders-root
  tlsCASecretName: orders-ca
  instances: 3
  version: 8.4.3
  router:
    instances: 2
  datadirVolumeClaimTemplate:
    storageClassName: fast-ssd
    resources:
      requests:
        storage: 50Gi
  podSpec:
    affinity:
      podAntiAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          - topologyKey: kubernetes.io/hostname
            labelSelector:
              matchLabels:
                mysql.oracle.com/cluster: orders
    containers:
      - name: mysql
        resources:
          requests:
            memory: 4Gi
          limits:
            memory: 4Gi
  backupProfiles:
    - name: to-s3
      dumpInstance:
        storage:
          s3:
            bucketName: orders-backups
            config: orders-s3
    - name: to-volume
      dumpInstance:
        storage:
          persistentVolumeClaim:
            claimName: orders-dumps
  backupSchedules:
    - name: nightly
      schedule: "0 2 * * *"
      backupProfileName: to-s3
    - name: hourly
      schedule: "0 * * * *"
      backupProfileName: to-volume
    - name: paused
      schedule: "30 * * * *"
      enabled: false
      backupProfile:
        dumpInstance:
          storage:
            ociObjectStorage:
              bucketName: spare
              credentials: oci-creds
`;

const MINIMAL = `apiVersion: mysql.oracle.com/v2
kind: InnoDBCluster
metadata:
  name: mini
spec:
  secretName: mypwds
  tlsUseSelfSigned: true
`;

describe("InnoDBCluster view", () => {
  it("reads members, storage, replication and the router from the spec", () => {
    const view = viewOf(bundleOf(FULL), "InnoDBCluster")!;
    expect(view.title).toBe('InnoDBCluster "orders"');
    expect(view.operator).toBe("MySQL Operator");
    expect(view.engine).toBe("mysql");
    const [group] = view.members;
    expect(group).toMatchObject({ name: "orders", roles: ["database", "voter"], replicas: 3, replicasDeclared: true });
    expect(where(group!.replicasAt)).toBe("InnoDBCluster orders spec.instances @ 8:14");
    expect(group!.storage).toMatchObject({ kind: "persistent", size: "50Gi", storageClass: { name: "fast-ssd" } });
    expect(where(group!.storage!.at)).toBe("InnoDBCluster orders spec.datadirVolumeClaimTemplate @ 12:3");
    expect(where(group!.storage!.storageClass!.at)).toBe("InnoDBCluster orders spec.datadirVolumeClaimTemplate.storageClassName @ 13:23");
    expect(view.replication).toMatchObject({ synchronous: true });
    expect(view.proxies).toEqual([expect.objectContaining({ name: "MySQL Router", instances: 2, instancesDeclared: true })]);
    expect(where(view.proxies[0]!.at)).toBe("InnoDBCluster orders spec.router.instances @ 11:16");
    expect(view.disruptionBudget).toEqual({ managedByOperator: true });
    expect(view.spread).toMatchObject({ nodeAntiAffinity: "required", managedByOperator: false });
    expect(where(view.spread!.at)).toBe("InnoDBCluster orders spec.podSpec.affinity @ 18:5");
    expect(view.resources).toEqual([expect.objectContaining({ name: 'container "mysql"', memoryRequest: true, memoryLimit: true })]);
    expect(view.images.map((image) => `${image.image} ${where(image.at)}`)).toEqual([
      "container-registry.oracle.com/mysql/community-server:8.4.3 InnoDBCluster orders spec.version @ 9:12",
    ]);
  });

  it("counts enabled schedules as backups and tells off-site object stores from in-cluster volumes", () => {
    const backup = viewOf(bundleOf(FULL), "InnoDBCluster")!.backup!;
    expect(backup.configured).toBe(true);
    expect(backup.standbyElsewhere).toBe(false);
    expect(where(backup.at)).toBe("InnoDBCluster orders spec.backupSchedules @ 44:3");
    expect(backup.destinations.map((destination) => `${destination.kind} ${destination.offsite} ${where(destination.at)}`)).toEqual([
      "object-store true InnoDBCluster orders spec.backupProfiles[0].dumpInstance.storage.s3 @ 36:11",
      "volume false InnoDBCluster orders spec.backupProfiles[1].dumpInstance.storage.persistentVolumeClaim @ 42:11",
    ]);
  });

  it("lists the root Secret with its required key, the CA Secret, backup credentials and the StorageClass", () => {
    const references = viewOf(bundleOf(FULL), "InnoDBCluster")!.references;
    expect(references.map((reference) => `${reference.kind} ${reference.name} ${reference.key ?? "-"} ${where(reference.at)}`)).toEqual([
      "Secret orders-root rootPassword InnoDBCluster orders spec.secretName @ 6:15",
      "Secret orders-ca ca.pem InnoDBCluster orders spec.tlsCASecretName @ 7:20",
      "Secret orders-s3 - InnoDBCluster orders spec.backupProfiles[0].dumpInstance.storage.s3.config @ 38:21",
      "Secret oci-creds - InnoDBCluster orders spec.backupSchedules[2].backupProfile.dumpInstance.storage.ociObjectStorage.credentials @ 59:28",
      "StorageClass fast-ssd - InnoDBCluster orders spec.datadirVolumeClaimTemplate.storageClassName @ 13:23",
    ]);
  });

  it("applies the operator's defaults to a minimal cluster and points at where settings belong", () => {
    const view = viewOf(bundleOf(MINIMAL), "InnoDBCluster")!;
    const [group] = view.members;
    expect(group).toMatchObject({ replicas: 1, replicasDeclared: false, storage: { kind: "persistent" } });
    expect(where(group!.replicasAt)).toBe("InnoDBCluster mini spec @ 5:1");
    expect(view.backup).toMatchObject({ configured: false, destinations: [] });
    expect(where(view.backup!.at)).toBe("InnoDBCluster mini spec @ 5:1");
    expect(view.proxies).toEqual([expect.objectContaining({ instances: 1, instancesDeclared: false })]);
    expect(view.spread).toMatchObject({ nodeAntiAffinity: "none" });
    expect(view.resources).toEqual([expect.objectContaining({ memoryRequest: false, memoryLimit: false })]);
    expect(where(view.resources[0]!.at)).toBe("InnoDBCluster mini spec @ 5:1");
    expect(view.images).toEqual([]);
  });

  it("has no proxy when the router is scaled to 0, and no backup from a disabled schedule", () => {
    const text = `${MINIMAL}  router:\n    instances: 0\n  backupSchedules:\n    - name: off\n      schedule: "0 2 * * *"\n      enabled: false\n`;
    const view = viewOf(bundleOf(text), "InnoDBCluster")!;
    expect(view.proxies).toEqual([]);
    expect(view.backup!.configured).toBe(false);
  });
});
