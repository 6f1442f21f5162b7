import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(image: string, replicas: string, policy = "  persistentVolumeClaimRetentionPolicy:\n    whenScaled: Delete\n"): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
${replicas}${policy}  selector:
    matchLabels: { app: db }
  template:
    metadata:
      labels: { app: db }
    spec:
      containers:
        - name: db
          image: ${image}
  volumeClaimTemplates:
    - metadata: { name: data }
`;
}

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: a cache that is no database, and a database that retains", code: readFixture("pvc-retention-delete-on-scale", "quiet.yaml") },
    { name: "a single replica: nothing to scale away", code: statefulSet("mariadb:11.4", "  replicas: 1\n") },
    { name: "replicas unset means 1", code: statefulSet("mariadb:11.4", "") },
    { name: "Retain on scale", code: statefulSet("mariadb:11.4", "  replicas: 3\n", "  persistentVolumeClaimRetentionPolicy:\n    whenScaled: Retain\n") },
    { name: "an exporter image is not a database", code: statefulSet("prometheuscommunity/postgres-exporter:v0.15.0", "  replicas: 3\n") },
  ],
  invalid: [
    {
      name: "fixture: postgres with 3 replicas deletes claims on scale-down",
      code: readFixture("pvc-retention-delete-on-scale", "fires.yaml"),
      errors: [
        {
          messageId: "deleteOnScale",
          line: 10,
          column: 17,
          endLine: 10,
          endColumn: 23,
          message:
            'StatefulSet "postgres" runs postgres with 3 replicas and sets whenScaled: Delete, so a scale-down deletes the removed replicas\' data; set whenScaled: Retain.',
        },
      ],
    },
    {
      name: "a quorum system with 2 replicas",
      code: statefulSet("bitnami/etcd:3.5.15", "  replicas: 2\n"),
      errors: [{ messageId: "deleteOnScale", line: 9, column: 17, data: { statefulSet: "db", engine: "etcd", replicas: 2 } }],
    },
  ],
});
