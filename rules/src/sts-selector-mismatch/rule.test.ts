import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (selector: string, labels = "{ app: postgres, tier: db }") => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
spec:
  serviceName: postgres
  selector:
${selector}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: selector is a subset of the template labels", code: readFixture("sts-selector-mismatch", "quiet.yaml") },
    { name: "matchExpressions that hold", code: statefulSet("    matchExpressions:\n      - { key: app, operator: In, values: [postgres, pg] }\n      - { key: canary, operator: DoesNotExist }") },
    { name: "a missing selector is a schema finding", code: statefulSet("    # none").replace("  selector:\n    # none\n", "") },
    { name: "a mistyped matchLabels is a schema finding", code: statefulSet('    matchLabels: "app=postgres"') },
  ],
  invalid: [
    {
      name: "fixture: instance label typo",
      code: readFixture("sts-selector-mismatch", "fires.yaml"),
      errors: [
        {
          messageId: "mismatch",
          line: 10,
          column: 3,
          endLine: 10,
          endColumn: 11,
          related: ["manifest.yaml:16:7"],
          message:
            'The selector of StatefulSet "postgres" (app.kubernetes.io/name=postgres,app.kubernetes.io/instance=orders) does not match its pod template labels (app.kubernetes.io/name=postgres,app.kubernetes.io/instance=order); the API rejects it. Make the selector a subset of the template labels.',
        },
      ],
    },
    {
      name: "selector key the template lacks",
      code: statefulSet("    matchLabels: { app: postgres, role: primary }"),
      errors: [{ messageId: "mismatch", line: 7, column: 3, related: ["manifest.yaml:11:7"], data: { statefulSet: "postgres", selector: "app=postgres,role=primary", labels: "app=postgres,tier=db" } }],
    },
    {
      name: "matchExpressions that exclude the pods",
      code: statefulSet("    matchExpressions:\n      - { key: tier, operator: NotIn, values: [db] }"),
      errors: [{ messageId: "mismatch", line: 7, column: 3 }],
    },
    {
      name: "template without labels",
      code: statefulSet("    matchLabels: { app: postgres }", "{}"),
      errors: [{ messageId: "mismatch", line: 7, column: 3, data: { statefulSet: "postgres", selector: "app=postgres", labels: "none" } }],
    },
    {
      name: "empty selector",
      code: statefulSet("    matchLabels: {}"),
      errors: [{ messageId: "emptySelector", line: 7, column: 3, related: ["manifest.yaml:11:7"] }],
    },
  ],
});
