import { RuleTester } from "@statelint/core/testing";
import { cnpg, readFixture } from "../test-support.js";
import rule from "./rule.js";

const deployment = (namespace: string, podSpec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: ${namespace}
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
${podSpec}`;

const podSpec = `      containers:
        - name: api
          image: ghcr.io/acme/api:2.3.0
          envFrom:
            - secretRef:
                name: api-env
      volumes:
        - name: tls
          secret:
            secretName: api-tls
        - name: bundle
          projected:
            sources:
              - secret:
                  name: ca-bundle
                  optional: true
              - configMap:
                  name: kube-root-ca.crt
`;

new RuleTester().run(rule, {
  valid: [
    { name: "CloudNativePG superuserSecret in the bundle", code: cnpg("  superuserSecret:\n    name: pg-superuser\n", "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: pg-superuser\ntype: kubernetes.io/basic-auth\n") },
    { name: "fixture: ExternalSecret target, SealedSecret and an optional reference", code: readFixture("secret-ref-unresolved", "quiet.yaml") },
    {
      name: "a cert-manager Certificate and a SealedSecret whose template renames the Secret",
      files: {
        "deploy.yaml": deployment("prod", podSpec),
        "secrets.yaml": `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: api
  namespace: prod
spec:
  secretName: api-tls
  dnsNames: [api.prod.svc]
  issuerRef: { name: internal-ca, kind: ClusterIssuer }
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: api-env-sealed
  namespace: prod
spec:
  encryptedData:
    DATABASE_URL: AgBv1xq
  template:
    metadata:
      name: api-env
`,
      },
    },
  ],
  invalid: [
    {
      name: "fixture: the seed's postgres-secret is not in the bundle",
      code: readFixture("secret-ref-unresolved", "fires.yaml"),
      errors: [
        {
          messageId: "missingSecret",
          line: 34,
          column: 25,
          endLine: 34,
          endColumn: 40,
          message:
            'Secret "postgres-secret" read by a secretKeyRef of StatefulSet "postgres" is not in the bundle (namespace "default"); add it, a SealedSecret or an ExternalSecret, or mark the reference optional.',
        },
      ],
    },
    {
      name: "Secrets defined in another namespace do not count",
      files: {
        "deploy.yaml": deployment("prod", podSpec),
        "secrets.yaml": `apiVersion: v1
kind: Secret
metadata:
  name: api-env
  namespace: staging
stringData: { DATABASE_URL: x }
`,
      },
      errors: [
        { messageId: "missingSecret", line: 18, column: 23, file: "deploy.yaml", data: { name: "api-env", via: "envFrom", kind: "Deployment", workload: "api", namespace: "prod" } },
        { messageId: "missingSecret", line: 22, column: 25, file: "deploy.yaml", data: { name: "api-tls", via: "a secret volume", kind: "Deployment", workload: "api", namespace: "prod" } },
      ],
    },
    {
      name: "CloudNativePG superuserSecret and backup credentials missing",
      code: cnpg("  superuserSecret:\n    name: pg-superuser\n  backup:\n    barmanObjectStore:\n      destinationPath: s3://pg/\n      s3Credentials:\n        accessKeyId: { name: aws-creds, key: ACCESS_KEY_ID }\n        secretAccessKey: { name: aws-creds, key: ACCESS_SECRET_KEY }\n"),
      errors: [
        {
          messageId: "operatorMissingSecret",
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 23,
          message:
            'Secret "pg-superuser" (superuser credentials, spec.superuserSecret.name) of CloudNativePG Cluster "pg" is not in the bundle (namespace "default"), and CloudNativePG does not create it; add it, a SealedSecret or an ExternalSecret.',
        },
        { messageId: "operatorMissingSecret", line: 12, column: 30, data: { name: "aws-creds", purpose: "backup credentials", field: "spec.backup.barmanObjectStore.s3Credentials.accessKeyId.name", cluster: 'CloudNativePG Cluster "pg"', operator: "CloudNativePG", namespace: "default" } },
        { messageId: "operatorMissingSecret", line: 13, column: 34 },
      ],
    },
  ],
});
