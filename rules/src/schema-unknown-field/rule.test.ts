import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: backups.example.com
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Backup, plural: backups }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                schedule: { type: string }
                retention: { type: integer }
                extra:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: correctly spelled fields", code: readFixture("schema-unknown-field", "quiet.yaml") },
    {
      name: "maps of free keys (labels, annotations, resources, configmap data) take any key",
      code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: conf
  labels: { readinessprobe: "x" }
  annotations: { volumeClaimTemplate: "y" }
data:
  anyKey: value
`,
    },
    {
      name: "custom resource fields under x-kubernetes-preserve-unknown-fields are kept",
      code: `${crd}---
apiVersion: example.com/v1
kind: Backup
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  extra:
    whatever: true
`,
    },
    {
      name: "a SOPS-encrypted manifest: its sops block and ENC[…] values are decrypted before the API sees them",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: ENC[AES256_GCM,data:Mw==,iv:x,tag:y,type:int]
  selector: { matchLabels: { app: app } }
  template:
    metadata: { labels: { app: app } }
    spec:
      containers: [{ name: app, image: "app:1.0" }]
sops:
  mac: ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]
  version: 3.9.0
`,
    },
  ],
  invalid: [
    {
      name: "a top-level key with no close match",
      code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: conf
spec:
  key: value
`,
      errors: [{ messageId: "unknownField", line: 5, column: 1, endColumn: 5, message: "`spec` is not a field of ConfigMap (at the top level); Kubernetes drops it silently. Remove it or fix its name." }],
    },
    {
      name: "fixture: the key itself is reported, with the closest field name",
      code: readFixture("schema-unknown-field", "fires.yaml"),
      errors: [
        { messageId: "unknownFieldSuggestion", line: 6, column: 3, endLine: 6, endColumn: 12, data: { field: "clusterIp", type: "ServiceSpec", suggestion: "clusterIP" } },
        {
          messageId: "unknownFieldSuggestion",
          line: 32,
          column: 11,
          endLine: 32,
          endColumn: 25,
          message: "`readinessprobe` is not a field of Container; did you mean `readinessProbe`? Kubernetes drops unknown fields silently.",
        },
        { messageId: "unknownFieldSuggestion", line: 38, column: 3, endLine: 38, endColumn: 22, data: { field: "volumeClaimTemplate", type: "StatefulSetSpec", suggestion: "volumeClaimTemplates" } },
      ],
    },
    {
      name: "unknown field deep in a volumeClaimTemplate, and one with no close match",
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers: [{ name: db, image: "postgres:16" }]
  volumeClaimTemplates:
    - metadata: { name: data }
      spec:
        accessModes: [ReadWriteOnce]
        storageClass: fast
        resources: { requests: { storage: 1Gi } }
        backupPolicy: nightly
`,
      errors: [
        { messageId: "unknownFieldSuggestion", line: 16, column: 9, endLine: 16, endColumn: 21, data: { field: "storageClass", type: "PersistentVolumeClaimSpec", suggestion: "storageClassName" } },
        {
          messageId: "unknownField",
          line: 18,
          column: 9,
          message: "`backupPolicy` is not a field of PersistentVolumeClaimSpec (at `spec.volumeClaimTemplates[0].spec`); Kubernetes drops it silently. Remove it or fix its name.",
        },
      ],
    },
    {
      name: "a JSON manifest reports the quoted key",
      filename: "svc.json",
      code: `{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "db"}, "spec": {"ports": [{"port": 5432, "targetport": 5432}]}}`,
      errors: [{ messageId: "unknownFieldSuggestion", line: 1, column: 103, endColumn: 115, data: { field: "targetport", type: "ServicePort", suggestion: "targetPort" } }],
    },
    {
      name: "custom resource validated against its CustomResourceDefinition in the bundle",
      code: `${crd}---
apiVersion: example.com/v1
kind: Backup
metadata:
  name: nightly
spec:
  schedul: "0 3 * * *"
`,
      errors: [{ messageId: "unknownFieldSuggestion", line: 31, column: 3, data: { field: "schedul", type: "Backup spec (per its CustomResourceDefinition)", suggestion: "schedule" } }],
    },
    {
      name: "a kubernetesVersion newer than the shipped schemas (through the library API) turns the finding into a hint",
      kubernetesVersion: "1.37",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: "busybox:1.36"
      stopSignal: SIGUSR1
`,
      errors: [
        {
          messageId: "unknownFieldNewerRelease",
          severity: "info",
          line: 9,
          column: 7,
          message: "`stopSignal` is not a field of Container in Kubernetes 1.36, the newest schema statelint ships; if Kubernetes 1.37 added it, ignore this.",
        },
      ],
    },
  ],
});
