import { defineRule } from "@statelint/core";
import { reportMissingProbe } from "../missing-probe.js";

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
  check(context) {
    reportMissingProbe("livenessProbe", context);
  },
});
