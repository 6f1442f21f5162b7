import { RuleTester } from "@statelint/core/testing";
import { cnpg, readFixture } from "../test-support.js";
import rule from "./rule.js";

function storageClass(extra: string, annotations = ""): string {
  return `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gp3
${annotations}provisioner: ebs.csi.aws.com
${extra}`;
}

function statefulSet(name: string, claim: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
  namespace: data
spec:
  serviceName: ${name}
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: ${name}
          image: ${name}:latest
          volumeMounts: [{ name: data, mountPath: /data }]
  volumeClaimTemplates:
    - metadata: { name: data }
      spec: { ${claim}accessModes: [ReadWriteOnce], resources: { requests: { storage: 8Gi } } }
`;
}

const defaultAnnotation = `  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
`;

new RuleTester().run(rule, {
  valid: [
    { name: "CloudNativePG on a Retain class", code: cnpg("  storage:\n    storageClass: db\n", "---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: db\nprovisioner: ebs.csi.aws.com\nreclaimPolicy: Retain\n") },
    { name: "fixture: Retain", code: readFixture("storageclass-reclaim-delete", "quiet.yaml") },
    { name: "a class no StatefulSet uses", code: `${storageClass("reclaimPolicy: Delete\n")}---\n${statefulSet("redis", "storageClassName: io2, ")}` },
    { name: "a default class, but every template names its class", code: `${storageClass("", defaultAnnotation)}---\n${statefulSet("redis", "storageClassName: io2, ")}` },
    { name: "a non-default class is not used by templates without storageClassName", code: `${storageClass("")}---\n${statefulSet("redis", "")}` },
    { name: "an empty storageClassName uses no class", code: `${storageClass("", defaultAnnotation)}---\n${statefulSet("redis", 'storageClassName: "", ')}` },
  ],
  invalid: [
    {
      name: "fixture: reclaimPolicy Delete",
      code: readFixture("storageclass-reclaim-delete", "fires.yaml"),
      errors: [
        {
          messageId: "reclaimDelete",
          line: 8,
          column: 16,
          endLine: 8,
          endColumn: 22,
          related: ["manifest.yaml:38:27"],
          message: 'StorageClass "fast-ssd" backs volumeClaimTemplate "postgres-storage" of StatefulSet "postgres" with reclaimPolicy Delete, so deleting a claim destroys its data; use Retain.',
        },
      ],
    },
    {
      name: "no reclaimPolicy, used by two StatefulSets in another file",
      files: { "class.yaml": storageClass("volumeBindingMode: WaitForFirstConsumer\n"), "sts.yaml": `${statefulSet("redis", "storageClassName: gp3, ")}---\n${statefulSet("mongo", "storageClassName: gp3, ")}` },
      errors: [
        {
          messageId: "reclaimDefault",
          file: "class.yaml",
          line: 2,
          column: 7,
          related: ["sts.yaml:20:33", "sts.yaml:41:33"],
          data: { storageClass: "gp3", claim: "data", statefulSet: "redis" },
        },
      ],
    },
    {
      name: "the default class is used by a template without storageClassName",
      code: `${storageClass("reclaimPolicy: Delete\n", defaultAnnotation)}---\n${statefulSet("redis", "")}`,
      errors: [{ messageId: "reclaimDelete", line: 8, column: 16, related: ["manifest.yaml:28:25"] }],
    },
    {
      name: "the default class backs a CloudNativePG cluster that names none",
      code: cnpg("  instances: 3\n  storage:\n    size: 10Gi\n", "---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: standard\n  annotations:\n    storageclass.kubernetes.io/is-default-class: \"true\"\nprovisioner: ebs.csi.aws.com\n"),
      errors: [
        {
          messageId: "clusterReclaimDefault",
          line: 11,
          column: 7,
          related: ["manifest.yaml:7:3"],
          message:
            'StorageClass "standard" backs the data volumes of CloudNativePG Cluster "pg" and sets no reclaimPolicy, which defaults to Delete, so deleting a claim (or the cluster, when CloudNativePG removes its PVCs) destroys its data; set reclaimPolicy: Retain.',
        },
      ],
    },
    {
      name: "a Delete class named by a PGO instance set",
      code: `apiVersion: postgres-operator.crunchydata.com/v1beta1\nkind: PostgresCluster\nmetadata:\n  name: hippo\nspec:\n  instances:\n    - name: a\n      dataVolumeClaimSpec:\n        storageClassName: gp3\n---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\nprovisioner: ebs.csi.aws.com\nreclaimPolicy: Delete\n`,
      errors: [{ messageId: "clusterReclaimDelete", line: 16, column: 16, related: ["manifest.yaml:9:27"], data: { storageClass: "gp3", use: 'data volumes of instance set "a" of Crunchy PGO PostgresCluster "hippo"', operator: "Crunchy PGO" } }],
    },
  ],
});
