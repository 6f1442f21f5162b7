import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(claims: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: etcd
spec:
  serviceName: etcd
  selector:
    matchLabels: { app: etcd }
  template:
    metadata:
      labels: { app: etcd }
    spec:
      containers:
        - name: etcd
          image: quay.io/coreos/etcd:v3.5.15
          volumeMounts: [{ name: data, mountPath: /var/run/etcd }]
  volumeClaimTemplates:
${claims}`;
}

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: a storage request", code: readFixture("vct-storage-request-missing", "quiet.yaml") },
    { name: "flow style request", code: statefulSet(`    - metadata: { name: data }
      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 8Gi } } }
`) },
    { name: "a StatefulSet without templates", code: statefulSet("").replace("  volumeClaimTemplates:\n", "") },
  ],
  invalid: [
    {
      name: "fixture: only a limit",
      code: readFixture("vct-storage-request-missing", "fires.yaml"),
      errors: [
        {
          messageId: "storageRequestMissing",
          line: 28,
          column: 9,
          endLine: 28,
          endColumn: 18,
          message:
            'volumeClaimTemplate "postgres-storage" of StatefulSet "postgres" requests no storage, so its claims are rejected; set spec.resources.requests.storage (for example 10Gi).',
        },
      ],
    },
    {
      name: "no resources: at the template spec key; no spec: at the name",
      code: statefulSet(`    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
    - metadata:
        name: wal
`),
      errors: [
        { messageId: "storageRequestMissing", line: 20, column: 7, endLine: 20, endColumn: 11, data: { claim: "data", statefulSet: "etcd" } },
        { messageId: "storageRequestMissing", line: 23, column: 15, endLine: 23, endColumn: 18, data: { claim: "wal", statefulSet: "etcd" } },
      ],
    },
    {
      name: "an empty storage value",
      code: statefulSet(`    - metadata: { name: data }
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: ""
`),
      errors: [{ messageId: "storageRequestMissing", line: 21, column: 9 }],
    },
  ],
});
