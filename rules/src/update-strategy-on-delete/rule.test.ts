import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: RollingUpdate", code: readFixture("update-strategy-on-delete", "quiet.yaml") },
    { name: "no updateStrategy: RollingUpdate is the default", code: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: etcd\nspec:\n  serviceName: etcd\n` },
    {
      name: "a DaemonSet's OnDelete is not this rule's concern",
      code: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: node-agent\nspec:\n  updateStrategy:\n    type: OnDelete\n`,
    },
  ],
  invalid: [
    {
      name: "fixture: ZooKeeper with OnDelete",
      code: readFixture("update-strategy-on-delete", "fires.yaml"),
      errors: [
        {
          messageId: "onDelete",
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 19,
          message:
            'StatefulSet "zookeeper" uses updateStrategy OnDelete: template changes reach a pod only when it is deleted by hand; use RollingUpdate, with a partition for staged rollouts.',
        },
      ],
      output: null,
    },
    {
      name: "flow style",
      code: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: kafka }\nspec: { serviceName: kafka-headless, updateStrategy: { type: OnDelete } }\n`,
      errors: [{ messageId: "onDelete", line: 4, column: 62, data: { name: "kafka" } }],
    },
  ],
});
