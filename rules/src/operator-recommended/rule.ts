import { childPath, databaseContainers, defineRule, isOperatorManaged, statefulSetOf } from "@statelint/core";
import { OPERATORS } from "./operators.js";

export type MessageIds = "useOperator";

export default defineRule<MessageIds>({
  id: "operator-recommended",
  kinds: ["StatefulSet"],
  meta: {
    category: "availability",
    severity: "info",
    description: "A hand-rolled database StatefulSet runs an engine for which a mature Kubernetes operator exists.",
    rationale:
      "A StatefulSet gives pods stable names and disks, nothing more: primary election, replica bootstrap, failover, backups, point-in-time recovery and " +
      "version upgrades are left to you. The seed's decision map sends a production-grade database inside Kubernetes to an operator, which automates exactly those.",
    remediation:
      "Run the database through one of the named operators (or a managed service); keep the hand-rolled StatefulSet only if you own failover, backup and upgrades yourself.",
    messages: {
      useOperator:
        'StatefulSet "{{statefulSet}}" runs {{engine}} by hand; an operator such as {{operators}} automates failover, replica bootstrap, backups and upgrades. Consider using one.',
    },
    since: "0.1.0",
    sources: ["seed 000: decision map, production-grade database inside Kubernetes → use a DB operator", "seed 000: layer responsibilities, Operator manages DB lifecycle"],
    defaultOptions: {},
  },
  check({ object, settings, report }) {
    const statefulSet = statefulSetOf(object);
    if (!statefulSet || isOperatorManaged(object)) return;
    for (const database of databaseContainers(statefulSet.template, settings)) {
      const operators = OPERATORS[database.engine];
      if (!operators) continue;
      report({
        messageId: "useOperator",
        data: { statefulSet: object.name, engine: database.engine, operators: orList(operators) },
        path: childPath(database.ref.path, "image"),
      });
      return;
    }
  },
});

/** "A", "A or B", "A, B or C". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
