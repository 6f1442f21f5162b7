import { configReferencesOf, defineRule, podTemplateOf, POD_TEMPLATE_PATHS } from "@statelint/core";
import { describeKeys, describeVia, sourceOf } from "../secret-ref-unresolved/sources.js";

export type MessageIds = "missingKey";

export default defineRule<MessageIds>({
  id: "secret-key-unresolved",
  kinds: Object.keys(POD_TEMPLATE_PATHS),
  meta: {
    category: "secrets",
    severity: "error",
    description: "A pod reads a key that the referenced Secret in the bundle does not define.",
    rationale:
      "When the Secret exists but lacks the key, the kubelet refuses to start the container (CreateContainerConfigError) or to mount the volume; " +
      "a typo such as `POSTGRES_PASWORD` keeps the whole StatefulSet from coming up.",
    remediation: "Add the key to the Secret (or its SealedSecret/ExternalSecret), correct the key name in the reference, or set `optional: true` if the value may be absent.",
    messages: {
      missingKey: 'Secret "{{name}}" has no key "{{key}}" read by {{via}} ({{keys}}); the container will not start until the key exists or the reference is fixed.',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables"],
    defaultOptions: {},
  },
  check({ object, bundle, report }) {
    const template = podTemplateOf(object);
    if (!template) return;
    for (const reference of configReferencesOf(template)) {
      if (reference.kind !== "Secret" || reference.optional || reference.key === undefined || !reference.keyPath) continue;
      const source = sourceOf(bundle, object.namespace, reference);
      if (!source || source === "implicit" || !source.keys || source.keys.has(reference.key)) continue;
      report({
        messageId: "missingKey",
        data: { name: reference.name, key: reference.key, via: describeVia(reference), keys: describeKeys(source.keys) },
        path: reference.keyPath,
        related: [{ object: source.object, path: source.keysPath, message: `${source.object.kind} "${source.object.name}" defines the keys of Secret "${reference.name}" here` }],
      });
    }
  },
});
