import {
  asArray, asRecord, CLUSTER_KINDS, containersOf, databaseContainers, defineRule, derivedInPlace, isOperatorManaged, parseImage, podTemplateOf, statefulSetOf,
  type Bundle, type K8sObject, type ObjectContext, type StatefulClusterView,
} from "@statelint/core";
import { operatorClusterOf } from "../cluster-view.js";
import { someNameToken } from "../name-tokens.js";

export type MessageIds = "noBackup" | "operatorNoBackup" | "operatorNoBackupHint";

/** Backup objects by `group/kind`. */
const BACKUP_KINDS = new Set([
  "batch/CronJob",
  "snapshot.storage.k8s.io/VolumeSnapshot",
  "snapshot.storage.k8s.io/VolumeSnapshotClass",
  "velero.io/Schedule",
  "velero.io/Backup",
  "k8up.io/Schedule",
  "k8up.io/Backup",
  "volsync.backube/ReplicationSource",
]);

/** Operator kinds named for backups: CloudNativePG `ScheduledBackup`, `PerconaXtraDBClusterBackup`, Stash `BackupConfiguration` … */
const BACKUP_KIND_NAME = /Backup/;

/** Images of backup tools that run as sidecars or jobs (WAL archiving, file-level backup). */
const BACKUP_IMAGE_TOKENS = new Set(["wal-g", "walg", "wal-e", "pgbackrest", "barman", "restic", "kopia", "borg", "borgmatic"]);
const BACKUP_ENV_PREFIX = /^(WALG_|WALE_|PGBACKREST_|BARMAN_|RESTIC_)/;
/** Velero's opt-in annotation for file-system backup of pod volumes. */
const VELERO_VOLUMES_ANNOTATION = "backup.velero.io/backup-volumes";

/** Every object is asked after each edit in the editor (see `hasBackupMechanism`): the answer is kept per object. */
const isBackupObject: (object: K8sObject) => boolean = derivedInPlace(describesBackup);

/** The kinds of BACKUP_KINDS: most objects are none of them, and need no `group/kind` string built. */
const BACKUP_KIND_NAMES = new Set([...BACKUP_KINDS].map((groupKind) => groupKind.slice(groupKind.lastIndexOf("/") + 1)));

function isBackupImageToken(token: string): boolean {
  return BACKUP_IMAGE_TOKENS.has(token);
}

/** Verdicts by image name: a bundle runs a few images in many pods, and splitting a name into tokens allocates each token. */
const backupImages = new Map<string, boolean>();
/** An editor session sees every half-typed image: the verdicts start over rather than grow without end. */
const MAX_REMEMBERED_IMAGES = 10_000;

function isBackupImage(name: string): boolean {
  let verdict = backupImages.get(name);
  if (verdict === undefined) {
    verdict = someNameToken(name, isBackupImageToken) || BACKUP_IMAGE_TOKENS.has(name);
    if (backupImages.size >= MAX_REMEMBERED_IMAGES) backupImages.clear();
    backupImages.set(name, verdict);
  }
  return verdict;
}

function describesBackup(object: K8sObject): boolean {
  if (BACKUP_KIND_NAMES.has(object.kind) && BACKUP_KINDS.has(`${object.group}/${object.kind}`)) return true;
  if (object.group !== "" && BACKUP_KIND_NAME.test(object.kind)) return true;
  const spec = asRecord(object.raw["spec"]);
  // Operator cluster specs (CloudNativePG `backup`, Crunchy `backups`, Percona `backup`, Zalando `enableLogicalBackup`).
  if (object.group !== "" && !object.group.endsWith("k8s.io") && (spec["backup"] !== undefined || spec["backups"] !== undefined || spec["enableLogicalBackup"] === true)) return true;
  const template = podTemplateOf(object);
  if (!template) return false;
  if (template.annotations[VELERO_VOLUMES_ANNOTATION] !== undefined) return true;
  // Indexed loops, not closures or iterators: every object of the bundle is asked once, mostly before this is optimized.
  const containers = containersOf(template);
  for (let at = 0; at < containers.length; at++) {
    const container = containers[at]!.container;
    const image = typeof container["image"] === "string" ? parseImage(container["image"]).name : "";
    if (isBackupImage(image)) return true;
    const env = asArray(container["env"]);
    for (let index = 0; index < env.length; index++) if (BACKUP_ENV_PREFIX.test(String(asRecord(env[index])["name"] ?? ""))) return true;
  }
  return false;
}

function hasBackupMechanism(bundle: Bundle): boolean {
  return bundle.objects.some(isBackupObject);
}

function checkStatefulSet({ object, bundle, settings, report }: ObjectContext<MessageIds, object>): void {
  const statefulSet = statefulSetOf(object);
  // An operator's StatefulSet gets its backups from the operator's own resource, which may live elsewhere.
  if (!statefulSet || isOperatorManaged(object)) return;
  const database = databaseContainers(statefulSet.template, settings)[0];
  if (!database || bundle.cached("availability:backup-mechanism", hasBackupMechanism)) return;
  report({ messageId: "noBackup", data: { statefulSet: object.name, engine: database.engine }, path: ["metadata", "name"] });
}

/** The operator's own backup setting decides: a bundle-wide CronJob does not back up an operator's cluster. */
function checkOperatorCluster(view: StatefulClusterView, { report }: ObjectContext<MessageIds, object>): void {
  const backup = view.backup;
  if (!backup || backup.configured) return;
  const data = { cluster: view.title, operator: view.operator ?? "", engine: view.engine };
  const { object, path } = backup.at;
  if (backup.enableWith) report({ messageId: "operatorNoBackupHint", data: { ...data, enableWith: backup.enableWith }, object, path });
  else report({ messageId: "operatorNoBackup", data, object, path });
}

export default defineRule<MessageIds>({
  id: "backup-missing",
  kinds: CLUSTER_KINDS,
  meta: {
    category: "availability",
    severity: "info",
    description: "A database StatefulSet has no backup mechanism in the bundle, or an operator cluster configures no backups.",
    rationale:
      "Replicas protect against a lost node, not against a dropped table, a bad migration, a deleted PVC or a lost region: every replica copies the mistake. " +
      "Only a backup taken on a schedule and kept elsewhere recovers from those (the seed's multi-region DR flow starts from one).",
    remediation:
      "Add a scheduled backup next to the database: a CronJob running the engine's dump tool to object storage, VolumeSnapshots, a Velero Schedule; " +
      "for an operator cluster, its own backup section (CloudNativePG `backup` and a ScheduledBackup, PGO `backups.pgbackrest.repos`, Zalando WAL archiving or `enableLogicalBackup`).",
    messages: {
      noBackup:
        'StatefulSet "{{statefulSet}}" runs {{engine}}, and nothing in the bundle backs it up (no CronJob, VolumeSnapshot, Velero Schedule or operator backup); add a scheduled backup.',
      operatorNoBackup: "{{cluster}} configures no backups, so {{operator}} keeps no copy of its {{engine}} data to restore from; configure the operator's backups.",
      operatorNoBackupHint: "{{cluster}} configures no backups, so {{operator}} keeps no copy of its {{engine}} data to restore from; configure {{enableWith}}.",
    },
    since: "0.1.0",
    sources: ["seed 000: Multi-Region DR Flow", "https://velero.io/docs/main/backup-reference/", "https://kubernetes.io/docs/concepts/storage/volume-snapshots/"],
    defaultOptions: {},
  },
  check(context) {
    if (context.object.kind === "StatefulSet") {
      checkStatefulSet(context);
      return;
    }
    const view = operatorClusterOf(context.object, context.bundle, context.settings);
    if (view) checkOperatorCluster(view, context);
  },
});
