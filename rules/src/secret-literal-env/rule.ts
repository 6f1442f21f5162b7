import { ALL_CONTAINER_KINDS, childPath, containersOf, defineRule, envOf, podTemplateOf, POD_TEMPLATE_PATHS } from "@statelint/core";
import { isCredentialValue, NAME_PATTERN_OPTIONS, secretNameMatcher } from "../secret-patterns.js";

export type MessageIds = "literalSecret";

export interface Options {
  readonly namePatterns: readonly string[];
}

export default defineRule<MessageIds, Options>({
  id: "secret-literal-env",
  kinds: Object.keys(POD_TEMPLATE_PATHS),
  meta: {
    category: "secrets",
    severity: "error",
    description: "An environment variable with a secret-looking name has a literal value in the manifest.",
    rationale:
      "A password written as an env `value` (the seed's `POSTGRES_PASSWORD=supersecret123`) lives in Git history, in every copy of the manifest, " +
      "and in the object any reader of the namespace can `kubectl get`; rotating it means editing and redeploying the workload.",
    remediation:
      "Store the value in a Secret and read it with `valueFrom.secretKeyRef`, or mount the Secret and point the image at the file (`POSTGRES_PASSWORD_FILE`).",
    messages: {
      literalSecret:
        'Env var "{{name}}" of container "{{container}}" holds a literal secret; move it into a Secret and use valueFrom.secretKeyRef (or a *_FILE variable pointing at a mounted Secret).',
    },
    since: "0.1.0",
    sources: ["seed 003: Step 4, POSTGRES_PASSWORD=supersecret123", "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables"],
    ...NAME_PATTERN_OPTIONS,
  },
  check({ object, options, report }) {
    const template = podTemplateOf(object);
    if (!template) return;
    const isSecretName = secretNameMatcher(options.namePatterns);
    for (const container of containersOf(template, ALL_CONTAINER_KINDS)) {
      for (const env of envOf(container)) {
        if (!env.hasLiteralValue || !isSecretName(env.name) || !isCredentialValue(env.value)) continue;
        report({ messageId: "literalSecret", data: { name: env.name, container: container.name }, path: childPath(env.path, "value") });
      }
    }
  },
});
