import { asRecord, defineRule, type Plain } from "@statelint/core";
import { isReferenceOnly } from "../secret-patterns.js";

export type MessageIds = "plainData" | "plainStringData";

/** A value SOPS encrypted in place: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]`. */
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,/;

/** Whether a value still has to be filled in by a later step (envsubst, CI) rather than holding the secret. */
function isCommittedValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const text = String(value).trim();
  return text !== "" && !(text.startsWith("ENC[") && SOPS_VALUE.test(text)) && !isReferenceOnly(text);
}

/** How many values of a `data` or `stringData` map are committed, counted in place: every Secret is asked. */
function committedValues(values: Plain): number {
  let count = 0;
  for (const key in values) if (isCommittedValue(values[key])) count++;
  return count;
}

const FIELDS = [["data", "plainData"], ["stringData", "plainStringData"]] as const;

export default defineRule<MessageIds>({
  id: "secret-plaintext-manifest",
  kinds: ["Secret"],
  meta: {
    category: "secrets",
    severity: "warning",
    description: "A Secret with data or stringData is committed in plain (unencrypted) form.",
    rationale:
      "`data` is only base64-encoded and `stringData` is plain text: anyone who can read the repository or a CI log can read the credential, " +
      "and it stays in Git history after rotation. The seed's `postgres-secret` is applied from the same file as the StatefulSet.",
    remediation:
      "Encrypt the file with SOPS, or commit a SealedSecret or an ExternalSecret instead and keep the value in a secret store; rotate any credential that was committed.",
    messages: {
      plainData: 'Secret "{{secret}}" commits {{count}} key(s) in data, which is base64 encoding, not encryption; encrypt the file with SOPS or replace it with a SealedSecret or ExternalSecret.',
      plainStringData: 'Secret "{{secret}}" commits {{count}} key(s) in plain text in stringData; encrypt the file with SOPS or replace it with a SealedSecret or ExternalSecret.',
    },
    since: "0.1.0",
    sources: ["seed 003: Secret postgres-secret applied with the StatefulSet", "https://kubernetes.io/docs/concepts/security/secrets-good-practices/"],
    defaultOptions: {},
  },
  check({ object, report }) {
    if (object.group !== "") return;
    // SOPS keeps its metadata in a top-level `sops` key of every file it encrypted.
    if (object.raw["sops"] !== undefined) return;
    for (const [field, messageId] of FIELDS) {
      const count = committedValues(asRecord(object.raw[field]));
      if (count === 0) continue;
      report({ messageId, data: { secret: object.name, count }, path: [field], at: "key" });
    }
  },
});
