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

type Handler = "exec" | "httpGet" | "tcpSocket" | "grpc";

/** A probe's handler: the first one written, in the order the API reads them. */
function handlerOf(probe: Plain): Handler | undefined {
  if (isRecord(probe["exec"])) return "exec";
  if (isRecord(probe["httpGet"])) return "httpGet";
  if (isRecord(probe["tcpSocket"])) return "tcpSocket";
  if (isRecord(probe["grpc"])) return "grpc";
  return undefined;
}

/** Whether two exec commands are the same words (trimmed); a templated or empty command is unknown, never equal. */
function sameCommand(a: unknown, b: unknown): boolean {
  const first = asArray(a);
  const second = asArray(b);
  if (first.length === 0 || first.length !== second.length) return false;
  for (let index = 0; index < first.length; index++) {
    const one = first[index];
    const other = second[index];
    if (typeof one !== "string" || typeof other !== "string" || one.trim() !== other.trim()) return false;
  }
  return true;
}

/**
 * Whether two probes of a container check the same target with the same handler, without their
 * timing; compared in place, as every StatefulSet's containers are asked. A target that cannot be
 * read (a missing port, a templated command) is unknown, and unknown never counts as equal.
 */
function sameCheck(handler: Handler, liveness: Plain, readiness: Plain, container: Plain): boolean {
  const live = asRecord(liveness[handler]);
  const ready = asRecord(readiness[handler]);
  switch (handler) {
    case "exec":
      return sameCommand(live["command"], ready["command"]);
    case "httpGet": {
      const port = portKey(live["port"], container);
      return (
        port !== undefined &&
        port === portKey(ready["port"], container) &&
        (asString(live["path"]) || "/") === (asString(ready["path"]) || "/") &&
        (asString(live["host"]) ?? "") === (asString(ready["host"]) ?? "") &&
        (asString(live["scheme"]) ?? "HTTP").toUpperCase() === (asString(ready["scheme"]) ?? "HTTP").toUpperCase()
      );
    }
    case "tcpSocket": {
      const port = portKey(live["port"], container);
      return port !== undefined && port === portKey(ready["port"], container) && (asString(live["host"]) ?? "") === (asString(ready["host"]) ?? "");
    }
    case "grpc": {
      const port = asInteger(live["port"]);
      return port !== undefined && port === asInteger(ready["port"]) && (asString(live["service"]) ?? "") === (asString(ready["service"]) ?? "");
    }
  }
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
      const handler = handlerOf(liveness);
      if (handler === undefined || handlerOf(readiness) !== handler || !sameCheck(handler, liveness, readiness, ref.container)) continue;
      report({
        messageId: "sameCheck",
        data: { container: ref.name, statefulSet: object.name, handler },
        path: childPath(ref.path, "livenessProbe"),
        at: "key",
        related: [{ object, path: childPath(ref.path, "readinessProbe"), message: `the readinessProbe of container "${ref.name}" runs the same check` }],
      });
    }
  },
});
