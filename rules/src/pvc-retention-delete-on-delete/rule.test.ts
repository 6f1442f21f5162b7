import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

function statefulSet(policy: string, claims = "  volumeClaimTemplates:\n    - metadata: { name: data }\n"): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mongo
spec:
  serviceName: mongo
  replicas: 3
${policy}  selector:
    matchLabels: { app: mongo }
  template:
    metadata:
      labels: { app: mongo }
    spec:
      containers:
        - name: mongo
          image: mongo:7.0
${claims}`;
}

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: Retain on delete, Delete on scale is another rule's concern", code: readFixture("pvc-retention-delete-on-delete", "quiet.yaml") },
    { name: "no policy (the default retains)", code: statefulSet("") },
    { name: "Delete without claim templates deletes nothing", code: statefulSet("  persistentVolumeClaimRetentionPolicy: { whenDeleted: Delete }\n", "") },
    { name: "the value is case-sensitive: the API rejects `delete`, another rule reports it", code: statefulSet("  persistentVolumeClaimRetentionPolicy: { whenDeleted: delete }\n") },
  ],
  invalid: [
    {
      name: "fixture: whenDeleted: Delete",
      code: readFixture("pvc-retention-delete-on-delete", "fires.yaml"),
      errors: [
        {
          messageId: "deleteOnDelete",
          line: 9,
          column: 18,
          endLine: 9,
          endColumn: 24,
          message:
            'StatefulSet "postgres" sets whenDeleted: Delete, so deleting it (an uninstall, a prune, a delete-and-recreate) deletes the PVCs of claim templates "data" and their data; set whenDeleted: Retain.',
        },
      ],
    },
    {
      name: "flow style, several claim templates",
      code: statefulSet(
        "  persistentVolumeClaimRetentionPolicy: { whenDeleted: Delete, whenScaled: Retain }\n",
        "  volumeClaimTemplates:\n    - metadata: { name: data }\n    - metadata: { name: logs }\n",
      ),
      errors: [{ messageId: "deleteOnDelete", line: 8, column: 56, data: { statefulSet: "mongo", claims: '"data", "logs"' } }],
    },
  ],
});
