import {
  asRecord, asString, databaseContainers, defineRule, isPrimaryReplicaEngine, mainContainersOf, parseImage, serviceSelectorOf, statefulSetOf, type PodTemplate,
} from "@statelint/core";
import { hasNameTokenIn } from "../name-tokens.js";
import { CONTROLLER_LABEL_KEYS, SINGLE_POD_LABEL_KEYS, selectorUsesKey, withoutKeys } from "../service-selects-nothing/pod-labels.js";

export type MessageIds = "loadBalancedWrites";

export interface Options {
  /** Name tokens of Services and StatefulSets meant for reads only (`postgres-read`, `redis-replicas`). */
  readonly readOnlyNameTokens: readonly string[];
  /**
   * Image-name tokens of setups where the Service over all pods is not how writers find the primary:
   * multi-primary engines (Galera, Redis Cluster) and HA managers with their own routing (Sentinel, repmgr behind Pgpool).
   */
  readonly exemptImageTokens: readonly string[];
}

/** Whether a name, split at `-`, `_` and `.`, has one of the tokens (compared lower-cased). */
function hasToken(name: string, tokens: readonly string[]): boolean {
  return hasNameTokenIn(name.toLowerCase(), tokens);
}

/**
 * Whether a main container runs an exempt image. Kept per pod template and token list: each
 * workload is met once per Service selecting it.
 */
function runsExemptImage(template: PodTemplate, exemptImageTokens: readonly string[]): boolean {
  let known = exemptTemplates.get(exemptImageTokens);
  if (!known) exemptTemplates.set(exemptImageTokens, (known = new WeakMap()));
  let exempt = known.get(template);
  if (exempt === undefined) {
    exempt = mainContainersOf(template).some((container) => hasToken(parseImage(asString(container.container["image"]) ?? "").name, exemptImageTokens));
    known.set(template, exempt);
  }
  return exempt;
}

const exemptTemplates = new WeakMap<readonly string[], WeakMap<PodTemplate, boolean>>();

export default defineRule<MessageIds, Options>({
  id: "db-write-service-load-balanced",
  kinds: ["Service"],
  meta: {
    category: "service",
    severity: "warning",
    description: "A load-balanced Service should not spread connections over every pod of a primary/replica database.",
    rationale:
      "In a primary/replica database (PostgreSQL, MySQL, MongoDB, Redis…) only one pod accepts writes. A ClusterIP Service over " +
      "all pods round-robins connections, so writes land on read-only replicas and fail, or worse, on an unreplicated " +
      "standalone copy (the seed's `postgres-lb`).",
    remediation:
      "Send writes to the primary only: select it with a role label kept up to date by the operator or failover tool, or pin it with " +
      "`statefulset.kubernetes.io/pod-name`; keep a Service over all pods for reads only, and name it so (`-read`, `-replicas`).",
    messages: {
      loadBalancedWrites:
        'Service "{{service}}" load-balances over all {{replicas}} pods of StatefulSet "{{statefulSet}}" ({{engine}}), but only the primary accepts writes; route writes to the primary with a role or pod-name selector and keep this Service for reads.',
    },
    since: "0.1.0",
    sources: ["seed 003: Step 6, Option 1: Load Balanced (postgres-lb), round robin over postgres-0..2", "seed 000: HA with WAL replication and primary election"],
    optionsSchema: {
      type: "object",
      properties: {
        readOnlyNameTokens: { type: "array", items: { type: "string" }, uniqueItems: true },
        exemptImageTokens: { type: "array", items: { type: "string" }, uniqueItems: true },
      },
      additionalProperties: false,
    },
    defaultOptions: {
      readOnlyNameTokens: ["read", "reader", "readonly", "reads", "ro", "replica", "replicas", "slave", "slaves", "secondary", "standby"],
      exemptImageTokens: ["galera", "cluster", "pxc", "xtradb", "sentinel", "repmgr"],
    },
  },
  check({ object, bundle, options, settings, report }) {
    if (object.group !== "") return;
    const spec = asRecord(object.raw["spec"]);
    if (asString(spec["type"]) === "ExternalName" || spec["clusterIP"] === "None") return;
    const selector = serviceSelectorOf(object);
    if (selector.empty || selectorUsesKey(selector, SINGLE_POD_LABEL_KEYS)) return;
    const readOnlyTokens = options.readOnlyNameTokens;
    if (hasToken(object.name, readOnlyTokens)) return;
    for (const owner of bundle.podTemplatesSelectedBy(object.namespace, withoutKeys(selector, CONTROLLER_LABEL_KEYS))) {
      const view = statefulSetOf(owner.object);
      if (!view || view.replicas <= 1) continue;
      const primaryReplica = databaseContainers(owner.template, settings).find((container) => isPrimaryReplicaEngine(container.engine, settings));
      if (!primaryReplica || hasToken(owner.object.name, readOnlyTokens) || runsExemptImage(owner.template, options.exemptImageTokens)) continue;
      report({
        messageId: "loadBalancedWrites",
        data: { service: object.name, replicas: view.replicas, statefulSet: owner.object.name, engine: primaryReplica.engine },
        path: ["spec", "selector"],
        at: "key",
        related: [{ object: owner.object, path: ["spec", "replicas"], message: `StatefulSet "${owner.object.name}" runs ${view.replicas} ${primaryReplica.engine} pods` }],
      });
    }
  },
});
