import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const cnpg = (spec: string) => `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
spec:
  instances: 3
${spec}`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: an s3 repo beside the volume repo; snapshots with a replica cluster; no backup at all", code: readFixture("dr-offsite-missing", "quiet.yaml") },
    { name: "CloudNativePG barmanObjectStore", code: cnpg("  backup:\n    barmanObjectStore:\n      destinationPath: s3://pg-backups/\n") },
    { name: "snapshots and the Barman Cloud plugin", code: cnpg("  backup:\n    volumeSnapshot:\n      className: csi\n  plugins:\n    - name: barman-cloud.cloudnative-pg.io\n      isWALArchiver: true\n") },
    { name: "PGO standby cluster", code: `apiVersion: postgres-operator.crunchydata.com/v1beta1\nkind: PostgresCluster\nmetadata:\n  name: hippo\nspec:\n  instances: [{ name: a }]\n  backups:\n    pgbackrest:\n      repos:\n        - name: repo1\n          volume: { volumeClaimSpec: { accessModes: [ReadWriteOnce] } }\n  standby:\n    enabled: true\n    repoName: repo1\n` },
  ],
  invalid: [
    {
      name: "fixture: a PGO volume repo only; CloudNativePG snapshots only",
      code: readFixture("dr-offsite-missing", "fires.yaml"),
      errors: [
        {
          messageId: "inClusterOnlyHint",
          line: 19,
          column: 11,
          message:
            'Crunchy PGO PostgresCluster "hippo" backs up only to a volume in the cluster (spec.backups.pgbackrest.repos[0]) and defines no replica or standby cluster elsewhere, so losing the region loses the data and its backups together; add an s3, gcs or azure repo in spec.backups.pgbackrest.repos, or a standby cluster in another region (spec.standby).',
        },
        { messageId: "inClusterOnlyHint", line: 37, column: 5, endLine: 37, endColumn: 19, data: { cluster: 'CloudNativePG Cluster "orders-db"', destinations: "volume snapshots", field: "spec.backup.volumeSnapshot", offsiteWith: "spec.backup.barmanObjectStore (or the Barman Cloud plugin), or a replica cluster in another region (spec.replica)" } },
      ],
    },
    {
      name: "a volumeSnapshot ScheduledBackup is the only backup",
      code: `${cnpg("")}---
apiVersion: postgresql.cnpg.io/v1
kind: ScheduledBackup
metadata:
  name: pg-nightly
spec:
  schedule: "0 0 0 * * *"
  method: volumeSnapshot
  cluster:
    name: pg
`,
      errors: [{ messageId: "inClusterOnlyHint", line: 14, column: 11, data: { cluster: 'CloudNativePG Cluster "pg"', destinations: "volume snapshots", field: "spec.method", offsiteWith: "spec.backup.barmanObjectStore (or the Barman Cloud plugin), or a replica cluster in another region (spec.replica)" } }],
    },
  ],
});
