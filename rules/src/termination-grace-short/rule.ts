import { asInteger, childPath, databaseContainers, defineRule, isOperatorManaged, statefulSetOf } from "@statelint/core";

export type MessageIds = "short";

export interface Options {
  readonly minimumSeconds: number;
}

export default defineRule<MessageIds, Options>({
  id: "termination-grace-short",
  kinds: ["StatefulSet"],
  meta: {
    category: "availability",
    severity: "warning",
    description: "A StatefulSet running a DB image sets `terminationGracePeriodSeconds` below 30.",
    rationale:
      "On every rollout, drain and scale-down the database gets SIGTERM and then, after the grace period, SIGKILL. A short period kills it " +
      "before it has flushed its buffers, checkpointed and handed leadership over: the next start needs crash recovery and replicas see an unclean failover.",
    remediation:
      "Remove `terminationGracePeriodSeconds` (the default is 30) or raise it to at least 30 seconds; large databases often need 60 to 120.",
    messages: {
      short:
        'StatefulSet "{{name}}" runs {{engine}} with terminationGracePeriodSeconds {{seconds}}: it is killed before it can flush and hand over; use at least {{minimum}} seconds.',
    },
    since: "0.1.0",
    sources: ["Kubernetes docs: Pod Lifecycle, Termination of Pods", "seed 000: HA with primary election"],
    defaultOptions: { minimumSeconds: 30 },
    optionsSchema: {
      type: "object",
      additionalProperties: false,
      properties: { minimumSeconds: { type: "integer", minimum: 1, description: "Shortest acceptable grace period in seconds." } },
    },
  },
  check({ object, settings, options, report }) {
    if (isOperatorManaged(object)) return;
    const statefulSet = statefulSetOf(object);
    const template = statefulSet?.template;
    if (!template) return;
    const seconds = asInteger(template.spec["terminationGracePeriodSeconds"]);
    if (seconds === undefined || seconds >= options.minimumSeconds) return;
    const database = databaseContainers(template, settings)[0];
    if (!database) return;
    report({
      messageId: "short",
      data: { name: object.name, engine: database.engine, seconds, minimum: options.minimumSeconds },
      path: childPath(template.path, "spec", "terminationGracePeriodSeconds"),
    });
  },
});
