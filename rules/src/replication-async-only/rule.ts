import { clusterOf, defineRule, formatFieldPath, OPERATOR_CLUSTER_KINDS } from "@statelint/core";
import { replicasWithRole } from "../cluster-view.js";

export type MessageIds = "asyncOnly" | "asyncOnlyHint";

export default defineRule<MessageIds>({
  id: "replication-async-only",
  kinds: OPERATOR_CLUSTER_KINDS,
  meta: {
    category: "availability",
    severity: "info",
    description: "A replicated PostgreSQL or MySQL cluster has no synchronous replica, so a failover can lose committed transactions.",
    rationale:
      "With asynchronous replication the primary acknowledges a commit before any replica has it. When the primary's node dies, the operator " +
      "promotes the most advanced replica, and every transaction it had not yet received is gone although the application was told it was committed " +
      "(the seed's WAL replication and primary election, without a bound on lag).",
    remediation:
      "Ask for at least one synchronous replica (CloudNativePG `postgresql.synchronous` or `minSyncReplicas`, Patroni `synchronous_mode: true` in PGO or Zalando), " +
      "and run enough instances that a lost replica does not block writes; if losing the last seconds of writes is acceptable, suppress this rule with a reason.",
    messages: {
      asyncOnly:
        "{{cluster}} runs {{replicas}} instances with asynchronous replication only ({{field}}), so a failover can lose transactions the primary already confirmed; configure a synchronous replica.",
      asyncOnlyHint:
        "{{cluster}} runs {{replicas}} instances with asynchronous replication only ({{field}}), so a failover can lose transactions the primary already confirmed; set {{enableWith}}.",
    },
    since: "0.1.0",
    sources: [
      "seed 000: Internal Stateful DB Flow (HA Setup), WAL/binlog replication and primary election",
      "https://cloudnative-pg.io/documentation/current/replication/#synchronous-replication",
      "https://patroni.readthedocs.io/en/latest/replication_modes.html",
    ],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  check({ object, bundle, settings, report }) {
    const view = clusterOf(object, bundle, settings);
    const replication = view?.replication;
    if (!view || !replication || replication.synchronous) return;
    const replicas = replicasWithRole(view, "database");
    if (replicas <= 1) return;
    const data = { cluster: view.title, replicas, field: formatFieldPath(replication.at.path) };
    const where = { object: replication.at.object, path: replication.at.path };
    if (replication.enableWith) report({ messageId: "asyncOnlyHint", data: { ...data, enableWith: replication.enableWith }, ...where });
    else report({ messageId: "asyncOnly", data, ...where });
  },
});
