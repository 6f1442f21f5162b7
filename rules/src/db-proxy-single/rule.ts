import { clusterOf, defineRule, OPERATOR_CLUSTER_KINDS } from "@statelint/core";

export type MessageIds = "single" | "singleDefault";

export default defineRule<MessageIds>({
  id: "db-proxy-single",
  kinds: OPERATOR_CLUSTER_KINDS,
  meta: {
    category: "availability",
    severity: "warning",
    description: "The connection proxy in front of a replicated database (PgBouncer Pooler, MySQL Router) runs a single instance.",
    rationale:
      "Clients connect to the proxy, not to the database pods. With one proxy instance, its node failing, a drain or a rollout cuts every client off " +
      "a database whose replicas are all healthy: the proxy becomes the single point of failure the replicas were meant to remove.",
    remediation: "Run at least 2 instances of the proxy (CloudNativePG Pooler `instances`, PGO `proxy.pgBouncer.replicas`, Zalando `connectionPooler.numberOfInstances`, MySQL Router `router.instances`).",
    messages: {
      single:
        "{{proxy}} of {{cluster}} runs a single instance, so its failure or eviction cuts every client off the {{replicas}} database instances behind it; run at least 2.",
      singleDefault:
        "{{proxy}} of {{cluster}} sets no instance count, which defaults to 1, so its failure or eviction cuts every client off the {{replicas}} database instances behind it; run at least 2.",
    },
    since: "0.1.0",
    sources: [
      "seed 000: Application Flow, Application Pod → Database Service → StatefulSet Pods",
      "https://cloudnative-pg.io/documentation/current/connection_pooling/",
      "https://access.crunchydata.com/documentation/postgres-operator/latest/tutorials/basic-setup/connection-pooling",
    ],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  check({ object, bundle, settings, report }) {
    const view = clusterOf(object, bundle, settings);
    if (!view) return;
    const replicas = view.members.reduce((sum, group) => sum + group.replicas, 0);
    // In front of a single instance the proxy is not what stands between clients and an outage.
    if (replicas <= 1) return;
    for (const proxy of view.proxies) {
      if (proxy.instances !== 1) continue;
      report({
        messageId: proxy.instancesDeclared ? "single" : "singleDefault",
        data: { proxy: proxy.name, cluster: view.title, replicas },
        object: proxy.at.object,
        path: proxy.at.path,
      });
    }
  },
});
