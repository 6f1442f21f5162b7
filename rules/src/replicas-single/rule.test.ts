import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (replicas: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
spec:${replicas}
  serviceName: redis-headless
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: 3 replicas", code: readFixture("replicas-single", "quiet.yaml") },
    { name: "scaled to zero on purpose", code: statefulSet("\n  replicas: 0") },
    {
      name: "an autoscaler owns the count",
      code: `${statefulSet("")}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: redis
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: StatefulSet, name: redis }
  minReplicas: 3
  maxReplicas: 5
`,
    },
    { name: "a Deployment is not a StatefulSet", code: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 1\n` },
  ],
  invalid: [
    {
      name: "fixture: replicas 1",
      code: readFixture("replicas-single", "fires.yaml"),
      errors: [
        {
          messageId: "single",
          line: 7,
          column: 13,
          endLine: 7,
          endColumn: 14,
          message:
            'StatefulSet "redis" runs a single replica, so there is no standby when its node fails or it is restarted; run at least 3 replicas with replication if it must stay available.',
        },
      ],
    },
    {
      name: "replicas unset: reported at the spec key",
      code: statefulSet(""),
      errors: [{ messageId: "unset", line: 5, column: 1, endLine: 5, endColumn: 5, data: { name: "redis" } }],
    },
    {
      name: "an autoscaler of another StatefulSet does not count",
      code: `${statefulSet("\n  replicas: 1")}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: other
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: StatefulSet, name: redis-replicas }
  maxReplicas: 5
`,
      errors: [{ messageId: "single", line: 6, column: 13 }],
    },
  ],
});
