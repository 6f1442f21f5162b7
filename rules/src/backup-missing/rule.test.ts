import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (name: string, image: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: ${name}
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
      containers:
        - name: main
          image: ${image}
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: a pg_dump CronJob", code: readFixture("backup-missing", "quiet.yaml") },
    { name: "not a database", code: statefulSet("web", "nginx:1.27.1") },
    {
      name: "a Velero Schedule in another file of the bundle",
      files: {
        "sts.yaml": statefulSet("mongo", "mongo:7.0.12"),
        "velero.yaml": `apiVersion: velero.io/v1
kind: Schedule
metadata:
  name: nightly
  namespace: velero
spec:
  schedule: "0 1 * * *"
  template:
    includedNamespaces: [default]
    snapshotVolumes: true
`,
      },
    },
    {
      name: "a VolumeSnapshotClass",
      code: `${statefulSet("redis", "redis:7.2.5")}---
apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshotClass
metadata:
  name: csi-snapclass
driver: ebs.csi.aws.com
deletionPolicy: Retain
`,
    },
    {
      name: "a CloudNativePG ScheduledBackup",
      code: `${statefulSet("mysql", "mysql:8.4")}---
apiVersion: postgresql.cnpg.io/v1
kind: ScheduledBackup
metadata:
  name: pg-nightly
spec:
  schedule: "0 0 0 * * *"
  cluster: { name: pg-main }
`,
    },
    {
      name: "a wal-g sidecar archives the WAL",
      code: statefulSet("pg", "postgres:16.4") + "        - name: wal-g\n          image: ghcr.io/wal-g/wal-g:v3.0.3\n",
    },
  ],
  invalid: [
    {
      name: "fixture: a lone postgres StatefulSet",
      code: readFixture("backup-missing", "fires.yaml"),
      errors: [
        {
          messageId: "noBackup",
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 17,
          message:
            'StatefulSet "postgres" runs postgres, and nothing in the bundle backs it up (no CronJob, VolumeSnapshot, Velero Schedule or operator backup); add a scheduled backup.',
        },
      ],
    },
    {
      name: "every database StatefulSet of the bundle is reported; a Deployment is not a backup",
      files: {
        "a.yaml": statefulSet("mongo", "mongo:7.0.12"),
        "b.yaml": `${statefulSet("kafka", "docker.io/bitnami/kafka:3.7.1")}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers: [{ name: api, image: "ghcr.io/acme/api:1.0.0" }]
`,
      },
      errors: [
        { messageId: "noBackup", file: "a.yaml", line: 4, column: 9, data: { statefulSet: "mongo", engine: "mongo" } },
        { messageId: "noBackup", file: "b.yaml", line: 4, column: 9, data: { statefulSet: "kafka", engine: "kafka" } },
      ],
    },
  ],
});
