import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const service = (name: string, selector: string, extra = "") => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
${extra}  selector: ${selector}
  ports: [{ port: 6379 }]
`;

const statefulSet = (image = "redis:7.4", replicas = 3, name = "redis", labels = "{ app: redis }") => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: redis-headless
  replicas: ${replicas}
  selector:
    matchLabels: { app: redis }
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: redis
          image: ${image}
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: headless, primary pinned by pod name, read Service", code: readFixture("db-write-service-load-balanced", "quiet.yaml") },
    { name: "a single replica", code: `${service("redis", "{ app: redis }")}---\n${statefulSet("redis:7.4", 1)}` },
    { name: "a role label the template does not carry", code: `${service("redis-master", "{ app: redis, role: master }")}---\n${statefulSet()}` },
    { name: "a headless Service", code: `${service("redis", "{ app: redis }", "  clusterIP: None\n")}---\n${statefulSet()}` },
    { name: "a quorum system, not primary/replica", code: `${service("etcd", "{ app: redis }")}---\n${statefulSet("quay.io/coreos/etcd:v3.5.15")}` },
    { name: "Redis Cluster: every shard primary takes writes", code: `${service("redis", "{ app: redis }")}---\n${statefulSet("bitnami/redis-cluster:7.4")}` },
    { name: "MariaDB Galera is multi-primary", code: `${service("mariadb", "{ app: redis }")}---\n${statefulSet("bitnami/mariadb-galera:11.4")}` },
    { name: "repmgr nodes behind Pgpool", code: `${service("pg-postgresql-ha", "{ app: redis }")}---\n${statefulSet("bitnami/postgresql-repmgr:16.4.0")}` },
    { name: "a read-only StatefulSet of replicas", code: `${service("redis", "{ app: redis }")}---\n${statefulSet("redis:7.4", 3, "redis-replicas")}` },
    { name: "a Service over a Deployment", code: `${service("redis", "{ app: redis }")}---\n${statefulSet().replace("kind: StatefulSet", "kind: Deployment")}` },
    { name: "read-only name tokens are an option", code: `${service("redis-ha", "{ app: redis }")}---\n${statefulSet()}`, options: { readOnlyNameTokens: ["ha"] } },
  ],
  invalid: [
    {
      name: "fixture: the seed's postgres-lb",
      code: readFixture("db-write-service-load-balanced", "fires.yaml"),
      errors: [
        {
          messageId: "loadBalancedWrites",
          line: 19,
          column: 3,
          endLine: 19,
          endColumn: 11,
          related: ["manifest.yaml:31:13"],
          message:
            'Service "postgres-lb" load-balances over all 3 pods of StatefulSet "postgres" (postgres), but only the primary accepts writes; route writes to the primary with a role or pod-name selector and keep this Service for reads.',
        },
      ],
    },
    {
      name: "a LoadBalancer Service in another file",
      files: { "svc.yaml": service("redis", "{ app: redis }", "  type: LoadBalancer\n"), "sts.yaml": statefulSet("bitnami/redis:7.4.1", 2) },
      errors: [{ messageId: "loadBalancedWrites", line: 7, column: 3, file: "svc.yaml", related: ["sts.yaml:7:13"], data: { service: "redis", replicas: 2, statefulSet: "redis", engine: "redis" } }],
    },
    {
      name: "a role label every pod carries selects them all",
      code: `${service("redis-master", "{ app: redis, role: master }")}---\n${statefulSet("redis:7.4", 3, "redis", "{ app: redis, role: master }")}`,
      errors: [{ messageId: "loadBalancedWrites", line: 6, column: 3, related: ["manifest.yaml:15:13"] }],
    },
  ],
});
