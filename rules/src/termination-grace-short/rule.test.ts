import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const statefulSet = (grace: string, image = "mongo:7.0.12") => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mongo
spec:
  serviceName: mongo
  template:
    spec:${grace}
      containers:
        - name: mongod
          image: ${image}
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: 60 seconds", code: readFixture("termination-grace-short", "quiet.yaml") },
    { name: "unset: the default is 30", code: statefulSet("") },
    { name: "exactly 30", code: statefulSet("\n      terminationGracePeriodSeconds: 30") },
    { name: "not a database image", code: statefulSet("\n      terminationGracePeriodSeconds: 5", "nginx:1.27.0") },
    { name: "a lower minimum in the options", code: statefulSet("\n      terminationGracePeriodSeconds: 20"), options: { minimumSeconds: 15 } },
  ],
  invalid: [
    {
      name: "fixture: MySQL with 10 seconds",
      code: readFixture("termination-grace-short", "fires.yaml"),
      errors: [
        {
          messageId: "short",
          line: 16,
          column: 38,
          endLine: 16,
          endColumn: 40,
          message: 'StatefulSet "mysql" runs mysql with terminationGracePeriodSeconds 10: it is killed before it can flush and hand over; use at least 30 seconds.',
        },
      ],
    },
    {
      name: "zero: killed at once",
      code: statefulSet("\n      terminationGracePeriodSeconds: 0"),
      errors: [{ messageId: "short", line: 9, column: 38, data: { name: "mongo", engine: "mongo", seconds: 0, minimum: 30 } }],
    },
    {
      name: "a higher minimum in the options",
      code: statefulSet("\n      terminationGracePeriodSeconds: 45"),
      options: { minimumSeconds: 60 },
      errors: [{ messageId: "short", line: 9, column: 38, data: { name: "mongo", engine: "mongo", seconds: 45, minimum: 60 } }],
    },
  ],
});
