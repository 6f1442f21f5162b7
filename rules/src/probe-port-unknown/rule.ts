import {
  asArray, asInteger, asRecord, asString, childPath, closestMatch, containersOf, declaredPorts, defineRule, isRecord, podTemplateOf, POD_TEMPLATE_PATHS,
  type ContainerRef, type DeclaredPorts,
} from "@statelint/core";

export type MessageIds = "unknownName" | "unknownNameSuggest" | "noNamedPorts" | "unknownNumber";

export interface Options {
  readonly checkNumericPorts: boolean;
}

const PROBES = ["readinessProbe", "livenessProbe", "startupProbe"] as const;
const HANDLERS = ["httpGet", "tcpSocket", "grpc"] as const;

function quote(name: string): string {
  return `"${name}"`;
}

/** Whether a container may carry probes: a main container or a native sidecar (an init container with `restartPolicy: Always`). */
function isProbed(ref: ContainerRef): boolean {
  return ref.kind === "container" || asString(ref.container["restartPolicy"]) === "Always";
}

/** Whether the container declares a port of this name: what nearly every named probe port finds, read without building the port sets. */
function declaresPortName(container: ContainerRef["container"], name: string): boolean {
  if (name === "") return false;
  for (const port of asArray(container["ports"])) if (asString(asRecord(port)["name"]) === name) return true;
  return false;
}

export default defineRule<MessageIds, Options>({
  id: "probe-port-unknown",
  kinds: Object.keys(POD_TEMPLATE_PATHS),
  meta: {
    category: "probes",
    severity: "error",
    description: "An httpGet, tcpSocket or grpc probe names a port the container does not declare.",
    rationale:
      "The kubelet resolves a named probe port against the container's own `ports[].name`. A name that is not declared cannot be resolved: " +
      "the probe fails every time, so the pod never becomes ready (and OrderedReady stops the StatefulSet) or liveness restarts it forever.",
    remediation:
      "Use a port name declared in the container's `ports`, or declare the port there (`- name: postgres, containerPort: 5432`).",
    messages: {
      unknownName:
        'The {{probe}} of container "{{container}}" in {{kind}} "{{object}}" uses port "{{port}}", which the container does not declare (declared names: {{declared}}); the probe always fails; use a declared port name.',
      unknownNameSuggest:
        'The {{probe}} of container "{{container}}" in {{kind}} "{{object}}" uses port "{{port}}", which the container does not declare; the probe always fails; did you mean "{{suggestion}}"?',
      noNamedPorts:
        'The {{probe}} of container "{{container}}" in {{kind}} "{{object}}" uses port "{{port}}", but the container declares no named port, so the name cannot be resolved and the probe always fails; name the port in ports or use its number.',
      unknownNumber:
        'The {{probe}} of container "{{container}}" in {{kind}} "{{object}}" checks port {{port}}, which the container does not declare (declared: {{declared}}); probe the port the server listens on.',
    },
    since: "0.1.0",
    sources: ["Kubernetes docs: Configure Liveness, Readiness and Startup Probes (named ports)"],
    optionsSchema: {
      type: "object",
      properties: {
        checkNumericPorts: {
          type: "boolean",
          description: "Also report numeric probe ports missing from a container's declared ports (Kubernetes does not require declaring them).",
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { checkNumericPorts: false },
  },
  check({ object, options, report }) {
    const template = podTemplateOf(object);
    if (!template) return;
    for (const ref of containersOf(template)) {
      if (!isProbed(ref)) continue;
      let ports: DeclaredPorts | undefined;
      for (const probe of PROBES) {
        const probeValue = ref.container[probe];
        if (!isRecord(probeValue)) continue;
        for (const handler of HANDLERS) {
          const port = asRecord(probeValue[handler])["port"];
          if (port === undefined || port === null) continue;
          const number = asInteger(port);
          if (number !== undefined) {
            // Any process in the pod may listen on an undeclared port; only a container that lists its ports is checked, on request.
            if (!options.checkNumericPorts) continue;
            ports ??= declaredPorts([ref]);
            if (ports.numbers.size === 0 || ports.numbers.has(number)) continue;
            const base = { probe, container: ref.name, kind: object.kind, object: object.name };
            report({ messageId: "unknownNumber", data: { ...base, port: number, declared: [...ports.numbers].join(", ") }, path: childPath(ref.path, probe, handler, "port") });
            continue;
          }
          const name = asString(port);
          if (name === undefined || handler === "grpc" || declaresPortName(ref.container, name)) continue;
          ports ??= declaredPorts([ref]);
          const path = childPath(ref.path, probe, handler, "port");
          const base = { probe, container: ref.name, kind: object.kind, object: object.name };
          if (ports.names.size === 0) {
            report({ messageId: "noNamedPorts", data: { ...base, port: name }, path });
            continue;
          }
          const suggestion = closestMatch(name, ports.names);
          if (suggestion) report({ messageId: "unknownNameSuggest", data: { ...base, port: name, suggestion }, path });
          else report({ messageId: "unknownName", data: { ...base, port: name, declared: [...ports.names].map(quote).join(", ") }, path });
        }
      }
    }
  },
});
