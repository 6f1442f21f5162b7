import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const fires = readFixture("configmap-ref-unresolved", "fires.yaml");

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: the ConfigMap is in the bundle (the missing Secret is another rule's)", code: readFixture("configmap-ref-unresolved", "quiet.yaml") },
    {
      name: "kube-root-ca.crt exists in every namespace; optional references may be absent",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: sh
      image: busybox:1.36
      envFrom:
        - configMapRef: { name: debug-flags, optional: true }
  volumes:
    - name: kube-api-access
      projected:
        sources:
          - serviceAccountToken: { path: token }
          - configMap:
              name: kube-root-ca.crt
              items: [{ key: ca.crt, path: ca.crt }]
`,
    },
  ],
  invalid: [
    {
      name: "fixture: a misspelt ConfigMap name and a missing key",
      code: fires,
      errors: [
        {
          messageId: "missingConfigMap",
          line: 29,
          column: 23,
          endLine: 29,
          endColumn: 36,
          severity: "warning",
          message:
            'ConfigMap "postgres-conf" read by envFrom of StatefulSet "postgres" is not in the bundle (namespace "default"); add it or mark the reference optional.',
        },
        {
          messageId: "missingKey",
          line: 35,
          column: 24,
          severity: "error",
          related: ["manifest.yaml:5:1"],
          data: { name: "postgres-config", key: "POSTGRES_DATABASE", via: "a configMapKeyRef", keys: "it defines POSTGRES_DB, POSTGRES_USER" },
        },
      ],
    },
    {
      name: "a level set by the user applies to the missing key too",
      code: fires,
      level: "info",
      errors: [
        { messageId: "missingConfigMap", line: 29, column: 23, severity: "info" },
        { messageId: "missingKey", line: 35, column: 24, severity: "info" },
      ],
    },
  ],
});
