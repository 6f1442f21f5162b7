import { configReferencesOf, defineRule, formatFieldPath, OPERATOR_CLUSTER_KINDS, POD_TEMPLATE_PATHS, podTemplateOf, type ObjectContext } from "@statelint/core";
import { operatorClusterOf } from "../cluster-view.js";
import { describeKeys, describeVia, sourceOf } from "../secret-ref-unresolved/sources.js";

export type MessageIds = "missingKey" | "operatorMissingKey";

function checkPodTemplate({ object, bundle, report }: ObjectContext<MessageIds, object>): void {
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
}

/** Secret keys an operator cluster reads (CloudNativePG's object-store credentials name a key of a Secret). */
function checkOperatorCluster({ object, bundle, settings, report }: ObjectContext<MessageIds, object>): void {
  const view = operatorClusterOf(object, bundle, settings);
  for (const reference of view?.references ?? []) {
    if (!view || reference.kind !== "Secret" || reference.optional || reference.key === undefined) continue;
    // A key the operator reads by convention (MongoDB's `password`) has no field of its own: point at the Secret's name.
    const where = reference.keyAt ?? reference.at;
    const source = sourceOf(bundle, reference.at.object.namespace, { kind: "Secret", name: reference.name });
    if (!source || source === "implicit" || !source.keys || source.keys.has(reference.key)) continue;
    report({
      messageId: "operatorMissingKey",
      data: { name: reference.name, key: reference.key, purpose: reference.purpose, field: formatFieldPath(where.path), cluster: view.title, operator: view.operator ?? "", keys: describeKeys(source.keys) },
      object: where.object,
      path: where.path,
      related: [{ object: source.object, path: source.keysPath, message: `${source.object.kind} "${source.object.name}" defines the keys of Secret "${reference.name}" here` }],
    });
  }
}

export default defineRule<MessageIds>({
  id: "secret-key-unresolved",
  kinds: [...Object.keys(POD_TEMPLATE_PATHS), ...OPERATOR_CLUSTER_KINDS],
  meta: {
    category: "secrets",
    severity: "error",
    description: "A pod or an operator cluster reads a key that the referenced Secret in the bundle does not define.",
    rationale:
      "When the Secret exists but lacks the key, the kubelet refuses to start the container (CreateContainerConfigError) or to mount the volume; " +
      "a typo such as `POSTGRES_PASWORD` keeps the whole StatefulSet from coming up.",
    remediation: "Add the key to the Secret (or its SealedSecret/ExternalSecret), correct the key name in the reference, or set `optional: true` if the value may be absent.",
    messages: {
      missingKey: 'Secret "{{name}}" has no key "{{key}}" read by {{via}} ({{keys}}); the container will not start until the key exists or the reference is fixed.',
      operatorMissingKey:
        'Secret "{{name}}" has no key "{{key}}" that {{cluster}} reads for {{purpose}} ({{field}}; {{keys}}); {{operator}} cannot use it until the key exists or the reference is fixed.',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables"],
    defaultOptions: {},
  },
  check(context) {
    if (POD_TEMPLATE_PATHS[context.object.kind]) checkPodTemplate(context);
    else checkOperatorCluster(context);
  },
});
