import { configReferencesOf, defineRule, podTemplateOf, POD_TEMPLATE_PATHS } from "@statelint/core";
import { describeKeys, describeVia, sourceOf } from "../secret-ref-unresolved/sources.js";

export type MessageIds = "missingConfigMap" | "missingKey";

export default defineRule<MessageIds>({
  id: "configmap-ref-unresolved",
  kinds: Object.keys(POD_TEMPLATE_PATHS),
  meta: {
    category: "secrets",
    severity: "warning",
    description: "A pod references a ConfigMap absent from the bundle, or a key that ConfigMap does not define.",
    rationale:
      "A missing ConfigMap or key keeps the container from starting (CreateContainerConfigError) or the volume from mounting; " +
      "for a StatefulSet the first stuck ordinal blocks the rest. The seed's postgres-config is applied next to the StatefulSet for this reason.",
    remediation:
      "Add the ConfigMap or the key, fix the name, or set `optional: true`; if ConfigMaps are provisioned outside these manifests, lower this rule's level in `.statelint.yaml`.",
    messages: {
      missingConfigMap:
        'ConfigMap "{{name}}" read by {{via}} of {{kind}} "{{workload}}" is not in the bundle (namespace "{{namespace}}"); add it or mark the reference optional.',
      missingKey: 'ConfigMap "{{name}}" has no key "{{key}}" read by {{via}} ({{keys}}); the container will not start until the key exists or the reference is fixed.',
    },
    since: "0.1.0",
    sources: ["seed 003: ConfigMap postgres-config", "https://kubernetes.io/docs/concepts/configuration/configmap/#configmaps-and-pods"],
    defaultOptions: {},
  },
  check({ object, bundle, report }) {
    const template = podTemplateOf(object);
    if (!template) return;
    for (const reference of configReferencesOf(template)) {
      if (reference.kind !== "ConfigMap" || reference.optional) continue;
      const source = sourceOf(bundle, object.namespace, reference);
      if (!source) {
        report({
          messageId: "missingConfigMap",
          data: { name: reference.name, via: describeVia(reference), kind: object.kind, workload: object.name, namespace: object.namespace },
          path: reference.namePath,
        });
        continue;
      }
      if (source === "implicit" || reference.key === undefined || !reference.keyPath || !source.keys || source.keys.has(reference.key)) continue;
      report({
        messageId: "missingKey",
        data: { name: reference.name, key: reference.key, via: describeVia(reference), keys: describeKeys(source.keys) },
        path: reference.keyPath,
        severity: "error",
        related: [{ object: source.object, path: source.keysPath, message: `ConfigMap "${reference.name}" defines its keys here` }],
      });
    }
  },
});
