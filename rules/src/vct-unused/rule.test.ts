import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(containers: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kafka
spec:
  serviceName: kafka
  selector:
    matchLabels: { app: kafka }
  template:
    metadata:
      labels: { app: kafka }
    spec:
${containers}
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources: { requests: { storage: 10Gi } }
`;
}

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: the template is mounted at the data directory", code: readFixture("vct-unused", "quiet.yaml") },
    {
      name: "mounted only by an init container",
      code: statefulSet(`      initContainers:
        - name: format
          image: busybox:1.36
          volumeMounts: [{ name: data, mountPath: /data }]
      containers:
        - name: kafka
          image: apache/kafka:3.8.0`),
    },
    {
      name: "attached as a raw block device",
      code: statefulSet(`      containers:
        - name: kafka
          image: apache/kafka:3.8.0
          volumeDevices: [{ name: data, devicePath: /dev/xvda }]`),
    },
  ],
  invalid: [
    {
      name: "fixture: the data directory is on an emptyDir instead",
      code: readFixture("vct-unused", "fires.yaml"),
      errors: [
        {
          messageId: "unusedClaimTemplate",
          line: 30,
          column: 15,
          endLine: 30,
          endColumn: 31,
          message:
            'volumeClaimTemplate "postgres-storage" of StatefulSet "postgres" is mounted by no container; each pod still gets a claim and data written elsewhere is lost, so mount it at the data directory or remove it.',
        },
      ],
    },
    {
      name: "a mount whose name differs in case does not count",
      code: statefulSet(`      containers:
        - name: kafka
          image: apache/kafka:3.8.0
          volumeMounts: [{ name: Data, mountPath: /var/lib/kafka/data }]`),
      errors: [{ messageId: "unusedClaimTemplate", line: 19, column: 15, data: { claim: "data", statefulSet: "kafka" } }],
    },
  ],
});
