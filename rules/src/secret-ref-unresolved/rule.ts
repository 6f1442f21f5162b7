import { configReferencesOf, defineRule, podTemplateOf, POD_TEMPLATE_PATHS } from "@statelint/core";
import { describeVia, sourceOf } from "./sources.js";

export type MessageIds = "missingSecret";

export default defineRule<MessageIds>({
  id: "secret-ref-unresolved",
  kinds: Object.keys(POD_TEMPLATE_PATHS),
  meta: {
    category: "secrets",
    severity: "warning",
    description: "A pod references a Secret that no Secret, SealedSecret or ExternalSecret in the bundle provides.",
    rationale:
      "A pod whose secretKeyRef, envFrom or secret volume names a missing Secret never starts: it sits in CreateContainerConfigError or ContainerCreating. " +
      "For a StatefulSet with OrderedReady start, the first stuck pod blocks every later ordinal.",
    remediation:
      "Add the Secret (or the SealedSecret/ExternalSecret that creates it) to the bundle, fix the name, or set `optional: true`; " +
      "if Secrets are provisioned outside these manifests, lower this rule's level in `.statelint.yaml`.",
    messages: {
      missingSecret:
        'Secret "{{name}}" read by {{via}} of {{kind}} "{{workload}}" is not in the bundle (namespace "{{namespace}}"); add it, a SealedSecret or an ExternalSecret, or mark the reference optional.',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/concepts/configuration/secret/#restriction-secret-must-exist", "seed 003: Secret postgres-secret applied with the StatefulSet"],
    defaultOptions: {},
  },
  check({ object, bundle, report }) {
    const template = podTemplateOf(object);
    if (!template) return;
    for (const reference of configReferencesOf(template)) {
      if (reference.kind !== "Secret" || reference.optional) continue;
      if (sourceOf(bundle, object.namespace, reference)) continue;
      report({
        messageId: "missingSecret",
        data: { name: reference.name, via: describeVia(reference), kind: object.kind, workload: object.name, namespace: object.namespace },
        path: reference.namePath,
      });
    }
  },
});
