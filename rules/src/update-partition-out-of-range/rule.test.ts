import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (spec: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
spec:
  serviceName: postgres
${spec}`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: partition 2 of 3 (a canary on the last pod)", code: readFixture("update-partition-out-of-range", "quiet.yaml") },
    { name: "partition 0", code: statefulSet("  replicas: 3\n  updateStrategy:\n    rollingUpdate:\n      partition: 0\n") },
    { name: "OnDelete ignores the partition", code: statefulSet("  replicas: 1\n  updateStrategy:\n    type: OnDelete\n    rollingUpdate:\n      partition: 5\n") },
    { name: "scaled to zero", code: statefulSet("  replicas: 0\n  updateStrategy:\n    rollingUpdate:\n      partition: 0\n") },
    {
      name: "replicas left to an autoscaler",
      code:
        statefulSet("  updateStrategy:\n    rollingUpdate:\n      partition: 2\n") +
        `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: postgres-readers
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: StatefulSet, name: postgres }
  minReplicas: 3
  maxReplicas: 6
`,
    },
  ],
  invalid: [
    {
      name: "fixture: partition equal to replicas",
      code: readFixture("update-partition-out-of-range", "fires.yaml"),
      errors: [
        {
          messageId: "outOfRange",
          line: 11,
          column: 18,
          endLine: 11,
          endColumn: 19,
          message: 'StatefulSet "postgres" has rollingUpdate.partition 3 but 3 replica(s), so no pod is ever updated; set the partition below 3 (0 updates all pods).',
        },
      ],
    },
    {
      name: "replicas unset defaults to 1",
      code: statefulSet("  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: 1\n"),
      errors: [
        {
          messageId: "outOfRange",
          line: 10,
          column: 18,
          message:
            'StatefulSet "postgres" has rollingUpdate.partition 1 but 1 replica(s) (replicas is unset and defaults to 1), so no pod is ever updated; set the partition below 1 (0 updates all pods).',
        },
      ],
    },
    {
      name: "a partition written as a string, above replicas",
      code: statefulSet('  replicas: 2\n  updateStrategy:\n    rollingUpdate:\n      partition: "5"\n'),
      errors: [{ messageId: "outOfRange", line: 10, column: 18, data: { name: "postgres", partition: 5, replicas: 2, defaulted: "" } }],
    },
  ],
});
