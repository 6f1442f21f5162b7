import { CLUSTER_KINDS, clusterOf, defineRule, formatFieldPath, type ObjectContext, type StatefulClusterView } from "@statelint/core";
import { servingGroups } from "../cluster-view.js";
import { isAutoscaled } from "./autoscaler.js";

export type MessageIds = "single" | "unset" | "operatorSingle" | "operatorUnset";

function checkStatefulSet(view: StatefulClusterView, { object, bundle, report }: ObjectContext<MessageIds, object>): void {
  const [group] = view.members;
  if (!group || group.replicas !== 1) return;
  // An autoscaler owns the replica count; spec.replicas is only its starting point.
  if (isAutoscaled(bundle, object)) return;
  report({ messageId: group.replicasDeclared ? "single" : "unset", data: { name: object.name }, path: group.replicasAt.path });
}

/** An operator cluster whose data-holding members add up to one instance: nothing for the operator to fail over to. */
function checkOperatorCluster(view: StatefulClusterView, operator: string, { report }: ObjectContext<MessageIds, object>): void {
  const groups = servingGroups(view);
  if (groups.reduce((sum, group) => sum + group.replicas, 0) !== 1) return;
  const group = groups.find((candidate) => candidate.replicas === 1);
  if (!group) return;
  const { object, path } = group.replicasAt;
  if (group.replicasDeclared) report({ messageId: "operatorSingle", data: { cluster: view.title, operator, field: formatFieldPath(path) }, object, path });
  else report({ messageId: "operatorUnset", data: { cluster: view.title, operator }, object, path });
}

export default defineRule<MessageIds>({
  id: "replicas-single",
  kinds: CLUSTER_KINDS,
  meta: {
    category: "availability",
    severity: "info",
    description: "A StatefulSet or an operator cluster runs a single instance (replicas or instances is 1 or unset).",
    rationale:
      "With one pod there is no standby: a node failure, a drain or every rollout takes the database down until the pod is rescheduled " +
      "and its volume re-attached, which for a zonal disk can mean waiting for the zone to come back. An operator cannot fail over to a replica that does not exist.",
    remediation:
      "If the workload must stay available, run at least 3 replicas with replication (or use an operator that manages failover, with 3 instances); " +
      "if one instance is intended, set the count to 1 explicitly and suppress this rule with a reason.",
    messages: {
      single: 'StatefulSet "{{name}}" runs a single replica, so there is no standby when its node fails or it is restarted; run at least 3 replicas with replication if it must stay available.',
      unset: 'StatefulSet "{{name}}" sets no replicas, so it runs a single pod with no standby; set spec.replicas (at least 3 with replication for high availability).',
      operatorSingle:
        "{{cluster}} runs a single instance ({{field}}: 1), so {{operator}} has no replica to fail over to when its node fails or it is restarted; set {{field}} to 3 if it must stay available.",
      operatorUnset:
        "{{cluster}} sets no instance count, which {{operator}} defaults to 1: there is no replica to fail over to when its node fails or it is restarted; set it to 3 if it must stay available.",
    },
    since: "0.1.0",
    sources: [
      "seed 000: HA with WAL replication, primary election and quorum",
      "seed 003: replicas: 3",
      "https://cloudnative-pg.io/documentation/current/replication/",
    ],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  check(context) {
    const view = clusterOf(context.object, context.bundle, context.settings);
    if (!view) return;
    if (view.operator === undefined) checkStatefulSet(view, context);
    else checkOperatorCluster(view, view.operator, context);
  },
});
