import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(image: string, container: string, volumes = ""): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: { app: db }
  template:
    metadata:
      labels: { app: db }
    spec:
      containers:
        - name: db
          image: ${image}
${container}${volumes}
  volumeClaimTemplates:
    - metadata: { name: data }
      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 8Gi } } }
`;
}

const mountAtDataDir = `          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data`;

const configMap = (pgdata: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: postgres-config
data:
  POSTGRES_DB: mydb
  PGDATA: ${pgdata}
---
`;

const fromConfigMap = `          envFrom:
            - configMapRef: { name: postgres-config }
${mountAtDataDir}`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: the seed's PGDATA subdirectory", code: readFixture("postgres-pgdata-subdir", "quiet.yaml") },
    {
      name: "a subPath on the mount",
      code: statefulSet("postgres:16.4", `${mountAtDataDir}
              subPath: pgdata`),
    },
    {
      name: "a per-pod subPathExpr on the mount",
      code: statefulSet("postgres:16.4", `${mountAtDataDir}
              subPathExpr: $(POD_NAME)`),
    },
    { name: "Bitnami's postgresql image handles it itself", code: statefulSet("bitnami/postgresql:16.4.0", `          volumeMounts: [{ name: data, mountPath: /bitnami/postgresql }]`) },
    { name: "the claim is mounted above the data directory", code: statefulSet("postgres:16.4", `          volumeMounts: [{ name: data, mountPath: /var/lib/postgresql }]`) },
    { name: "PostgreSQL 18 keeps its data in a versioned subdirectory", code: statefulSet("postgres:18.0", `          volumeMounts: [{ name: data, mountPath: /var/lib/postgresql }]`) },
    {
      name: "an emptyDir at the data directory is not a claim",
      code: statefulSet("postgres:16.4", `          volumeMounts: [{ name: scratch, mountPath: /var/lib/postgresql/data }, { name: data, mountPath: /archive }]`, `
      volumes: [{ name: scratch, emptyDir: {} }]`),
    },
    {
      name: "PGDATA from a Secret key cannot be known",
      code: statefulSet("postgres:16.4", `          env:
            - name: PGDATA
              valueFrom: { secretKeyRef: { name: pg, key: pgdata } }
${mountAtDataDir}`),
    },
    { name: "envFrom a ConfigMap outside the bundle cannot be known", code: statefulSet("postgres:16.4", fromConfigMap) },
    { name: "envFrom a ConfigMap with a PGDATA subdirectory", code: configMap("/var/lib/postgresql/data/pgdata") + statefulSet("postgres:16.4", fromConfigMap) },
    {
      name: "the server is started with -D",
      code: statefulSet("postgres:16.4", `          args: ["postgres", "-D", "/var/lib/postgresql/data/db"]
${mountAtDataDir}`),
    },
    { name: "images outside the option are not checked", code: statefulSet("postgis/postgis:16-3.4", mountAtDataDir), options: { images: ["postgres"] } },
  ],
  invalid: [
    {
      name: "fixture: the claim is mounted at the default PGDATA",
      code: readFixture("postgres-pgdata-subdir", "fires.yaml"),
      errors: [
        {
          messageId: "mountIsDataDirectory",
          line: 24,
          column: 26,
          endLine: 24,
          endColumn: 50,
          message:
            'Container "postgres" of StatefulSet "postgres" mounts claim "postgres-storage" at /var/lib/postgresql/data, which is its PGDATA (the data directory), so initdb fails on lost+found; set PGDATA to a subdirectory such as /var/lib/postgresql/data/pgdata.',
        },
      ],
    },
    {
      name: "PGDATA set to the mount point itself is reported at its value",
      code: statefulSet("postgres:16.4", `          env:
            - name: PGDATA
              value: /srv/pg/
          volumeMounts:
            - name: data
              mountPath: /srv/pg`),
      errors: [
        {
          messageId: "pgdataIsMountPoint",
          line: 18,
          column: 22,
          endLine: 18,
          endColumn: 30,
          related: ["manifest.yaml:21:26"],
          data: { container: "db", statefulSet: "db", claim: "data", mountPath: "/srv/pg", suggestion: "/srv/pg/pgdata" },
        },
      ],
    },
    {
      name: "PGDATA from a ConfigMap in the bundle",
      code: configMap("/var/lib/postgresql/data") + statefulSet("postgres:16.4", fromConfigMap),
      errors: [{ messageId: "mountIsDataDirectory", line: 28, column: 26, related: ["manifest.yaml:7:11"] }],
    },
    { name: "postgis, from a private registry", code: statefulSet("registry.example.com:5000/postgis/postgis:16-3.4", mountAtDataDir), errors: [{ messageId: "mountIsDataDirectory", line: 18, column: 26 }] },
    {
      name: "PostgreSQL 18 with the claim at its versioned data directory",
      code: statefulSet("postgres:18.0-bookworm", `          volumeMounts: [{ name: data, mountPath: /var/lib/postgresql/18/docker }]`),
      errors: [{ messageId: "mountIsDataDirectory", line: 16, column: 51, data: { container: "db", statefulSet: "db", claim: "data", mountPath: "/var/lib/postgresql/18/docker", suggestion: "/var/lib/postgresql/18/docker/pgdata" } }],
    },
  ],
});
