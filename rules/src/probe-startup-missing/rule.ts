import { asInteger, childPath, databaseContainers, defineRule, isOperatorManaged, isRecord, statefulSetOf } from "@statelint/core";

export type MessageIds = "missing" | "missingNoDelay";

/** Below this initial delay a liveness probe can kill a database still replaying WAL or recovering after a crash. */
const SHORT_DELAY_SECONDS = 30;

export default defineRule<MessageIds>({
  id: "probe-startup-missing",
  kinds: ["StatefulSet"],
  meta: {
    category: "probes",
    severity: "info",
    description: "A database container has a livenessProbe with a short initial delay and no startupProbe.",
    rationale:
      "A database can take minutes to start: crash recovery, WAL replay, a replica cloning its data from the primary. " +
      "A livenessProbe that starts checking after a few seconds kills it mid-recovery, and the restart begins the recovery again (CrashLoopBackOff).",
    remediation:
      "Add a `startupProbe` (same check as liveness, with `failureThreshold` × `periodSeconds` covering the slowest start); liveness then only starts once the startup probe has succeeded.",
    messages: {
      missing:
        'Container "{{container}}" of StatefulSet "{{statefulSet}}" ({{engine}}) starts its livenessProbe after {{delay}}s and has no startupProbe, so a slow recovery is killed and restarted; add a startupProbe.',
      missingNoDelay:
        'Container "{{container}}" of StatefulSet "{{statefulSet}}" ({{engine}}) starts its livenessProbe at once and has no startupProbe, so a slow recovery is killed and restarted; add a startupProbe.',
    },
    since: "0.1.0",
    sources: ["Kubernetes docs: Protect slow starting containers with startup probes"],
    defaultOptions: {},
  },
  check({ object, settings, report }) {
    if (isOperatorManaged(object)) return;
    const template = statefulSetOf(object)?.template;
    for (const { ref, engine } of databaseContainers(template, settings)) {
      const liveness = ref.container["livenessProbe"];
      if (!isRecord(liveness)) continue;
      const startup = ref.container["startupProbe"];
      if (startup !== undefined && startup !== null) continue;
      const rawDelay = liveness["initialDelaySeconds"];
      const delay = asInteger(rawDelay);
      // A templated or malformed delay says nothing about how long the start may take.
      if (rawDelay !== undefined && rawDelay !== null && delay === undefined) continue;
      if (delay !== undefined && delay >= SHORT_DELAY_SECONDS) continue;
      const path = childPath(ref.path, "livenessProbe");
      if (delay === undefined || delay === 0) report({ messageId: "missingNoDelay", data: { container: ref.name, statefulSet: object.name, engine }, path, at: "key" });
      else report({ messageId: "missing", data: { container: ref.name, statefulSet: object.name, engine, delay }, path, at: "key" });
    }
  },
});
