import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const deployment = (env: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels: { app: app }
  template:
    metadata:
      labels: { app: app }
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/app:1.4.2
          env:
${env}`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: password from a secretKeyRef, exporter reading a file", code: readFixture("secret-literal-env", "quiet.yaml") },
    { name: "a *_FILE variable points at a mounted Secret", code: deployment("            - { name: POSTGRES_PASSWORD_FILE, value: /run/secrets/pw }\n") },
    { name: "a $(VAR) reference to another env var", code: deployment("            - { name: DB_PASSWORD, value: $(POSTGRES_PASSWORD) }\n") },
    { name: "Bitnami and MySQL switches", code: deployment('            - { name: ALLOW_EMPTY_PASSWORD, value: "yes" }\n            - { name: MYSQL_RANDOM_ROOT_PASSWORD, value: "yes" }\n') },
    { name: "AWS key id and an empty value", code: deployment('            - { name: AWS_ACCESS_KEY_ID, value: AKIAEXAMPLE }\n            - { name: API_TOKEN, value: "" }\n') },
    { name: "the Kubernetes docs' MySQL switch and a HuggingFace setting", code: deployment('            - { name: MYSQL_ALLOW_EMPTY_PASSWORD, value: "1" }\n            - { name: TOKENIZERS_PARALLELISM, value: "4" }\n') },
    { name: "PWD is the working directory", code: deployment("            - { name: PWD, value: /srv/app }\n") },
    { name: "a glued FILE suffix names a path (stolon's STKEEPER_PG_SU_PASSWORDFILE)", code: deployment("            - { name: STKEEPER_PG_SU_PASSWORDFILE, value: /etc/secrets/stolon/password }\n") },
    { name: "a non-secret name with a password-like value", code: deployment("            - { name: LOG_LEVEL, value: hunter2 }\n") },
  ],
  invalid: [
    {
      name: "fixture: the seed's POSTGRES_PASSWORD=supersecret123",
      code: readFixture("secret-literal-env", "fires.yaml"),
      errors: [
        {
          messageId: "literalSecret",
          line: 25,
          column: 22,
          endLine: 25,
          endColumn: 36,
          message:
            'Env var "POSTGRES_PASSWORD" of container "postgres" holds a literal secret; move it into a Secret and use valueFrom.secretKeyRef (or a *_FILE variable pointing at a mounted Secret).',
        },
      ],
    },
    {
      name: "PGPASSWORD in an init container, DB_PASS and a token in a CronJob",
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: pg-dump
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
            - name: wait
              image: postgres:16.4
              env:
                - name: PGPASSWORD
                  value: hunter2
          containers:
            - name: dump
              image: postgres:16.4
              env:
                - name: DB_PASS
                  value: "s3cr3t"
                - name: slackWebhookToken
                  value: xoxb-1234
`,
      errors: [
        { messageId: "literalSecret", line: 17, column: 26, data: { name: "PGPASSWORD", container: "wait" } },
        { messageId: "literalSecret", line: 23, column: 26, data: { name: "DB_PASS", container: "dump" } },
        { messageId: "literalSecret", line: 25, column: 26, data: { name: "slackWebhookToken", container: "dump" } },
      ],
    },
    {
      name: "a reference with literal text around it still leaks the text",
      code: deployment("            - { name: REDIS_PASSWORD, value: $(PREFIX)hunter2 }\n"),
      errors: [{ messageId: "literalSecret", line: 16, column: 46, endColumn: 62 }],
    },
    {
      name: "namePatterns option adds a company-specific name",
      code: deployment("            - { name: LICENSE_BLOB, value: abc123 }\n            - { name: DB_PASSWORD, value: abc123 }\n"),
      options: { namePatterns: ["^LICENSE_BLOB$"] },
      errors: [{ messageId: "literalSecret", line: 16, column: 44 }],
    },
    {
      name: "JSON manifest",
      filename: "pod.json",
      code: `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
 "spec": {"containers": [{"name": "c", "image": "redis:7.2", "env": [{"name": "REDIS_PASSWORD", "value": "pw-123"}]}]}}
`,
      errors: [{ messageId: "literalSecret", line: 2, column: 106, endColumn: 114 }],
    },
  ],
});
