import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(podSpec: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mongo
spec:
  serviceName: mongo
  selector:
    matchLabels: { app: mongo }
  template:
    metadata:
      labels: { app: mongo }
    spec:
${podSpec}
  volumeClaimTemplates:
    - metadata: { name: data }
      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 8Gi } } }
`;
}

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: fsGroup set", code: readFixture("fsgroup-missing", "quiet.yaml") },
    {
      name: "the official image starts as root and chowns the data directory itself",
      code: statefulSet(`      containers:
        - name: mongo
          image: mongo:7.0
          volumeMounts: [{ name: data, mountPath: /data/db }]`),
    },
    {
      name: "the non-root container mounts no claim",
      code: statefulSet(`      containers:
        - name: mongo
          image: mongo:7.0
          volumeMounts: [{ name: data, mountPath: /data/db }]
        - name: exporter
          image: percona/mongodb_exporter:0.40
          securityContext: { runAsUser: 65534 }`),
    },
    {
      name: "a root init container fixes ownership (volume-permissions pattern)",
      code: statefulSet(`      securityContext:
        runAsUser: 1001
      initContainers:
        - name: volume-permissions
          image: busybox:1.36
          command: ["sh", "-c", "chown -R 1001:1001 /bitnami/mongodb"]
          securityContext: { runAsUser: 0 }
          volumeMounts: [{ name: data, mountPath: /bitnami/mongodb }]
      containers:
        - name: mongo
          image: bitnami/mongodb:7.0
          volumeMounts: [{ name: data, mountPath: /bitnami/mongodb }]`),
    },
    {
      name: "a container running as root overrides the pod's user",
      code: statefulSet(`      securityContext: { runAsUser: 999 }
      containers:
        - name: mongo
          image: mongo:7.0
          securityContext: { runAsUser: 0 }
          volumeMounts: [{ name: data, mountPath: /data/db }]`),
    },
  ],
  invalid: [
    {
      name: "fixture: non-root pod without fsGroup",
      code: readFixture("fsgroup-missing", "fires.yaml"),
      errors: [
        {
          messageId: "fsGroupMissing",
          line: 16,
          column: 7,
          endLine: 16,
          endColumn: 22,
          message:
            'Container "postgres" of StatefulSet "postgres" runs as UID 999 and mounts claim "postgres-storage", but the pod sets no securityContext.fsGroup, so the volume may not be writable; set fsGroup to the container\'s group.',
        },
      ],
    },
    {
      name: "runAsNonRoot on the container, no pod securityContext: at the template spec",
      code: statefulSet(`      containers:
        - name: mongo
          image: mongo:7.0
          securityContext: { runAsNonRoot: true }
          volumeMounts: [{ name: data, mountPath: /data/db }]`),
      errors: [{ messageId: "fsGroupMissing", line: 12, column: 5, endLine: 12, endColumn: 9, data: { container: "mongo", statefulSet: "mongo", user: "a non-root user", claim: "data" } }],
    },
    {
      name: "a pre-created claim mounted as a pod volume",
      code: statefulSet(`      securityContext:
        runAsUser: 999
        runAsGroup: 999
      containers:
        - name: mongo
          image: mongo:7.0
          volumeMounts: [{ name: backup, mountPath: /backup }]
      volumes:
        - name: backup
          persistentVolumeClaim: { claimName: mongo-backup }`),
      errors: [{ messageId: "fsGroupMissing", line: 13, column: 7, data: { container: "mongo", statefulSet: "mongo", user: "UID 999", claim: "backup" } }],
    },
  ],
});
