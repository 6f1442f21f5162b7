import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: every mount names a template or a volume", code: readFixture("vct-mount-unknown", "quiet.yaml") },
    {
      name: "an init container mounting the claim template",
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mysql
spec:
  serviceName: mysql
  selector:
    matchLabels: { app: mysql }
  template:
    metadata:
      labels: { app: mysql }
    spec:
      initContainers:
        - name: clone
          image: gcr.io/google-samples/xtrabackup:1.0
          volumeMounts: [{ name: data, mountPath: /var/lib/mysql }]
      containers:
        - name: mysql
          image: mysql:8.4
          volumeMounts: [{ name: data, mountPath: /var/lib/mysql }]
  volumeClaimTemplates:
    - metadata: { name: data }
      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 10Gi } } }
`,
    },
  ],
  invalid: [
    {
      name: "fixture: a typo of the claim template's name",
      code: readFixture("vct-mount-unknown", "fires.yaml"),
      errors: [
        {
          messageId: "unknownMountSuggest",
          line: 20,
          column: 21,
          endLine: 20,
          endColumn: 36,
          message: 'volumeMount "postgres-storge" of container "postgres" names no volume or volumeClaimTemplate of StatefulSet "postgres"; did you mean "postgres-storage"?',
        },
      ],
    },
    {
      name: "a name close to nothing gets no suggestion, in an init container too",
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mysql
spec:
  serviceName: mysql
  selector:
    matchLabels: { app: mysql }
  template:
    metadata:
      labels: { app: mysql }
    spec:
      initContainers:
        - name: init-config
          image: busybox:1.36
          volumeMounts:
            - name: scripts
              mountPath: /scripts
      containers:
        - name: mysql
          image: mysql:8.4
          volumeMounts:
            - name: data
              mountPath: /var/lib/mysql
            - name: confd
              mountPath: /etc/mysql/conf.d
      volumes:
        - name: conf
          emptyDir: {}
  volumeClaimTemplates:
    - metadata: { name: data }
      spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 10Gi } } }
`,
      errors: [
        { messageId: "unknownMount", line: 17, column: 21, data: { name: "scripts", container: "init-config", statefulSet: "mysql" } },
        { messageId: "unknownMountSuggest", line: 25, column: 21, data: { name: "confd", container: "mysql", statefulSet: "mysql", suggestion: "conf" } },
      ],
    },
  ],
});
