import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const headless = (namespace: string) => `apiVersion: v1
kind: Service
metadata:
  name: postgres
  namespace: ${namespace}
spec:
  clusterIP: None
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: same name for different kinds and namespaces", code: readFixture("duplicate-object", "quiet.yaml") },
    {
      name: "generateName objects never collide",
      code: `apiVersion: batch/v1
kind: Job
metadata:
  generateName: pg-migrate-
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: migrate, image: "flyway/flyway:10" }]
---
apiVersion: batch/v1
kind: Job
metadata:
  generateName: pg-migrate-
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{ name: migrate, image: "flyway/flyway:10" }]
`,
    },
    {
      name: "same kind name in different API groups",
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
---
apiVersion: apps.kruise.io/v1beta1
kind: StatefulSet
metadata:
  name: postgres
`,
    },
  ],
  invalid: [
    {
      name: "fixture: the headless Service is defined again as a ClusterIP Service",
      code: readFixture("duplicate-object", "fires.yaml"),
      errors: [
        {
          messageId: "duplicateObject",
          line: 24,
          column: 9,
          endLine: 24,
          endColumn: 17,
          related: ["manifest.yaml:4:9"],
          message: 'Service "postgres" is defined again in namespace "db"; applying the bundle overwrites one definition with the other. Remove or rename one of them.',
        },
      ],
    },
    {
      name: "across files, the default namespace equals an explicit one, and every later copy is reported",
      files: {
        "a.yaml": `apiVersion: v1
kind: Service
metadata:
  name: postgres
spec:
  clusterIP: None
`,
        "b.yaml": `${headless("default")}---\n${headless("default")}`,
      },
      errors: [
        { messageId: "duplicateObject", line: 4, column: 9, file: "b.yaml", related: ["a.yaml:4:9"] },
        { messageId: "duplicateObject", line: 12, column: 9, file: "b.yaml", related: ["a.yaml:4:9"] },
      ],
    },
    {
      name: "cluster-scoped objects are compared without namespace",
      code: `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast-ssd
provisioner: ebs.csi.aws.com
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast-ssd
  namespace: ignored
provisioner: ebs.csi.aws.com
`,
      errors: [{ messageId: "duplicateObject", line: 10, column: 9, related: ["manifest.yaml:4:9"], message: 'StorageClass "fast-ssd" is defined again; applying the bundle overwrites one definition with the other. Remove or rename one of them.' }],
    },
    {
      name: "two versions of one API group are the same object",
      code: `apiVersion: apps/v1beta2
kind: StatefulSet
metadata:
  name: postgres
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
`,
      errors: [{ messageId: "duplicateObject", line: 9, column: 9, related: ["manifest.yaml:4:9"] }],
    },
  ],
});
