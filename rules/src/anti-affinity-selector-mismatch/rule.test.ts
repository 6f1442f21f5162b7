import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (podSpec: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: zk
spec:
  serviceName: zk-hs
  replicas: 3
  selector:
    matchLabels: { app: zk }
  template:
    metadata:
      labels: { app: zk, component: server }
    spec:
${podSpec}      containers:
        - name: zk
          image: zookeeper:3.9
`;

const required = (selector: string, extra = "") => `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector: ${selector}
              topologyKey: kubernetes.io/hostname
${extra}`;

const preferred = (selector: string) => `      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                labelSelector: ${selector}
                topologyKey: kubernetes.io/hostname
`;

const constraint = (selector: string) => `      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: DoNotSchedule
${selector}`;

const otherWorkload = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: zk-observer
spec:
  serviceName: zk-hs
  selector:
    matchLabels: { app: zk, component: observer }
  template:
    metadata:
      labels: { app: zk, component: observer }
    spec:
      containers:
        - name: zk
          image: zookeeper:3.9
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: own pods and another app", code: readFixture("anti-affinity-selector-mismatch", "quiet.yaml") },
    { name: "anti-affinity against another app with the same label key", code: statefulSet(required("{ matchLabels: { app: kafka } }")) },
    { name: "anti-affinity against a related app whose name is not a near miss", code: statefulSet(required("{ matchLabels: { app: zk-proxy } }")) },
    { name: "anti-affinity against another app's label key", code: statefulSet(required("{ matchLabels: { app.kubernetes.io/name: kafka } }")) },
    { name: "anti-affinity against a sibling workload of the bundle", code: `${statefulSet(required("{ matchLabels: { app: zk, component: observer } }"))}---\n${otherWorkload}` },
    { name: "anti-affinity against pods of other namespaces", code: statefulSet(required("{ matchLabels: { app: zookeeper } }", "              namespaces: [kafka]\n")) },
    { name: "NotIn expresses 'other pods'", code: statefulSet(required("{ matchExpressions: [{ key: app, operator: NotIn, values: [zk] }] }")) },
    { name: "matchLabelKeys without labelSelector", code: statefulSet(constraint("          matchLabelKeys: [app]\n")) },
    { name: "a spread constraint on a subset of the labels", code: statefulSet(constraint("          labelSelector: { matchLabels: { component: server } }\n")) },
  ],
  invalid: [
    {
      name: "fixture: typo in anti-affinity and in a zone spread constraint",
      code: readFixture("anti-affinity-selector-mismatch", "fires.yaml"),
      errors: [
        {
          messageId: "antiAffinityMismatch",
          line: 21,
          column: 15,
          endLine: 21,
          endColumn: 28,
          related: ["manifest.yaml:14:7"],
          message:
            'The pod anti-affinity term of StatefulSet "postgres" selects app=postgress, which looks meant for its own pods (app=postgres,tier=database) but matches neither them nor any other workload, so it keeps nothing apart; select the pod template labels.',
        },
        {
          messageId: "spreadMismatch",
          line: 36,
          column: 11,
          related: ["manifest.yaml:14:7"],
          message:
            'The topology spread constraint on topology.kubernetes.io/zone of StatefulSet "postgres" selects app In (postgresql), which does not match its own pods (app=postgres,tier=database), so it does not spread them; select the pod template labels.',
        },
      ],
    },
    {
      name: "a preferred term with a misspelled value",
      code: statefulSet(preferred("{ matchLabels: { app: zk, component: sever } }")),
      errors: [{ messageId: "antiAffinityMismatch", line: 19, column: 17, data: { statefulSet: "zk", selector: "app=zk,component=sever", labels: "app=zk,component=server" } }],
    },
    {
      name: "a required term whose In values miss the pod's value",
      code: statefulSet(required("{ matchExpressions: [{ key: component, operator: In, values: [servers] }] }")),
      errors: [{ messageId: "antiAffinityMismatch", line: 17, column: 15 }],
    },
    {
      name: "a spread constraint over another app",
      code: statefulSet(constraint("          labelSelector: { matchLabels: { app: kafka } }\n")),
      errors: [{ messageId: "spreadMismatch", line: 18, column: 11 }],
    },
    {
      name: "a spread constraint without labelSelector",
      code: statefulSet(constraint("")),
      errors: [{ messageId: "noSelector", line: 15, column: 11, data: { term: "topology spread constraint", statefulSet: "zk", labels: "app=zk,component=server" } }],
    },
    {
      name: "a preferred term without labelSelector",
      code: statefulSet(preferred("{}").replace("                labelSelector: {}\n", "")),
      errors: [{ messageId: "noSelector", line: 18, column: 15, data: { term: "pod anti-affinity term", statefulSet: "zk", labels: "app=zk,component=server" } }],
    },
  ],
});
