import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const head = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mongo
spec:
  serviceName: mongo
  selector:
    matchLabels: { app: mongo }
  template:
    metadata:
      labels: { app: mongo }
    spec:
      containers:
        - name: mongo
          image: mongo:7.0
          volumeMounts: [{ name: data, mountPath: /data/db }]
  volumeClaimTemplates:
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: ReadWriteOnce and ReadWriteOncePod", code: readFixture("vct-access-modes", "quiet.yaml") },
    { name: "flow style", code: `${head}    - metadata: { name: data }\n      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 8Gi } } }\n` },
  ],
  invalid: [
    {
      name: "fixture: missing modes (error, fixed) and ReadWriteMany (warning)",
      code: readFixture("vct-access-modes", "fires.yaml"),
      errors: [
        {
          messageId: "accessModesMissing",
          line: 27,
          column: 7,
          endLine: 27,
          endColumn: 11,
          severity: "error",
          message: 'volumeClaimTemplate "postgres-storage" of StatefulSet "postgres" sets no accessModes, so its claims are rejected; set accessModes: [ReadWriteOnce].',
        },
        {
          messageId: "sharedAccessMode",
          line: 36,
          column: 13,
          endLine: 36,
          endColumn: 26,
          severity: "warning",
          message: 'volumeClaimTemplate "wal-archive" of StatefulSet "postgres" asks for ReadWriteMany, but every pod gets its own claim; use ReadWriteOnce.',
        },
      ],
      output: readFixture("vct-access-modes", "fires.yaml").replace(
        "            storage: 10Gi\n",
        "            storage: 10Gi\n        accessModes:\n          - ReadWriteOnce\n",
      ),
    },
    {
      name: "ReadOnlyMany next to ReadWriteOnce, in flow style",
      code: `${head}    - metadata: { name: data }\n      spec: { accessModes: [ReadWriteOnce, ReadOnlyMany], resources: { requests: { storage: 8Gi } } }\n`,
      errors: [{ messageId: "sharedAccessMode", line: 19, column: 44, severity: "warning", data: { claim: "data", statefulSet: "mongo", mode: "ReadOnlyMany" } }],
      output: null,
    },
    {
      name: "an empty list is replaced",
      code: `${head}    - metadata:
        name: data
      spec:
        accessModes: []
        resources: { requests: { storage: 8Gi } }
`,
      errors: [{ messageId: "accessModesMissing", line: 21, column: 9, severity: "error" }],
      output: `${head}    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources: { requests: { storage: 8Gi } }
`,
    },
    {
      name: "a template without spec is reported at its name, with no fix",
      code: `${head}    - metadata:\n        name: data\n`,
      errors: [{ messageId: "accessModesMissing", line: 19, column: 15, endLine: 19, endColumn: 19, severity: "error" }],
      output: null,
    },
    {
      name: "the user's level wins over the per-finding severity",
      code: `${head}    - metadata: { name: data }\n      spec: { accessModes: [ReadWriteMany], resources: { requests: { storage: 8Gi } } }\n`,
      level: "error",
      errors: [{ messageId: "sharedAccessMode", line: 19, column: 29, severity: "error" }],
    },
    {
      name: "JSON manifest is fixed in JSON",
      filename: "mongo.json",
      code: `{"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "mongo"}, "spec": {"serviceName": "mongo", "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"resources": {"requests": {"storage": "8Gi"}}}}]}}
`,
      errors: [{ messageId: "accessModesMissing", line: 1, column: 170, severity: "error" }],
      output: `{"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "mongo"}, "spec": {"serviceName": "mongo", "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"resources": {"requests": {"storage": "8Gi"}}, "accessModes": ["ReadWriteOnce"]}}]}}
`,
    },
  ],
});
