import {
  asArray, asInteger, asRecord, asString, childPath, containersOf, defineRule, isRecord, statefulSetOf, statefulSetsGovernedBy, templatePortsOf,
  type DeclaredPorts, type FieldPath, type K8sObject, type PodTemplate,
} from "@statelint/core";

export type MessageIds = "unknownName" | "unknownNumber";

function describePorts(ports: DeclaredPorts): string {
  const parts = [...ports.names].map((name) => `"${name}"`);
  parts.push(...[...ports.numbers].map(String));
  return parts.join(", ") || "none";
}

/**
 * Whether the template's containers serve a Service's target, read in place (the port sets are built
 * only for a finding). Kubernetes does not require containers to declare the ports they listen on:
 * a number is judged only when some number is declared.
 */
function servesTarget(template: PodTemplate, number: number | undefined, name: string | undefined): boolean {
  if (number === undefined && !name) return true;
  let declaresNumbers = false;
  for (const container of containersOf(template)) {
    for (const port of asArray(container.container["ports"])) {
      const record = asRecord(port);
      if (number === undefined) {
        if (asString(record["name"]) === name) return true;
        continue;
      }
      const declared = asInteger(record["containerPort"]);
      if (declared === number) return true;
      if (declared !== undefined) declaresNumbers = true;
    }
  }
  return number !== undefined && !declaresNumbers;
}

/** Where the StatefulSet declares its ports, what a finding points to (built only for a finding). */
function portsOf(statefulSet: K8sObject, template: PodTemplate) {
  const withPorts = containersOf(template).find((container) => asArray(container.container["ports"]).length > 0);
  const path: FieldPath = withPorts ? childPath(withPorts.path, "ports") : childPath(template.path, "spec", "containers");
  return [{ object: statefulSet, path, message: `the ports of StatefulSet "${statefulSet.name}"` }];
}

export default defineRule<MessageIds>({
  id: "sts-service-port-mismatch",
  kinds: ["Service"],
  meta: {
    category: "service",
    severity: "warning",
    description: "Each port of a StatefulSet's governing Service should target a port its containers declare.",
    rationale:
      "A named `targetPort` resolves only against the port names the pod's containers declare: when none matches, the pods " +
      "are left out of that port's endpoints and the per-pod address is unusable on it. A numeric target that no declared " +
      "port carries usually means the Service and the containers disagree on where the database listens.",
    remediation:
      "Point `targetPort` at a `ports[].name` or `containerPort` of the StatefulSet's containers, or declare the port on the container.",
    messages: {
      unknownName:
        'Service "{{service}}" port {{port}} targets port name "{{target}}", but no container of StatefulSet "{{statefulSet}}" declares a port of that name (declared: {{declared}}); use a declared name or add it to the container.',
      unknownNumber:
        'Service "{{service}}" port {{port}} targets port {{target}}, but the containers of StatefulSet "{{statefulSet}}" declare only {{declared}}; target the port the database listens on.',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports"],
    defaultOptions: {},
  },
  check({ object, bundle, report }) {
    if (object.group !== "") return;
    const spec = asRecord(object.raw["spec"]);
    if (asString(spec["type"]) === "ExternalName") return;
    const governed = statefulSetsGovernedBy(bundle, object);
    for (const statefulSet of governed) {
      const template = statefulSetOf(statefulSet)?.template;
      if (!template) continue;
      const servicePorts = asArray(spec["ports"]);
      for (let index = 0; index < servicePorts.length; index++) {
        const value = servicePorts[index];
        if (!isRecord(value)) continue;
        const hasTarget = value["targetPort"] !== undefined && value["targetPort"] !== null;
        const target = hasTarget ? value["targetPort"] : value["port"];
        const number = asInteger(target);
        const name = number === undefined ? asString(target) : undefined;
        // Sidecars started as restartable init containers serve ports too.
        if (servesTarget(template, number, name)) continue;
        const ports = templatePortsOf(template);
        const port = String(asInteger(value["port"]) ?? asString(value["name"]) ?? index);
        const data = { service: object.name, statefulSet: statefulSet.name, port, declared: describePorts(ports) };
        const path: FieldPath = ["spec", "ports", index, hasTarget ? "targetPort" : "port"];
        const related = portsOf(statefulSet, template);
        if (number !== undefined) report({ messageId: "unknownNumber", data: { ...data, target: number }, path, related });
        else if (name) report({ messageId: "unknownName", data: { ...data, target: name }, path, related });
      }
    }
  },
});
