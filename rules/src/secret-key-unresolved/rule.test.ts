import { RuleTester } from "@statelint/core/testing";
import { cnpg, readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (podSpec: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mysql
spec:
  serviceName: mysql
  selector:
    matchLabels: { app: mysql }
  template:
    metadata:
      labels: { app: mysql }
    spec:
${podSpec}`;

new RuleTester().run(rule, {
  valid: [
    { name: "CloudNativePG backup credentials with both keys", code: cnpg("  backup:\n    barmanObjectStore:\n      destinationPath: s3://pg/\n      s3Credentials:\n        accessKeyId: { name: aws-creds, key: ACCESS_KEY_ID }\n", "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: aws-creds\nstringData:\n  ACCESS_KEY_ID: x\n") },
    { name: "fixture: matching key, and an ExternalSecret whose keys come from dataFrom", code: readFixture("secret-key-unresolved", "quiet.yaml") },
    {
      name: "an optional key and a Secret absent from the bundle (secret-ref-unresolved's concern)",
      code: `apiVersion: v1
kind: Secret
metadata:
  name: mysql
stringData: { mysql-root-password: r }
---
${statefulSet(`      containers:
        - name: mysql
          image: mysql:8.4
          env:
            - name: MYSQL_PASSWORD
              valueFrom:
                secretKeyRef: { name: mysql, key: mysql-password, optional: true }
            - name: BACKUP_KEY
              valueFrom:
                secretKeyRef: { name: backup, key: key }
`)}`,
    },
  ],
  invalid: [
    {
      name: "fixture: the Secret has 'password', the pod reads 'POSTGRES_PASSWORD'",
      code: readFixture("secret-key-unresolved", "fires.yaml"),
      errors: [
        {
          messageId: "missingKey",
          line: 32,
          column: 24,
          endLine: 32,
          endColumn: 41,
          related: ["manifest.yaml:6:1"],
          message:
            'Secret "postgres-secret" has no key "POSTGRES_PASSWORD" read by a secretKeyRef (it defines password); the container will not start until the key exists or the reference is fixed.',
        },
      ],
    },
    {
      name: "SealedSecret encryptedData, ExternalSecret data list and volume items",
      files: {
        "secrets.yaml": `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: mysql
spec:
  encryptedData:
    mysql-root-password: AgBx
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: mysql-tls-sync
spec:
  secretStoreRef: { name: vault, kind: ClusterSecretStore }
  target: { name: mysql-tls }
  data:
    - secretKey: tls.crt
      remoteRef: { key: mysql/tls, property: crt }
`,
        "sts.yaml": statefulSet(`      containers:
        - name: mysql
          image: mysql:8.4
          env:
            - name: MYSQL_ROOT_PASSWORD
              valueFrom:
                secretKeyRef: { name: mysql, key: mysql-root-pasword }
      volumes:
        - name: tls
          secret:
            secretName: mysql-tls
            items:
              - key: tls.crt
                path: server.crt
              - key: tls.key
                path: server.key
`),
      },
      errors: [
        { messageId: "missingKey", file: "sts.yaml", line: 19, column: 51, related: ["secrets.yaml:6:3"], data: { name: "mysql", key: "mysql-root-pasword", via: "a secretKeyRef", keys: "it defines mysql-root-password" } },
        { messageId: "missingKey", file: "sts.yaml", line: 27, column: 22, related: ["secrets.yaml:16:3"], data: { name: "mysql-tls", key: "tls.key", via: "a secret volume", keys: "it defines tls.crt" } },
      ],
    },
    {
      name: "CloudNativePG backup credentials naming a key the Secret lacks",
      code: cnpg("  backup:\n    barmanObjectStore:\n      destinationPath: s3://pg/\n      s3Credentials:\n        accessKeyId: { name: aws-creds, key: ACCESS_KEY }\n", "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: aws-creds\nstringData:\n  ACCESS_KEY_ID: x\n"),
      errors: [
        {
          messageId: "operatorMissingKey",
          line: 10,
          column: 46,
          endLine: 10,
          endColumn: 56,
          related: ["manifest.yaml:16:1"],
          message:
            'Secret "aws-creds" has no key "ACCESS_KEY" that CloudNativePG Cluster "pg" reads for backup credentials (spec.backup.barmanObjectStore.s3Credentials.accessKeyId.key; it defines ACCESS_KEY_ID); CloudNativePG cannot use it until the key exists or the reference is fixed.',
        },
      ],
    },
    {
      name: "InnoDB Cluster reads rootPassword from the Secret named by spec.secretName: reported at that name",
      code: `apiVersion: mysql.oracle.com/v2
kind: InnoDBCluster
metadata:
  name: mycluster
spec:
  secretName: mypwds
  instances: 3
  tlsUseSelfSigned: true
---
apiVersion: v1
kind: Secret
metadata:
  name: mypwds
stringData:
  rootUser: root
  rootHost: "%"
`,
      errors: [
        {
          messageId: "operatorMissingKey",
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 21,
          message:
            'Secret "mypwds" has no key "rootPassword" that InnoDBCluster "mycluster" reads for root credentials (spec.secretName; it defines rootHost, rootUser); MySQL Operator cannot use it until the key exists or the reference is fixed.',
        },
      ],
    },
  ],
});
