import { asArray, asInteger, asRecord, asString, childPath, defineRule, isOperatorManaged, isRecord, mainContainersOf, statefulSetOf, type Plain } from "@statelint/core";

export type MessageIds = "sameCheck";

/**
 * The number of a container's named port, so `port: postgres` and `port: 5432` compare equal; the
 * last port of that name counts, as a map of them would keep it. Read in place: a container is asked
 * about one or two names.
 */
function namedPort(container: Plain, name: string): number | undefined {
  if (name === "") return undefined;
  const ports = asArray(container["ports"]);
  for (let index = ports.length - 1; index >= 0; index--) {
    const record = asRecord(ports[index]);
    if (asString(record["name"]) !== name) continue;
    const number = asInteger(record["containerPort"]);
    if (number !== undefined) return number;
  }
  return undefined;
}

function portKey(value: unknown, container: Plain): number | string | undefined {
  const number = asInteger(value);
  if (number !== undefined) return number;
  const name = asString(value);
  return name === undefined ? undefined : (namedPort(container, name) ?? name);
}

/**
 * What a probe checks, without its timing: the handler type and its target. Undefined when the
 * handler cannot be read (a missing port, a templated command), so unknown never counts as equal.
 */
function checkOf(probe: Plain, container: Plain): ProbeCheck | undefined {
  if (isRecord(probe["exec"])) {
    const command = asArray(probe["exec"]["command"]);
    if (command.length === 0 || !command.every((part) => typeof part === "string")) return undefined;
    return { kind: "exec", parts: command.map((part) => (part as string).trim()) };
  }
  if (isRecord(probe["httpGet"])) {
    const http = probe["httpGet"];
    const port = portKey(http["port"], container);
    if (port === undefined) return undefined;
    const path = asString(http["path"]) || "/";
    return { kind: "httpGet", parts: [port, path, asString(http["host"]) ?? "", (asString(http["scheme"]) ?? "HTTP").toUpperCase()] };
  }
  if (isRecord(probe["tcpSocket"])) {
    const port = portKey(probe["tcpSocket"]["port"], container);
    if (port === undefined) return undefined;
    return { kind: "tcpSocket", parts: [port, asString(probe["tcpSocket"]["host"]) ?? ""] };
  }
  if (isRecord(probe["grpc"])) {
    const port = asInteger(probe["grpc"]["port"]);
    if (port === undefined) return undefined;
    return { kind: "grpc", parts: [port, asString(probe["grpc"]["service"]) ?? ""] };
  }
  return undefined;
}

/** A probe's handler type and its target, part by part. */
interface ProbeCheck {
  readonly kind: string;
  readonly parts: readonly (string | number)[];
}

function sameCheck(a: ProbeCheck, b: ProbeCheck): boolean {
  return a.kind === b.kind && a.parts.length === b.parts.length && a.parts.every((part, index) => part === b.parts[index]);
}

export default defineRule<MessageIds>({
  id: "probe-liveness-equals-readiness",
  kinds: ["StatefulSet"],
  meta: {
    category: "probes",
    severity: "warning",
    description: "A container's livenessProbe runs the same check as its readinessProbe.",
    rationale:
      "Readiness answers \"should this pod get traffic now\", liveness \"is this process beyond saving\". When both run the same check, " +
      "a database that is merely busy (a long checkpoint, a replica catching up, a connection storm) fails liveness as well and is killed, " +
      "which throws away its caches, triggers crash recovery and moves the load onto the remaining replicas.",
    remediation:
      "Make the livenessProbe a cheaper, more tolerant check (the process answers at all, or a TCP connect) with a generous failureThreshold, and keep the strict check for readiness.",
    messages: {
      sameCheck:
        'Container "{{container}}" of StatefulSet "{{statefulSet}}" runs the same {{handler}} check for liveness and readiness, so a busy server is restarted instead of taken out of rotation; make the livenessProbe a more tolerant check.',
    },
    since: "0.1.0",
    sources: ["Kubernetes docs: Configure Liveness, Readiness and Startup Probes", "seed 003: readiness gates traffic and ordered start"],
    defaultOptions: {},
  },
  check({ object, report }) {
    if (isOperatorManaged(object)) return;
    const template = statefulSetOf(object)?.template;
    if (!template) return;
    for (const ref of mainContainersOf(template)) {
      const liveness = ref.container["livenessProbe"];
      const readiness = ref.container["readinessProbe"];
      if (!isRecord(liveness) || !isRecord(readiness)) continue;
      const live = checkOf(liveness, ref.container);
      const ready = checkOf(readiness, ref.container);
      if (!live || !ready || !sameCheck(live, ready)) continue;
      report({
        messageId: "sameCheck",
        data: { container: ref.name, statefulSet: object.name, handler: live.kind },
        path: childPath(ref.path, "livenessProbe"),
        at: "key",
        related: [{ object, path: childPath(ref.path, "readinessProbe"), message: `the readinessProbe of container "${ref.name}" runs the same check` }],
      });
    }
  },
});
