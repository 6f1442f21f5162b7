import { asArray, databaseContainers, defineRule, mainContainersOf, statefulSetOf } from "@statelint/core";

export type MessageIds = "missing" | "missingHelper";

export default defineRule<MessageIds>({
  id: "probe-liveness-missing",
  kinds: ["StatefulSet"],
  meta: {
    category: "probes",
    severity: "warning",
    description: "A main container of a StatefulSet has no livenessProbe.",
    rationale:
      "A database process can hang (deadlock, stuck I/O, exhausted connections) while its container keeps running. " +
      "Without a livenessProbe the kubelet never restarts it, and with OrderedReady the StatefulSet stops rolling out behind it.",
    remediation:
      "Add a cheap, tolerant `livenessProbe` (is the process alive and answering at all) with a failureThreshold that rides out load spikes; keep the stricter check for readiness.",
    messages: {
      missing: 'Container "{{container}}" of StatefulSet "{{statefulSet}}" has no livenessProbe, so a hung process is never restarted; add a tolerant livenessProbe.',
      missingHelper:
        'Container "{{container}}" of StatefulSet "{{statefulSet}}" has no livenessProbe; it declares no port and runs no database, so add one only if it can hang without exiting.',
    },
    since: "0.1.0",
    sources: ["Kubernetes docs: Configure Liveness, Readiness and Startup Probes"],
    defaultOptions: {},
  },
  check({ object, settings, report }) {
    const template = statefulSetOf(object)?.template;
    if (!template) return;
    const databases = new Set(databaseContainers(template, settings).map((database) => database.ref.index));
    for (const ref of mainContainersOf(template)) {
      const probe = ref.container["livenessProbe"];
      if (probe !== undefined && probe !== null) continue;
      // A helper that serves nothing usually exits on failure, and the kubelet restarts it anyway.
      const serves = databases.has(ref.index) || asArray(ref.container["ports"]).length > 0;
      report({
        messageId: serves ? "missing" : "missingHelper",
        data: { container: ref.name, statefulSet: object.name },
        path: [...ref.path, "name"],
        ...(serves ? {} : { severity: "info" as const }),
      });
    }
  },
});
