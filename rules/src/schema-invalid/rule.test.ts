import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const service = `apiVersion: v1
kind: Service
metadata:
  name: 1postgres
spec:
  type: LoadBalancr
  ports:
    - port: "5432"
      protocol: TCP
      name: pg
`;

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: Web_1
  labels:
    version: 1.0
  creationTimestamp: null
spec:
  hostNetwork: yes
  enableServiceLinks: "yes"
  nodeSelector: null
  containers:
    - image: "nginx:1.27"
      ports:
        - containerPort: 80
          name: this-name-is-too-long
      resources:
        limits:
          memory: 512mb
          cpu: 2
      env: {}
`;

const widgets = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: a
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: b
`;

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
              required: [schedule]
              properties:
                schedule: { type: string }
                keep: { type: integer, minimum: 1 }
                port: { x-kubernetes-int-or-string: true }
                target:
                  type: object
                  properties:
                    claim: { type: string }
                    snapshot: { type: string }
                  oneOf:
                    - required: [claim]
                    - required: [snapshot]
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: the same StatefulSet with valid values", code: readFixture("schema-invalid", "quiet.yaml") },
    {
      name: "nulls, YAML 1.1 booleans, int-or-string, numeric quantities and an omitted serviceName are all accepted",
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  creationTimestamp: null
  annotations:
spec:
  selector: { matchLabels: { app: db } }
  updateStrategy:
    rollingUpdate: { maxUnavailable: 50% }
  template:
    metadata: { labels: { app: db } }
    spec:
      hostNetwork: no
      containers:
        - name: db
          image: "postgres:16"
          imagePullPolicy: ""
          resources: { requests: { cpu: 0.5, memory: 1e9 } }
          readinessProbe: { tcpSocket: { port: 5432 } }
          livenessProbe: { httpGet: { port: http } }
`,
    },
    {
      name: "SOPS-encrypted values (ENC[…] where an integer belongs) are not type errors",
      code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: ENC[AES256_GCM,data:Mw==,iv:x,tag:y,type:int]\n  selector: { matchLabels: { app: app } }\n  template:\n    metadata: { labels: { app: app } }\n    spec:\n      containers: [{ name: app, image: \"app:1.0\" }]\nsops:\n  version: 3.9.0\n",
    },
    { name: "the ignoreMissingSchemas option silences kinds without a schema", code: widgets, options: { ignoreMissingSchemas: true } },
    { name: "a removed apiVersion of a built-in kind is deprecated-api's business", code: "apiVersion: apps/v1beta1\nkind: StatefulSet\nmetadata:\n  name: old\n" },
    { name: "a custom resource that satisfies its CustomResourceDefinition", code: `${crd}---\napiVersion: example.com/v1\nkind: Backup\nmetadata:\n  name: nightly\nspec:\n  schedule: "@daily"\n  keep: 7\n  port: http\n  target: { claim: data-0 }\n` },
  ],
  invalid: [
    {
      name: "fixture: missing selector, quoted replicas, bad enums and a GB quantity",
      code: readFixture("schema-invalid", "fires.yaml"),
      errors: [
        { messageId: "missingRequired", line: 5, column: 1, endLine: 5, endColumn: 5, message: "`selector` is required in `spec` (StatefulSetSpec) but missing; add it." },
        { messageId: "quotedNumber", line: 7, column: 13, endLine: 7, endColumn: 16, message: '`spec.replicas` must be an integer, but it is the string "3"; remove the quotes.' },
        { messageId: "badEnumSuggestion", line: 8, column: 24, endColumn: 32, data: { path: "spec.podManagementPolicy", value: "parallel", suggestion: "Parallel", allowed: "OrderedReady, Parallel" } },
        { messageId: "badEnumSuggestion", line: 17, column: 28, endColumn: 34, data: { path: "spec.template.spec.containers[0].imagePullPolicy", value: "Alwyas", suggestion: "Always", allowed: "Always, IfNotPresent, Never" } },
        { messageId: "badEnumSuggestion", line: 20, column: 25, endColumn: 28, data: { path: "spec.template.spec.containers[0].ports[0].protocol", value: "tcp", suggestion: "TCP", allowed: "TCP, UDP, SCTP" } },
        {
          messageId: "badQuantitySuggestion",
          line: 28,
          column: 22,
          endLine: 28,
          endColumn: 26,
          message: '`spec.volumeClaimTemplates[0].spec.resources.requests.storage` is "10GB", which is not a Kubernetes quantity; did you mean "10Gi"?',
        },
      ],
    },
    {
      name: "Service: DNS-1035 name, enum typo, quoted port",
      code: service,
      errors: [
        {
          messageId: "badName",
          line: 4,
          column: 9,
          endColumn: 18,
          message:
            '`metadata.name` is "1postgres", which is not a DNS-1035 label (at most 63 lowercase letters, digits and \'-\', starting with a letter and ending with a letter or digit); Kubernetes rejects it.',
        },
        { messageId: "badEnumSuggestion", line: 6, column: 9, endColumn: 20, data: { path: "spec.type", value: "LoadBalancr", suggestion: "LoadBalancer", allowed: "ClusterIP, NodePort, LoadBalancer, ExternalName" } },
        { messageId: "quotedNumber", line: 8, column: 13, endColumn: 19, data: { path: "spec.ports[0].port", expected: "an integer", value: "5432" } },
      ],
    },
    {
      name: "Pod: name, unquoted label, quoted boolean, missing container name, port name, quantity and a map for a list",
      code: pod,
      errors: [
        { messageId: "badName", line: 4, column: 9, endColumn: 14 },
        { messageId: "unquotedString", line: 6, column: 14, endColumn: 17, message: '`metadata.labels.version` must be a string, but it is the number 1.0; quote it: "1.0".' },
        { messageId: "wrongType", line: 10, column: 23, endColumn: 28, message: '`spec.enableServiceLinks` must be true or false, but it is the string "yes".' },
        { messageId: "missingRequired", line: 13, column: 7, endLine: 13, endColumn: 26, data: { field: "name", where: "`spec.containers[0]` (Container)" } },
        { messageId: "badName", line: 16, column: 17, endColumn: 38 },
        { messageId: "badQuantitySuggestion", line: 19, column: 19, data: { path: "spec.containers[0].resources.limits.memory", value: "512mb", suggestion: "512Mi" } },
        { messageId: "wrongType", line: 21, column: 7, endColumn: 10, message: "`spec.containers[0].env` must be a list, but it is a mapping." },
      ],
    },
    {
      name: "one info per kind without a schema, on its first object",
      code: widgets,
      errors: [
        {
          messageId: "noSchema",
          severity: "info",
          line: 1,
          column: 13,
          endColumn: 27,
          message: "statelint has no schema for example.com/v1 Widget, so objects of this kind are not validated; lint its CustomResourceDefinition with it, or set ignoreMissingSchemas.",
        },
      ],
    },
    {
      name: "custom resource: missing required field, value under its minimum, wrong type",
      code: `${crd}---\napiVersion: example.com/v1\nkind: Backup\nmetadata:\n  name: nightly\nspec:\n  keep: 0\n  port: [80]\n  target: { claim: data-0, snapshot: snap-1 }\n`,
      errors: [
        { messageId: "missingRequired", line: 37, column: 1, data: { field: "schedule", where: "`spec` (Backup spec)" } },
        { messageId: "invalidValue", line: 38, column: 9, message: "`spec.keep` must be >= 1, as the CustomResourceDefinition of Backup requires." },
        { messageId: "wrongType", line: 39, column: 3, message: "`spec.port` must be an integer or a string, but it is a list." },
        { messageId: "invalidValue", line: 40, column: 3, message: "`spec.target` must match exactly one of its alternatives (oneOf), as the CustomResourceDefinition of Backup requires." },
      ],
    },
    {
      name: "kubernetesVersion 1.29 selects the 1.29 schema, where PVC retention values were the same",
      kubernetesVersion: "1.29",
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  selector: { matchLabels: { app: db } }
  persistentVolumeClaimRetentionPolicy: { whenDeleted: Keep }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers: [{ name: db, image: "postgres:16" }]
`,
      errors: [{ messageId: "badEnum", line: 7, column: 56, data: { path: "spec.persistentVolumeClaimRetentionPolicy.whenDeleted", value: "Keep", allowed: "Retain, Delete" } }],
    },
  ],
});
