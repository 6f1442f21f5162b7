import { defineRule } from "@statelint/core";
import { reportMissingProbe } from "../missing-probe.js";

export type MessageIds = "missing" | "missingHelper";

export default defineRule<MessageIds>({
  id: "probe-readiness-missing",
  kinds: ["StatefulSet"],
  meta: {
    category: "probes",
    severity: "error",
    description: "Every main container of a StatefulSet needs a readinessProbe.",
    rationale:
      "Services route only to READY pods, and the default OrderedReady policy starts pod N+1 only once pod N is ready. " +
      "Without a readinessProbe a container counts as ready the moment it starts: clients reach a database that is still " +
      "recovering, and the next replica starts cloning from a primary that is not up yet.",
    remediation:
      "Add a `readinessProbe` that checks the server really accepts work (`pg_isready`, `mysqladmin ping`, an HTTP health endpoint, a TCP connect).",
    messages: {
      missing:
        'Container "{{container}}" of StatefulSet "{{statefulSet}}" has no readinessProbe, so Services send it traffic and the next pod starts before it can serve; add a readinessProbe.',
      missingHelper:
        'Container "{{container}}" of StatefulSet "{{statefulSet}}" has no readinessProbe; it declares no port and runs no database, so add one only if the pod must wait for it.',
    },
    since: "0.1.0",
    sources: ["seed 003: ordered start, each pod waits for the readiness probe of the previous one", "Kubernetes docs: Configure Liveness, Readiness and Startup Probes"],
    defaultOptions: {},
  },
  check(context) {
    reportMissingProbe("readinessProbe", context);
  },
});
