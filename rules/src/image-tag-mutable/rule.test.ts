import { RuleTester } from "@statelint/core/testing";
import { cnpg, readFixture } from "../test-support.js";
import rule from "./rule.js";

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: pgbouncer
spec:
  template:
    spec:
      containers:
        - name: pgbouncer
          image: ${image}
`;

new RuleTester().run(rule, {
  valid: [
    { name: "CloudNativePG without imageName runs the operator's pinned image", code: cnpg("  instances: 3\n") },
    { name: "CloudNativePG with a pinned imageName", code: cnpg("  imageName: ghcr.io/cloudnative-pg/postgresql:16.4\n") },
    { name: "fixture: version tags and a digest", code: readFixture("image-tag-mutable", "quiet.yaml") },
    { name: "a registry port is not a tag", code: deployment("registry.internal:5000/bitnami/pgbouncer:1.23.1") },
    { name: "a digest pins even the latest tag", code: deployment("bitnami/pgbouncer:latest@sha256:0e5f3b2d1c4a6978e5f3b2d1c4a6978e5f3b2d1c4a6978e5f3b2d1c4a697801") },
    { name: "an image filled in by a later pipeline step", code: deployment("${PGBOUNCER_IMAGE}") },
    { name: "a ConfigMap is not looked at", code: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: images\ndata:\n  image: postgres\n` },
  ],
  invalid: [
    {
      name: "fixture: untagged init container and a latest main container",
      code: readFixture("image-tag-mutable", "fires.yaml"),
      errors: [
        {
          messageId: "untagged",
          line: 18,
          column: 18,
          endLine: 18,
          endColumn: 25,
          message: 'Container "fix-permissions" uses image "busybox" without a tag or digest, which pulls whatever "latest" is; pin a version tag or a digest.',
        },
        { messageId: "latest", line: 22, column: 18, endLine: 22, endColumn: 33, message: 'Container "postgres" uses image "postgres:latest" with the mutable tag "latest"; pin a version tag or a digest.' },
      ],
      output: null,
    },
    {
      name: "a registry with a port and no tag",
      code: deployment("registry.internal:5000/bitnami/pgbouncer"),
      errors: [{ messageId: "untagged", line: 10, column: 18, data: { container: "pgbouncer", image: "registry.internal:5000/bitnami/pgbouncer" } }],
    },
    {
      name: "a CronJob's backup container",
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: pg-backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: dump
              image: "postgres:latest"
`,
      errors: [{ messageId: "latest", line: 14, column: 22 }],
    },
    {
      name: "CloudNativePG imageName :latest",
      code: cnpg("  instances: 1\n  imageName: ghcr.io/cloudnative-pg/postgresql:latest\n"),
      errors: [
        {
          messageId: "operatorLatest",
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 54,
          message:
            'CloudNativePG Cluster "pg" runs postgres from image "ghcr.io/cloudnative-pg/postgresql:latest" (spec.imageName) with the mutable tag "latest", so each new pod the operator starts may run another version; pin a version tag or a digest.',
        },
      ],
    },
    {
      name: "Zalando dockerImage without a tag",
      code: `apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid-x\nspec:\n  dockerImage: ghcr.io/zalando/spilo-16\n  numberOfInstances: 2\n`,
      errors: [{ messageId: "operatorUntagged", line: 6, column: 16, data: { cluster: 'Zalando postgresql "acid-x"', component: "postgres", image: "ghcr.io/zalando/spilo-16", field: "spec.dockerImage" } }],
    },
  ],
});
