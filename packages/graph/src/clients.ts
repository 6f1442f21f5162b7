import { podTemplateOf, type K8sObject, type PodTemplate } from "@statelint/core";
import { objectNodeId, type DraftNode, type GraphBuilder } from "./builder.js";
import { commandWords, configMapHostMentions, dnsLabels, hostMentions, type HostMention } from "./hosts.js";
import { addConfigReferences, referencedConfigIds } from "./references.js";

/** Workloads drawn as clients when they reach the database. */
export const CLIENT_KINDS: readonly string[] = ["Deployment", "Job", "CronJob", "DaemonSet", "ReplicaSet", "Pod"];

/** Dump and archiving tools: a client that runs one backs the database up. */
const BACKUP_TOOLS = new Set(["pg_dump", "pg_dumpall", "pg_basebackup", "pgbackrest", "wal-g", "barman", "mysqldump", "mariadb-dump", "mysqlpump", "xtrabackup", "mariabackup", "mongodump", "redis-cli", "etcdctl", "restic", "kopia", "velero"]);

/**
 * The drawn node a host name resolves to in cluster DNS: a Service (`postgres-lb`,
 * `postgres-lb.prod.svc.cluster.local`) or a StatefulSet pod (`postgres-0.postgres`).
 */
export function resolveHost(builder: GraphBuilder, namespace: string, host: string): DraftNode | undefined {
  const labels = dnsLabels(host);
  const service = (name: string | undefined, ns: string | undefined) => {
    if (!name || ns === undefined) return undefined;
    const object = builder.bundle.find("Service", ns, name);
    const id = object ? objectNodeId(object) : builder.createdServices.get(`${ns}/${name}`);
    return id !== undefined ? builder.nodes.get(id) : undefined;
  };
  const pod = (name: string | undefined, serviceName: string | undefined, ns: string | undefined) => {
    if (!name || !service(serviceName, ns)) return undefined;
    const id = builder.podsByName.get(`${ns}/${name}`);
    return id ? builder.nodes.get(id) : undefined;
  };
  const [first, second, third] = labels;
  if (labels.length === 1) return service(first, namespace);
  if (labels.length === 2) return service(first, second) ?? pod(first, second, namespace);
  if (labels.length === 3) return pod(first, second, third);
  return undefined;
}

function connectionLabel(mention: HostMention): string {
  return mention.port !== undefined ? `${mention.host}:${mention.port}` : mention.host;
}

/** Every host a workload names: in its env, command and args, and in the ConfigMaps it reads into its environment. */
function allMentions(builder: GraphBuilder, object: K8sObject, template: PodTemplate): HostMention[] {
  return [...hostMentions(template), ...configMapHostMentions(template, builder.bundle, object.namespace)];
}

/** Edges from a workload to every drawn Service or pod its env, command, args or ConfigMaps name. */
export function addConnections(builder: GraphBuilder, from: DraftNode, object: K8sObject, kind: "connects" | "backs-up" = "connects"): number {
  const template = podTemplateOf(object);
  if (!template) return 0;
  let count = 0;
  for (const mention of allMentions(builder, object, template)) {
    const target = resolveHost(builder, object.namespace, mention.host);
    if (!target || target.id === from.id) continue;
    if (builder.edge(kind, from.id, target.id, connectionLabel(mention), { object: object.id, path: mention.path })) count++;
  }
  return count;
}

/**
 * Deployments, Jobs and CronJobs that reach the database: they name one of its Services or pods
 * as a host, or read one of its Secrets. One that runs a dump tool is drawn as a backup.
 */
export function drawClients(builder: GraphBuilder): void {
  for (const object of builder.bundle.objects) {
    if (!CLIENT_KINDS.includes(object.kind) || builder.has(objectNodeId(object))) continue;
    const template = podTemplateOf(object);
    if (!template) continue;
    const reaches = allMentions(builder, object, template).some((mention) => resolveHost(builder, object.namespace, mention.host) !== undefined);
    const readsDatabaseSecret = referencedConfigIds(builder, object, template).some((id) => builder.nodes.get(id)?.kind === "Secret");
    if (!reaches && !readsDatabaseSecret) continue;
    const backup = commandWords(template).some((word) => BACKUP_TOOLS.has(word.split("/").pop() ?? ""));
    const node = builder.node({
      id: objectNodeId(object),
      kind: backup ? "Backup" : "Client",
      name: object.name,
      namespace: object.namespace,
      object,
      details: [object.kind],
      attributes: { objectKind: object.kind },
    });
    addConnections(builder, node, object, backup ? "backs-up" : "connects");
    addConfigReferences(builder, node, object, template);
  }
}
