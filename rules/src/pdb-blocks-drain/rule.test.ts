import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(name: string, replicas: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: ${name}
${replicas}  selector:
    matchLabels: { app: zk, member: ${name} }
  template:
    metadata:
      labels: { app: zk, member: ${name} }
    spec:
      containers:
        - name: zookeeper
          image: zookeeper:3.9
`;
}

function budget(rule: string, selector = "  selector:\n    matchLabels: { app: zk }\n", apiVersion = "policy/v1"): string {
  return `apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata:
  name: zk
spec:
${rule}${selector}---
`;
}

const zk = statefulSet("zk", "  replicas: 3\n");

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: minAvailable 2 of 3", code: readFixture("pdb-blocks-drain", "quiet.yaml") },
    { name: "maxUnavailable 1", code: budget("  maxUnavailable: 1\n") + zk },
    { name: "maxUnavailable 10% rounds up to one pod", code: budget('  maxUnavailable: "10%"\n') + zk },
    { name: "minAvailable 60% of 3 rounds up to 2", code: budget('  minAvailable: "60%"\n') + zk },
    { name: "a budget selecting no StatefulSet of the bundle", code: budget("  maxUnavailable: 0\n", "  selector:\n    matchLabels: { app: kafka }\n") + zk },
    { name: "a budget without a selector selects nothing", code: budget("  maxUnavailable: 0\n", "") + zk },
    { name: "a templated replica count is unknown", code: budget("  minAvailable: 3\n") + statefulSet("zk", '  replicas: "{{ .Values.replicas }}"\n') },
    {
      name: "minAvailable counted over every StatefulSet the budget selects",
      code: budget("  minAvailable: 3\n") + statefulSet("zk-a", "  replicas: 2\n") + "---\n" + statefulSet("zk-b", "  replicas: 2\n"),
    },
    {
      name: "pods of a Deployment count too, with replicas this rule does not weigh",
      code:
        budget("  minAvailable: 3\n") +
        zk +
        `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: zk-observer
spec:
  replicas: 2
  selector:
    matchLabels: { app: zk }
  template:
    metadata:
      labels: { app: zk }
    spec:
      containers:
        - name: observer
          image: zookeeper:3.9
`,
    },
  ],
  invalid: [
    {
      name: "fixture: minAvailable equals the replicas",
      code: readFixture("pdb-blocks-drain", "fires.yaml"),
      errors: [
        {
          messageId: "minAvailableAll",
          line: 25,
          column: 17,
          endLine: 25,
          endColumn: 18,
          related: ["manifest.yaml:7:13"],
          message:
            'PodDisruptionBudget "etcd" requires minAvailable: 3 of the 3 pods of StatefulSet "etcd", so no pod may ever be evicted and node drains hang; require at most 2.',
        },
      ],
    },
    {
      name: "maxUnavailable 0, related to every selected StatefulSet",
      code: budget("  maxUnavailable: 0\n") + statefulSet("zk-a", "  replicas: 3\n") + "---\n" + statefulSet("zk-b", "  replicas: 3\n"),
      errors: [
        {
          messageId: "maxUnavailableZero",
          line: 6,
          column: 19,
          related: ["manifest.yaml:16:13", "manifest.yaml:33:13"],
          data: { pdb: "zk", value: "0", statefulSets: '"zk-a", "zk-b"' },
        },
      ],
    },
    {
      name: 'maxUnavailable "0%"',
      code: budget('  maxUnavailable: "0%"\n') + zk,
      errors: [{ messageId: "maxUnavailableZero", line: 6, column: 19, related: ["manifest.yaml:16:13"] }],
    },
    {
      name: "minAvailable 100%",
      code: budget("  minAvailable: 100%\n") + zk,
      errors: [{ messageId: "minAvailablePercent", line: 6, column: 17, related: ["manifest.yaml:16:13"], data: { pdb: "zk", value: "100%", replicas: 3, statefulSets: '"zk"' } }],
    },
    {
      name: "minAvailable 67% of 3 rounds up to 3",
      code: budget('  minAvailable: "67%"\n') + zk,
      errors: [{ messageId: "minAvailablePercent", line: 6, column: 17, related: ["manifest.yaml:16:13"] }],
    },
    {
      name: "minAvailable above the replicas; an empty policy/v1 selector selects every pod",
      code: budget("  minAvailable: 5\n", "  selector: {}\n") + zk,
      errors: [{ messageId: "minAvailableAll", line: 6, column: 17, related: ["manifest.yaml:15:13"] }],
    },
    {
      name: "the single pod of a StatefulSet with replicas unset",
      files: { "pdb.yaml": budget("  minAvailable: 1\n"), "sts.yaml": statefulSet("zk", "") },
      errors: [{ messageId: "minAvailableSingle", line: 6, column: 17, file: "pdb.yaml", related: ["sts.yaml:5:1"] }],
    },
  ],
});
