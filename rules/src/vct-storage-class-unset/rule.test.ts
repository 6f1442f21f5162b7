import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(claim: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: zk
spec:
  serviceName: zk
  selector:
    matchLabels: { app: zk }
  template:
    metadata:
      labels: { app: zk }
    spec:
      containers:
        - name: zookeeper
          image: zookeeper:3.9
          volumeMounts: [{ name: datadir, mountPath: /data }]
  volumeClaimTemplates:
${claim}`;
}

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: a named StorageClass", code: readFixture("vct-storage-class-unset", "quiet.yaml") },
    {
      name: "an explicit empty class binds a pre-provisioned volume",
      code: statefulSet(`    - metadata: { name: datadir }
      spec: { storageClassName: "", accessModes: [ReadWriteOnce], resources: { requests: { storage: 8Gi } } }
`),
    },
    {
      name: "the legacy storage-class annotation",
      code: statefulSet(`    - metadata:
        name: datadir
        annotations:
          volume.beta.kubernetes.io/storage-class: standard
      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 8Gi } } }
`),
    },
  ],
  invalid: [
    {
      name: "fixture: the cluster default decides",
      code: readFixture("vct-storage-class-unset", "fires.yaml"),
      errors: [
        {
          messageId: "storageClassUnset",
          line: 24,
          column: 15,
          endLine: 24,
          endColumn: 31,
          severity: "info",
          message:
            'volumeClaimTemplate "postgres-storage" of StatefulSet "postgres" sets no storageClassName, so the cluster default decides the disk; name the StorageClass explicitly.',
        },
      ],
    },
    {
      name: "a null class is unset too",
      code: statefulSet(`    - metadata: { name: datadir }
      spec:
        storageClassName:
        accessModes: [ReadWriteOnce]
        resources: { requests: { storage: 8Gi } }
`),
      errors: [{ messageId: "storageClassUnset", line: 18, column: 25, data: { claim: "datadir", statefulSet: "zk" } }],
    },
  ],
});
