import {
  asArray, asInteger, asRecord, CLUSTER_KINDS, configReferencesOf, containersOf, databaseContainers, defineRule, envOf, isQuorumEngine, statefulSetOf,
  type Bundle, type K8sObject, type ObjectContext, type PodTemplate, type RelatedReport, type StatefulClusterView,
} from "@statelint/core";
import { operatorClusterOf } from "../cluster-view.js";

export type MessageIds = "tooFew" | "tooFewUnset" | "even" | "operatorTooFew" | "operatorEven";

/** Kafka brokers are not a quorum; only KRaft controllers vote. */
const KAFKA_CONTROLLER = /process[._]roles["']?\s*[=:]\s*["']?[\w,\s]*controller/i;
/** Vault forms a quorum only with integrated (raft) storage; file or Consul storage does not vote. */
const VAULT_RAFT = /storage\s+"?raft"?\s*\{|"storage"\s*:\s*\{\s*"raft"/;

/** Text where an engine's role is configured: env (name=value), command, args, and the ConfigMaps the pod uses. */
function configurationText(template: PodTemplate, bundle: Bundle, namespace: string): string {
  const parts: string[] = [];
  for (const ref of containersOf(template)) {
    for (const env of envOf(ref)) parts.push(`${env.name.toLowerCase()}=${String(env.value ?? "")}`);
    for (const field of ["command", "args"]) for (const part of asArray(ref.container[field])) if (typeof part === "string") parts.push(part);
  }
  for (const reference of configReferencesOf(template)) {
    if (reference.kind !== "ConfigMap") continue;
    const configMap = bundle.find("ConfigMap", namespace, reference.name);
    if (configMap) for (const value of Object.values(asRecord(configMap.raw["data"]))) if (typeof value === "string") parts.push(value);
  }
  return parts.join("\n");
}

/** Whether this deployment of the engine actually votes; engines that vote only in one mode need a sign of that mode. */
function votes(engine: string, template: PodTemplate, bundle: Bundle, object: K8sObject): boolean {
  if (engine === "kafka") return KAFKA_CONTROLLER.test(configurationText(template, bundle, object.namespace));
  if (engine === "vault") return VAULT_RAFT.test(configurationText(template, bundle, object.namespace));
  return true;
}

function checkStatefulSet({ object, bundle, settings, report }: ObjectContext<MessageIds, object>): void {
  const sts = statefulSetOf(object);
  if (!sts?.template) return;
  const template = sts.template;
  const quorum = databaseContainers(template, settings).find((database) => isQuorumEngine(database.engine, settings));
  if (!quorum || !votes(quorum.engine, template, bundle, object)) return;
  const declared = sts.spec["replicas"];
  if (declared === undefined || declared === null) {
    report({ messageId: "tooFewUnset", data: { statefulSet: object.name, engine: quorum.engine }, path: ["spec"], at: "key" });
    return;
  }
  const replicas = asInteger(declared);
  // 0 is a deliberate scale-down; a templated count is unknown.
  if (replicas === undefined || replicas <= 0) return;
  const majority = Math.floor(replicas / 2) + 1;
  const data = { statefulSet: object.name, engine: quorum.engine, replicas, majority };
  if (replicas < 3) report({ messageId: "tooFew", data, path: ["spec", "replicas"] });
  else if (replicas % 2 === 0) report({ messageId: "even", data: { ...data, stops: replicas - majority + 1, lower: replicas - 1, higher: replicas + 1 }, path: ["spec", "replicas"] });
}

/**
 * Voting members are summed over the cluster's groups (a Strimzi cluster's controller pools, an
 * ECK cluster's master-eligible nodeSets); the finding sits on the first group's count, with the others related.
 */
function checkOperatorCluster(view: StatefulClusterView, { report }: ObjectContext<MessageIds, object>): void {
  const groups = view.members.filter((group) => group.roles.includes("voter"));
  const voters = groups.reduce((sum, group) => sum + group.replicas, 0);
  const [first, ...others] = groups;
  // 0 is a deliberate scale-down.
  if (!first || voters <= 0 || (voters >= 3 && voters % 2 === 1)) return;
  const majority = Math.floor(voters / 2) + 1;
  const data = { cluster: view.title, operator: view.operator ?? "", voters, majority, groups: groups.map((group) => `"${group.name}": ${group.replicas}`).join(", ") };
  const related: RelatedReport[] = others.map((group) => ({ object: group.replicasAt.object, path: group.replicasAt.path, message: `"${group.name}" adds ${group.replicas} voting member(s) here` }));
  const where = { object: first.replicasAt.object, path: first.replicasAt.path, related };
  if (voters < 3) report({ messageId: "operatorTooFew", data, ...where });
  else report({ messageId: "operatorEven", data: { ...data, stops: voters - majority + 1, lower: voters - 1, higher: voters + 1 }, ...where });
}

export default defineRule<MessageIds>({
  id: "replicas-quorum",
  kinds: CLUSTER_KINDS,
  meta: {
    category: "availability",
    severity: "warning",
    description: "A quorum system (or an operator cluster's voting members) runs an even number of replicas or fewer than 3.",
    rationale:
      "etcd, ZooKeeper, Consul, CockroachDB, KRaft controllers, NATS JetStream, Vault raft and RabbitMQ quorum queues need a majority of members to agree. " +
      "1 or 2 members survive no failure; an even count tolerates no more failures than one member less (4 tolerate 1, like 3) " +
      "while adding a member that must vote and a 50/50 split-brain risk across two zones.",
    remediation: "Run an odd number of replicas, at least 3 (5 to survive two failures).",
    messages: {
      tooFew:
        'StatefulSet "{{statefulSet}}" runs {{engine}}, which needs a majority to agree, with {{replicas}} replicas: a majority of {{replicas}} is {{majority}}, so losing one member stops it; run 3 replicas.',
      tooFewUnset:
        'StatefulSet "{{statefulSet}}" runs {{engine}}, which needs a majority to agree, with replicas unset (1), so losing that member stops it; set replicas: 3.',
      even:
        'StatefulSet "{{statefulSet}}" runs {{engine}}, which needs a majority to agree, with an even {{replicas}} replicas: it stops once {{stops}} of them fail, just as {{lower}} replicas would; run {{lower}} or {{higher}}.',
      operatorTooFew:
        "{{cluster}} has {{voters}} voting member(s) ({{groups}}), and {{operator}} needs a majority of them to agree: a majority of {{voters}} is {{majority}}, so losing one member stops it; run 3.",
      operatorEven:
        "{{cluster}} has an even {{voters}} voting members ({{groups}}): it stops once {{stops}} of them fail, just as {{lower}} would; run {{lower}} or {{higher}}.",
    },
    since: "0.1.0",
    sources: ["seed 000: HA with quorum and primary election", "etcd docs: FAQ, why an odd number of cluster members"],
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
