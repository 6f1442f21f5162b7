import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: the Secret is mounted and read through POSTGRES_PASSWORD_FILE", code: readFixture("secret-env-from", "quiet.yaml") },
    {
      name: "single keys through secretKeyRef",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: ghcr.io/acme/app:1.0.0
      env:
        - name: DB_PASSWORD
          valueFrom: { secretKeyRef: { name: db, key: password } }
`,
    },
  ],
  invalid: [
    {
      name: "fixture: envFrom secretRef on the postgres container",
      code: readFixture("secret-env-from", "fires.yaml"),
      errors: [
        {
          messageId: "envFromSecret",
          line: 23,
          column: 23,
          endLine: 23,
          endColumn: 38,
          message:
            'Container "postgres" imports every key of Secret "postgres-secret" as environment variables; mount the Secret as a file or pick the keys it needs with secretKeyRef.',
        },
      ],
    },
    {
      name: "init container of a CronJob",
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
            - name: fetch
              image: ghcr.io/acme/fetch:1.0.0
              envFrom: [{ secretRef: { name: s3-credentials } }]
          containers:
            - name: dump
              image: postgres:16.4
`,
      errors: [{ messageId: "envFromSecret", line: 15, column: 46, data: { container: "fetch", name: "s3-credentials" } }],
    },
  ],
});
