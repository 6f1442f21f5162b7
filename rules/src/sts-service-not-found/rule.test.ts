import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const service = (name: string, namespace = "db", apiVersion = "v1") => `apiVersion: ${apiVersion}
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  clusterIP: None
  selector: { app: postgres }
`;

const statefulSet = (serviceName: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
  namespace: db
spec:
  serviceName: ${serviceName}
  replicas: 3
  selector:
    matchLabels: { app: postgres }
  template:
    metadata:
      labels: { app: postgres }
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: the governing Service is in the bundle", code: readFixture("sts-service-not-found", "quiet.yaml") },
    { name: "Service in another file of the bundle", files: { "sts.yaml": statefulSet("postgres"), "svc.yaml": service("postgres") } },
    { name: "no serviceName is another rule's finding", code: statefulSet('""') },
  ],
  invalid: [
    {
      name: "fixture: serviceName differs from the Service's name",
      code: readFixture("sts-service-not-found", "fires.yaml"),
      errors: [
        {
          messageId: "notFound",
          line: 20,
          column: 16,
          endLine: 20,
          endColumn: 33,
          message: 'StatefulSet "postgres" names Service "postgres-headless", but there is no Service of that name in namespace "default"; add a headless Service "postgres-headless".',
        },
      ],
    },
    {
      name: "a typo gets a suggestion",
      code: `${service("postgres")}---\n${statefulSet("postgress")}`,
      errors: [{ messageId: "notFoundSuggest", line: 16, column: 16, data: { statefulSet: "postgres", serviceName: "postgress", namespace: "db", suggestion: "postgres" } }],
    },
    {
      name: "the Service is in another namespace",
      code: `${service("postgres", "other")}---\n${service("postgres-lb")}---\n${statefulSet("postgres")}`,
      errors: [{ messageId: "notFound", line: 25, column: 16 }],
    },
    {
      name: "a Knative Service does not govern pods",
      code: `${service("postgres", "db", "serving.knative.dev/v1")}---\n${statefulSet("postgres")}`,
      errors: [{ messageId: "noServices", line: 16, column: 16 }],
    },
    {
      name: "no Service at all in the linted files",
      files: { "sts.yaml": statefulSet("postgres") },
      errors: [
        {
          messageId: "noServices",
          line: 7,
          column: 16,
          file: "sts.yaml",
          message: 'StatefulSet "postgres" names Service "postgres", but the linted files define no Service in namespace "db"; add a headless Service "postgres" or lint the file that defines it too.',
        },
      ],
    },
  ],
});
