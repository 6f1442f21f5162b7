import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function storageClass(extra: string): string {
  return `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gp3
provisioner: ebs.csi.aws.com
reclaimPolicy: Retain
${extra}`;
}

const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kafka
spec:
  serviceName: kafka
  selector:
    matchLabels: { app: kafka }
  template:
    metadata:
      labels: { app: kafka }
    spec:
      containers:
        - name: kafka
          image: apache/kafka:3.8.0
          volumeMounts: [{ name: data, mountPath: /var/lib/kafka/data }]
  volumeClaimTemplates:
    - metadata: { name: data }
      spec: { storageClassName: gp3, accessModes: [ReadWriteOnce], resources: { requests: { storage: 8Gi } } }
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: expansion allowed", code: readFixture("storageclass-no-expansion", "quiet.yaml") },
    { name: "a class no template uses", code: storageClass("allowVolumeExpansion: false\n") },
  ],
  invalid: [
    {
      name: "fixture: allowVolumeExpansion unset",
      code: readFixture("storageclass-no-expansion", "fires.yaml"),
      errors: [
        {
          messageId: "expansionUnset",
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 19,
          severity: "info",
          related: ["manifest.yaml:37:27"],
          message:
            'StorageClass "fast-ssd" backs volumeClaimTemplate "postgres-storage" of StatefulSet "postgres" but does not allow volume expansion, so a full disk cannot be resized in place; set allowVolumeExpansion: true if the provisioner supports it.',
        },
      ],
    },
    {
      name: "expansion explicitly disabled, reported at the value",
      code: `${storageClass("allowVolumeExpansion: false\n")}---\n${statefulSet}`,
      errors: [{ messageId: "expansionDisabled", line: 7, column: 23, endLine: 7, endColumn: 28, related: ["manifest.yaml:27:33"] }],
    },
    {
      name: "a quoted string is not true",
      code: `${storageClass('allowVolumeExpansion: "true"\n')}---\n${statefulSet}`,
      errors: [{ messageId: "expansionDisabled", line: 7, column: 23, data: { storageClass: "gp3", claim: "data", statefulSet: "kafka" } }],
    },
  ],
});
