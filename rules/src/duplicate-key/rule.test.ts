import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: requests and limits in one resources block", code: readFixture("duplicate-key", "quiet.yaml") },
    {
      name: "the same key in sibling mappings and in other documents",
      code: `apiVersion: v1
kind: Service
metadata:
  name: postgres
  labels: { app: postgres }
spec:
  selector: { app: postgres }
---
apiVersion: v1
kind: Service
metadata:
  name: postgres-lb
`,
    },
    {
      name: "merge keys may repeat keys of the anchor they pull in",
      code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  base: &base { max_connections: "100", shared_buffers: 128MB }
  prod:
    <<: *base
    shared_buffers: 2GB
`,
    },
  ],
  invalid: [
    {
      name: "fixture: a second resources block replaces the requests",
      code: readFixture("duplicate-key", "fires.yaml"),
      errors: [
        {
          messageId: "duplicateKey",
          line: 24,
          column: 11,
          endLine: 24,
          endColumn: 20,
          related: ["manifest.yaml:19:11"],
          message: 'Key "resources" appears a second time in this mapping; Kubernetes keeps only the last value and silently drops the first. Merge the two or remove one.',
        },
      ],
    },
    {
      name: "an env var listed twice keeps the last value, flow and quoted keys too",
      code: `apiVersion: v1
kind: ConfigMap
metadata: { name: pg, "name": pg-2 }
data:
  PGDATA: /var/lib/postgresql/data
  PGDATA: /var/lib/postgresql/data/pgdata
`,
      errors: [
        { messageId: "duplicateKey", line: 3, column: 23, related: ["manifest.yaml:3:13"], data: { key: "name" } },
        { messageId: "duplicateKey", line: 6, column: 3, related: ["manifest.yaml:5:3"], data: { key: "PGDATA" } },
      ],
    },
  ],
});
