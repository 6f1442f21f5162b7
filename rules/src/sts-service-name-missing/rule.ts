import { asRecord, defineRule, isOperatorManaged, statefulSetOf } from "@statelint/core";

export type MessageIds = "missing" | "empty" | "invalidLabel";

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LABEL_LENGTH = 63;

function labelProblem(value: string): string | undefined {
  if (value.length > MAX_LABEL_LENGTH) return `it is ${value.length} characters long, more than ${MAX_LABEL_LENGTH}`;
  if (!DNS_1123_LABEL.test(value)) return "a DNS-1123 label has only lower-case letters, digits and '-', and starts and ends with a letter or digit";
  return undefined;
}

export default defineRule<MessageIds>({
  id: "sts-service-name-missing",
  kinds: ["StatefulSet"],
  meta: {
    category: "service",
    severity: "warning",
    description: "A StatefulSet should name its governing headless Service in `spec.serviceName`, as a valid DNS-1123 label.",
    rationale:
      "`spec.serviceName` is optional, but without it the pods get no stable per-pod DNS names (`postgres-0.postgres…`), " +
      "which replication and peer discovery rely on. A value that is not a DNS-1123 label becomes each pod's subdomain, " +
      "which the API rejects, so the controller gets stuck creating pods.",
    remediation:
      "Set `spec.serviceName` to the name of a headless Service (`clusterIP: None`) that selects the pods, " +
      "using lower-case letters, digits and '-' only, at most 63 characters.",
    messages: {
      missing: 'StatefulSet "{{statefulSet}}" sets no spec.serviceName, so its pods get no stable DNS names; name its headless governing Service there.',
      empty: 'StatefulSet "{{statefulSet}}" has an empty spec.serviceName, so its pods get no stable DNS names; name its headless governing Service there.',
      invalidLabel: 'spec.serviceName "{{serviceName}}" of StatefulSet "{{statefulSet}}" is not a valid DNS-1123 label ({{problem}}); pods cannot be created with it as their subdomain.',
    },
    since: "0.1.0",
    sources: ["seed 003: Step 5, DNS records created by the headless Service", "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id"],
    defaultOptions: {},
  },
  check({ object, report }) {
    if (isOperatorManaged(object)) return;
    const view = statefulSetOf(object);
    if (!view) return;
    const spec = asRecord(object.raw["spec"]);
    const data = { statefulSet: object.name };
    if (!("serviceName" in spec)) {
      report({ messageId: "missing", data, path: ["spec"], at: "key" });
      return;
    }
    const value = spec["serviceName"];
    if (value === null || value === "") {
      report({ messageId: "empty", data, path: ["spec", "serviceName"] });
      return;
    }
    // Other types are schema-invalid's finding; this rule only judges strings.
    if (typeof value !== "string") return;
    const problem = labelProblem(value);
    if (problem) report({ messageId: "invalidLabel", data: { ...data, serviceName: value, problem }, path: ["spec", "serviceName"], severity: "error" });
  },
});
