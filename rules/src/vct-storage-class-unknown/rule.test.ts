import { RuleTester } from "@statelint/core/testing";
import { cnpg, readFixture } from "../test-support.js";
import rule from "./rule.js";

const storageClasses = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: premium-rwo
provisioner: pd.csi.storage.gke.io
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard-rwo
provisioner: pd.csi.storage.gke.io
`;

function statefulSet(storageClassName: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
  namespace: cache
spec:
  serviceName: redis
  selector:
    matchLabels: { app: redis }
  template:
    metadata:
      labels: { app: redis }
    spec:
      containers:
        - name: redis
          image: redis:7.4
          volumeMounts: [{ name: data, mountPath: /data }]
  volumeClaimTemplates:
    - metadata: { name: data }
      spec:
        storageClassName: ${storageClassName}
        accessModes: [ReadWriteOnce]
        resources: { requests: { storage: 8Gi } }
`;
}

new RuleTester().run(rule, {
  valid: [
    { name: "CloudNativePG storage class defined in the bundle", code: cnpg("  storage:\n    storageClass: fast-ssd\n", "---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast-ssd\nprovisioner: pd.csi.storage.gke.io\n") },
    { name: "fixture: the class is in the bundle", code: readFixture("vct-storage-class-unknown", "quiet.yaml") },
    { name: "no StorageClass in the bundle: classes come with the cluster", code: statefulSet("premium-ssd") },
    { name: "the class is defined in another file", files: { "classes.yaml": storageClasses, "redis.yaml": statefulSet("premium-rwo") } },
    { name: "an empty class asks for no class", code: `${storageClasses}---\n${statefulSet('""')}` },
  ],
  invalid: [
    {
      name: "fixture: a typo of the bundle's class",
      code: readFixture("vct-storage-class-unknown", "fires.yaml"),
      errors: [
        {
          messageId: "unknownStorageClassSuggest",
          line: 38,
          column: 27,
          endLine: 38,
          endColumn: 35,
          related: ["manifest.yaml:4:9"],
          message: 'volumeClaimTemplate "postgres-storage" of StatefulSet "postgres" uses StorageClass "fast-sdd", which the bundle does not define; did you mean "fast-ssd"?',
        },
      ],
    },
    {
      name: "across files, with a suggestion",
      files: { "classes.yaml": storageClasses, "redis.yaml": statefulSet("premium-rw") },
      errors: [{ messageId: "unknownStorageClassSuggest", file: "redis.yaml", line: 21, column: 27, related: ["classes.yaml:4:9"], data: { claim: "data", statefulSet: "redis", storageClass: "premium-rw", suggestion: "premium-rwo" } }],
    },
    {
      name: "nothing close: the message lists the known classes",
      code: `${storageClasses}---\n${statefulSet("gp3")}`,
      errors: [
        {
          messageId: "unknownStorageClass",
          line: 33,
          column: 27,
          message: `volumeClaimTemplate "data" of StatefulSet "redis" uses StorageClass "gp3", which is not among the bundle's StorageClasses ("premium-rwo", "standard-rwo"); its claims would stay Pending.`,
        },
      ],
    },
    {
      name: "CloudNativePG storage class with a typo",
      code: cnpg("  storage:\n    storageClass: fast-sdd\n  walStorage:\n    storageClass: fast-ssd\n", "---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast-ssd\nprovisioner: pd.csi.storage.gke.io\n"),
      errors: [
        {
          messageId: "clusterUnknownStorageClassSuggest",
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 27,
          related: ["manifest.yaml:14:9"],
          message: 'CloudNativePG Cluster "pg" asks for StorageClass "fast-sdd" for its data volumes (spec.storage.storageClass), which the bundle does not define; did you mean "fast-ssd"?',
        },
      ],
    },
  ],
});
