import { asRecord, defineRule } from "@statelint/core";
import { findCredential, isCredentialValue, NAME_PATTERN_OPTIONS, secretNameMatcher } from "../secret-patterns.js";

export type MessageIds = "secretKey" | "credentialValue";

export interface Options {
  readonly namePatterns: readonly string[];
}

/** Keys that name a file mounted from the ConfigMap: their names say nothing, their content is scanned instead. */
const FILE_KEY = /\.(conf|cnf|cfg|ini|ya?ml|json|properties|sh|bash|sql|xml|toml|txt|env|hcl|lua|js|py|rb|pem|crt|key|cert|tpl|j2)$/i;

export default defineRule<MessageIds, Options>({
  id: "secret-in-configmap",
  kinds: ["ConfigMap"],
  meta: {
    category: "secrets",
    severity: "error",
    description: "A ConfigMap holds a secret: a secret-looking key with a literal value, or a credential inside a value.",
    rationale:
      "ConfigMaps are meant to be readable: RBAC roles, dashboards and `kubectl describe` show them, they are never encrypted at rest, " +
      "and tools print them in logs and diffs. A password, private key or cloud key there is exposed to everyone who can read config.",
    remediation:
      "Move the credential to a Secret (or an ExternalSecret/SealedSecret) and reference it from the pod with `secretKeyRef` or a secret volume; " +
      "in config files, read it from an environment variable or an included file.",
    messages: {
      secretKey:
        'ConfigMap "{{configMap}}" key "{{key}}" looks like a secret and holds a literal value; ConfigMaps are neither access-restricted nor encrypted, so move it to a Secret.',
      credentialValue: 'ConfigMap "{{configMap}}" key "{{key}}" contains {{what}}; move the credential to a Secret and reference it from there.',
    },
    since: "0.1.0",
    sources: ["seed 003: ConfigMap postgres-config next to Secret postgres-secret", "https://kubernetes.io/docs/concepts/configuration/configmap/"],
    ...NAME_PATTERN_OPTIONS,
  },
  check({ object, options, report }) {
    if (object.group !== "") return;
    const isSecretName = secretNameMatcher(options.namePatterns);
    for (const [key, value] of Object.entries(asRecord(object.raw["data"]))) {
      const data = { configMap: object.name, key };
      if (!FILE_KEY.test(key) && isSecretName(key) && isCredentialValue(value)) {
        report({ messageId: "secretKey", data, path: ["data", key], at: "key" });
        continue;
      }
      if (typeof value !== "string") continue;
      const credential = findCredential(value, isSecretName);
      if (!credential) continue;
      const what = value.includes("\n") ? `${credential.detail} on line ${credential.line} of its value` : credential.detail;
      report({ messageId: "credentialValue", data: { ...data, what }, path: ["data", key], at: "value" });
    }
  },
});
