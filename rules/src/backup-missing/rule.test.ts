import { RuleTester } from "@statelint/core/testing";
import { cnpg, readFixture } from "../test-support.js";
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
    { name: "CloudNativePG with barmanObjectStore", code: cnpg("  instances: 3\n  backup:\n    barmanObjectStore:\n      destinationPath: s3://pg/\n") },
    {
      name: "CloudNativePG with a ScheduledBackup of its own",
      code: cnpg("  instances: 3\n", "---\napiVersion: postgresql.cnpg.io/v1\nkind: ScheduledBackup\nmetadata:\n  name: pg-daily\nspec:\n  schedule: \"0 0 0 * * *\"\n  method: volumeSnapshot\n  cluster:\n    name: pg\n"),
    },
    { name: "Zalando with WAL archiving in env", code: `apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-x\nspec:\n  numberOfInstances: 2\n  env:\n    - name: WAL_S3_BUCKET\n      value: acid-wal\n` },
    { name: "Zalando with the operator's WAL bucket in a ConfigMap of the bundle", code: `apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-x\nspec:\n  numberOfInstances: 2\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: postgres-operator\ndata:\n  wal_s3_bucket: acid-wal\n` },
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
    {
      name: "CloudNativePG without backup or ScheduledBackup: at spec; a CronJob elsewhere does not back it up",
      code: cnpg("  instances: 3\n", "---\napiVersion: postgresql.cnpg.io/v1\nkind: ScheduledBackup\nmetadata:\n  name: other-daily\nspec:\n  schedule: \"0 0 0 * * *\"\n  cluster:\n    name: other\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: dump\nspec:\n  schedule: \"@daily\"\n  jobTemplate: { spec: { template: { spec: { containers: [{ name: d, image: postgres:16.4 }] } } } }\n"),
      errors: [
        {
          messageId: "operatorNoBackupHint",
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 5,
          message:
            'CloudNativePG Cluster "pg" configures no backups, so CloudNativePG keeps no copy of its postgres data to restore from; configure spec.backup.barmanObjectStore (or the Barman Cloud plugin) and a ScheduledBackup.',
        },
      ],
    },
    {
      name: "PGO without backups",
      code: `apiVersion: postgres-operator.crunchydata.com/v1beta1\nkind: PostgresCluster\nmetadata:\n  name: hippo\nspec:\n  instances: [{ name: a, replicas: 2 }]\n`,
      errors: [{ messageId: "operatorNoBackupHint", line: 5, column: 1, data: { cluster: 'Crunchy PGO PostgresCluster "hippo"', operator: "Crunchy PGO", engine: "postgres", enableWith: "spec.backups.pgbackrest.repos" } }],
    },
    {
      name: "Zalando with enableLogicalBackup: false and no WAL archiving: at the setting",
      code: `apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-x\nspec:\n  numberOfInstances: 2\n  enableLogicalBackup: false\n`,
      errors: [{ messageId: "operatorNoBackupHint", line: 7, column: 24, endColumn: 29 }],
    },
  ],
});
