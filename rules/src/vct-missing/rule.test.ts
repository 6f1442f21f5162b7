import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(image: string, podSpecTail = ""): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
spec:
  serviceName: cache
  selector:
    matchLabels: { app: cache }
  template:
    metadata:
      labels: { app: cache }
    spec:
      containers:
        - name: metrics
          image: prom/statsd-exporter:v0.26.0
        - name: server
          image: ${image}
${podSpecTail}`;
}

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: the data directory is on a volumeClaimTemplate", code: readFixture("vct-missing", "quiet.yaml") },
    {
      name: "a pre-created PersistentVolumeClaim mounted as a pod volume",
      code: statefulSet("postgres:16.4", `          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: postgres-data
`),
    },
    { name: "a stateless image needs no claim", code: statefulSet("nginx:1.27") },
    { name: "a config reloader named after its engine is not a database", code: statefulSet("natsio/nats-server-config-reloader:0.6.2") },
    { name: "memcached is a cache and ignored by default", code: statefulSet("memcached:1.6") },
    { name: "engines can be ignored by option", code: statefulSet("redis:7.4"), options: { ignoredEngines: ["redis"] } },
    { name: "an engine removed from the DB image list", code: statefulSet("redis:7.4"), settings: { databaseImages: ["postgres"] } },
  ],
  invalid: [
    {
      name: "fixture: postgres data on an emptyDir",
      code: readFixture("vct-missing", "fires.yaml"),
      errors: [
        {
          messageId: "noClaimTemplates",
          line: 17,
          column: 17,
          endLine: 17,
          endColumn: 25,
          message:
            'StatefulSet "postgres" runs postgres in container "postgres" but has no volumeClaimTemplates, so its data is lost when the pod moves; add a volumeClaimTemplate and mount it at the data directory.',
        },
      ],
    },
    {
      name: "data in the container layer, reported at the DB container only",
      code: statefulSet("bitnami/redis:7.4"),
      errors: [{ messageId: "noClaimTemplates", line: 16, column: 17, data: { statefulSet: "cache", engine: "redis", container: "server" } }],
    },
    {
      name: "a config volume does not keep data",
      code: statefulSet("mysql:8.4", `      volumes:
        - name: config
          configMap:
            name: mysql-config
`),
      errors: [{ messageId: "noClaimTemplates", line: 16, column: 17 }],
    },
    { name: "memcached is checked when not ignored", code: statefulSet("memcached:1.6"), options: { ignoredEngines: [] }, errors: [{ messageId: "noClaimTemplates", line: 16, column: 17 }] },
  ],
});
