import { configReferencesOf, defineRule, formatFieldPath, OPERATOR_CLUSTER_KINDS, POD_TEMPLATE_PATHS, podTemplateOf, type ObjectContext } from "@statelint/core";
import { operatorClusterOf } from "../cluster-view.js";
import { describeVia, sourceOf } from "./sources.js";

export type MessageIds = "missingSecret" | "operatorMissingSecret";

function checkPodTemplate({ object, bundle, report }: ObjectContext<MessageIds, object>): void {
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
}

/** Secrets an operator cluster names (CloudNativePG `superuserSecret`, backup credentials, PGO pgBackRest configuration …). */
function checkOperatorCluster({ object, bundle, settings, report }: ObjectContext<MessageIds, object>): void {
  const view = operatorClusterOf(object, bundle, settings);
  for (const reference of view?.references ?? []) {
    if (!view || reference.kind !== "Secret" || reference.optional) continue;
    if (sourceOf(bundle, reference.at.object.namespace, { kind: "Secret", name: reference.name })) continue;
    report({
      messageId: "operatorMissingSecret",
      data: { name: reference.name, purpose: reference.purpose, field: formatFieldPath(reference.at.path), cluster: view.title, operator: view.operator ?? "", namespace: reference.at.object.namespace },
      object: reference.at.object,
      path: reference.at.path,
    });
  }
}

export default defineRule<MessageIds>({
  id: "secret-ref-unresolved",
  kinds: [...Object.keys(POD_TEMPLATE_PATHS), ...OPERATOR_CLUSTER_KINDS],
  meta: {
    category: "secrets",
    severity: "warning",
    description: "A pod or an operator cluster references a Secret that no Secret, SealedSecret or ExternalSecret in the bundle provides.",
    rationale:
      "A pod whose secretKeyRef, envFrom or secret volume names a missing Secret never starts: it sits in CreateContainerConfigError or ContainerCreating. " +
      "For a StatefulSet with OrderedReady start, the first stuck pod blocks every later ordinal.",
    remediation:
      "Add the Secret (or the SealedSecret/ExternalSecret that creates it) to the bundle, fix the name, or set `optional: true`; " +
      "if Secrets are provisioned outside these manifests, lower this rule's level in `.statelint.yaml`.",
    messages: {
      missingSecret:
        'Secret "{{name}}" read by {{via}} of {{kind}} "{{workload}}" is not in the bundle (namespace "{{namespace}}"); add it, a SealedSecret or an ExternalSecret, or mark the reference optional.',
      operatorMissingSecret:
        'Secret "{{name}}" ({{purpose}}, {{field}}) of {{cluster}} is not in the bundle (namespace "{{namespace}}"), and {{operator}} does not create it; add it, a SealedSecret or an ExternalSecret.',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/concepts/configuration/secret/#restriction-secret-must-exist", "seed 003: Secret postgres-secret applied with the StatefulSet"],
    defaultOptions: {},
  },
  check(context) {
    if (POD_TEMPLATE_PATHS[context.object.kind]) checkPodTemplate(context);
    else checkOperatorCluster(context);
  },
});
