import { ALL_CONTAINER_KINDS, asArray, asRecord, asString, childPath, containersOf, defineRule, podTemplateOf, POD_TEMPLATE_PATHS } from "@statelint/core";

export type MessageIds = "envFromSecret";

export default defineRule<MessageIds>({
  id: "secret-env-from",
  kinds: Object.keys(POD_TEMPLATE_PATHS),
  meta: {
    category: "secrets",
    severity: "info",
    description: "`envFrom.secretRef` exposes every key of a Secret as an environment variable.",
    rationale:
      "Environment variables are inherited by every child process, shown by `/proc/<pid>/environ`, dumped by crash reporters and debug endpoints, " +
      "and envFrom silently adds every key someone later puts in the Secret. A mounted file is readable only by the process that opens it and can be rotated in place.",
    remediation:
      "Mount the Secret as a volume and point the image at the file (`POSTGRES_PASSWORD_FILE`), or import only the keys the container needs with `env[].valueFrom.secretKeyRef`.",
    messages: {
      envFromSecret:
        'Container "{{container}}" imports every key of Secret "{{name}}" as environment variables; mount the Secret as a file or pick the keys it needs with secretKeyRef.',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/concepts/security/secrets-good-practices/"],
    defaultOptions: {},
  },
  check({ object, report }) {
    const template = podTemplateOf(object);
    if (!template) return;
    for (const container of containersOf(template, ALL_CONTAINER_KINDS)) {
      asArray(container.container["envFrom"]).forEach((source, index) => {
        const name = asString(asRecord(asRecord(source)["secretRef"])["name"]);
        if (!name) return;
        report({ messageId: "envFromSecret", data: { container: container.name, name }, path: childPath(container.path, "envFrom", index, "secretRef", "name") });
      });
    }
  },
});
