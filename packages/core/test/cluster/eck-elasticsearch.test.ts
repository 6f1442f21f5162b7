import { describe, expect, it } from "vitest";
import { bundleOf, viewOf, where } from "./view-helpers.js";

const CLUSTER = `apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata:
  name: logs
spec:
  version: 8.15.3
  image: docker.elastic.co/elasticsearch/elasticsearch:8.15.3
  secureSettings:
    - secretName: gcs-credentials
      entries:
        - key: gcs.client.default.credentials_file
  nodeSets:
    - name: masters
      count: 3
      config:
        node.roles: ["master"]
      volumeClaimTemplates:
        - metadata:
            name: elasticsearch-data
          spec:
            accessModes: ["ReadWriteOnce"]
            storageClassName: fast-ssd
            resources:
              requests:
                storage: 10Gi
    - name: hot
      count: 2
      config:
        node:
          roles: ["data_hot", "data_content", "ingest"]
      podTemplate:
        spec:
          affinity:
            nodeAffinity: {}
          containers:
            - name: elasticsearch
              resources:
                limits:
                  cpu: 2
          volumes:
            - name: elasticsearch-data
              emptyDir: {}
    - name: coordinating
      count: 2
      config:
        node.roles: []
    - name: legacy
      count: 1
      config:
        node.master: false
`;

describe("ECK Elasticsearch view", () => {
  it("reads one member group per nodeSet with roles from node.roles, nested or flat, and the legacy booleans", () => {
    const view = viewOf(bundleOf(CLUSTER), "Elasticsearch")!;
    expect(view.title).toBe('Elasticsearch "logs"');
    expect(view.operator).toBe("ECK");
    expect(view.engine).toBe("elasticsearch");
    expect(view.members.map((group) => `${group.name} [${group.roles.join(",")}] ${group.replicas} ${where(group.replicasAt)}`)).toEqual([
      "masters [voter] 3 Elasticsearch logs spec.nodeSets[0].count @ 14:14",
      "hot [data] 2 Elasticsearch logs spec.nodeSets[1].count @ 27:14",
      "coordinating [] 2 Elasticsearch logs spec.nodeSets[2].count @ 44:14",
      "legacy [data] 1 Elasticsearch logs spec.nodeSets[3].count @ 48:14",
    ]);
  });

  it("reads the elasticsearch-data claim, an emptyDir in its place, ECK's default claim, and no storage for nodes without data", () => {
    const view = viewOf(bundleOf(CLUSTER), "Elasticsearch")!;
    expect(view.members.map((group) => `${group.name} ${group.storage?.kind} ${group.storage?.size ?? "-"} ${where(group.storage?.at)}`)).toEqual([
      "masters persistent 10Gi Elasticsearch logs spec.nodeSets[0].volumeClaimTemplates[0] @ 18:11",
      "hot ephemeral - Elasticsearch logs spec.nodeSets[1].podTemplate.spec.volumes[0].emptyDir @ 42:15",
      "coordinating undefined - undefined",
      "legacy persistent - Elasticsearch logs spec.nodeSets[3].name @ 47:13",
    ]);
    expect(view.references.map((reference) => `${reference.kind} ${reference.name} ${reference.key ?? "-"} ${where(reference.at)}`)).toEqual([
      "Secret gcs-credentials gcs.client.default.credentials_file Elasticsearch logs spec.secureSettings[0].secretName @ 9:19",
      "StorageClass fast-ssd - Elasticsearch logs spec.nodeSets[0].volumeClaimTemplates[0].spec.storageClassName @ 22:31",
    ]);
  });

  it("counts ECK's default anti-affinity and PDB, and a user affinity without pod anti-affinity as none", () => {
    const view = viewOf(bundleOf(CLUSTER), "Elasticsearch")!;
    expect(view.disruptionBudget).toEqual({ managedByOperator: true });
    expect(view.spread).toMatchObject({ nodeAntiAffinity: "none", managedByOperator: false });
    expect(where(view.spread!.at)).toBe("Elasticsearch logs spec.nodeSets[1].podTemplate.spec.affinity @ 33:11");
    const defaults = viewOf(bundleOf(CLUSTER.replace("          affinity:\n            nodeAffinity: {}\n", "")), "Elasticsearch")!;
    expect(defaults.spread).toMatchObject({ nodeAntiAffinity: "preferred", managedByOperator: true });
  });

  it("reads podDisruptionBudget: {} as the operator's PDB switched off", () => {
    const view = viewOf(bundleOf(CLUSTER.replace("  version: 8.15.3\n", "  version: 8.15.3\n  podDisruptionBudget: {}\n")), "Elasticsearch")!;
    expect(view.disruptionBudget!.managedByOperator).toBe(false);
    expect(where(view.disruptionBudget!.disabledAt)).toBe("Elasticsearch logs spec.podDisruptionBudget @ 7:3");
  });

  it("applies ECK's 2Gi memory default only when no CPU or memory is written", () => {
    const view = viewOf(bundleOf(CLUSTER), "Elasticsearch")!;
    expect(view.resources.map((resources) => `${resources.name} ${resources.memoryRequest} ${resources.memoryLimit} ${where(resources.at)}`)).toEqual([
      'nodeSet "masters" true true Elasticsearch logs spec.nodeSets[0].name @ 13:13',
      'nodeSet "hot" false false Elasticsearch logs spec.nodeSets[1].podTemplate.spec.containers[0].resources @ 37:15',
      'nodeSet "coordinating" true true Elasticsearch logs spec.nodeSets[2].name @ 43:13',
      'nodeSet "legacy" true true Elasticsearch logs spec.nodeSets[3].name @ 47:13',
    ]);
    expect(view.images.map((image) => where(image.at))).toEqual(["Elasticsearch logs spec.image @ 7:10"]);
    expect(view.backup).toBeUndefined();
  });
});
