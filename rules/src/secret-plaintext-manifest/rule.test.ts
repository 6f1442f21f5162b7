import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: SOPS-encrypted Secret and a SealedSecret", code: readFixture("secret-plaintext-manifest", "quiet.yaml") },
    {
      name: "a token Secret with no data, and an empty Opaque Secret",
      code: `apiVersion: v1
kind: Secret
metadata:
  name: ci-token
  annotations:
    kubernetes.io/service-account.name: ci
type: kubernetes.io/service-account-token
---
apiVersion: v1
kind: Secret
metadata:
  name: filled-later
data: {}
`,
    },
    {
      name: "values left for envsubst in CI",
      code: `apiVersion: v1
kind: Secret
metadata:
  name: postgres-secret
stringData:
  POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}
`,
    },
    {
      name: "ExternalSecret is another kind",
      code: `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: postgres-secret
spec:
  secretStoreRef: { name: vault, kind: ClusterSecretStore }
  data:
    - secretKey: POSTGRES_PASSWORD
      remoteRef: { key: prod/postgres, property: password }
`,
    },
  ],
  invalid: [
    {
      name: "fixture: the seed's postgres-secret in base64",
      code: readFixture("secret-plaintext-manifest", "fires.yaml"),
      errors: [
        {
          messageId: "plainData",
          line: 8,
          column: 1,
          endLine: 8,
          endColumn: 5,
          message:
            'Secret "postgres-secret" commits 1 key(s) in data, which is base64 encoding, not encryption; encrypt the file with SOPS or replace it with a SealedSecret or ExternalSecret.',
        },
      ],
    },
    {
      name: "data and stringData, one SOPS value among plain ones",
      code: `apiVersion: v1
kind: Secret
metadata:
  name: mysql
  namespace: prod
data:
  mysql-root-password: cjAwdA==
  mysql-password: ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]
stringData:
  mysql-replication-password: repl
  mysql-user: app
`,
      errors: [
        { messageId: "plainData", line: 6, column: 1, data: { secret: "mysql", count: 1 } },
        { messageId: "plainStringData", line: 9, column: 1, data: { secret: "mysql", count: 2 } },
      ],
    },
  ],
});
