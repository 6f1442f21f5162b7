import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const service = (selector: string, namespace = "default") => `apiVersion: v1
kind: Service
metadata:
  name: kafka
  namespace: ${namespace}
spec:
  selector: ${selector}
  ports: [{ port: 9092 }]
`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kafka-ui
spec:
  selector:
    matchLabels: { app: kafka-ui }
  template:
    metadata:
      labels: { app: kafka-ui }
    spec:
      containers:
        - name: ui
          image: provectuslabs/kafka-ui:v0.7.2
`;

const strimziKafka = `apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata:
  name: events
spec:
  kafka:
    replicas: 3
`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: headless, pod-name and ExternalName Services", code: readFixture("service-selects-nothing", "quiet.yaml") },
    { name: "no workload in the namespace: the pods come from elsewhere", code: service("{ app: kafka }") },
    { name: "workloads only in another namespace", code: `${service("{ app: kafka }", "data")}---\n${deployment}` },
    { name: "a Service without selector", code: `${service("{}")}---\n${deployment}` },
    { name: "an operator's pods, next to its custom resource", code: `${service("{ strimzi.io/cluster: events, strimzi.io/kind: Kafka }")}---\n${strimziKafka}---\n${deployment}` },
    { name: "a selector on the Deployment's labels", code: `${service("{ app: kafka-ui, pod-template-hash: 5d8f7c }")}---\n${deployment}` },
    { name: "ignored label keys are an option", code: `${service("{ app: kafka-ui, shard: a }")}---\n${deployment}`, options: { ignoreLabelKeys: ["shard"] } },
  ],
  invalid: [
    {
      name: "fixture: a primary Service with a label typo",
      code: readFixture("service-selects-nothing", "fires.yaml"),
      errors: [
        {
          messageId: "selectsNothing",
          line: 18,
          column: 3,
          endLine: 18,
          endColumn: 11,
          message:
            'Service "postgres-primary" selects app=postgresql,statefulset.kubernetes.io/pod-name=postgres-0, but no pod template of a workload in namespace "default" has these labels, so it has no endpoints; fix the selector to match the pod labels.',
        },
      ],
    },
    {
      name: "a value typo is reported even next to custom resources",
      code: `${service("{ app: kafka-iu }")}---\n${strimziKafka}---\n${deployment}`,
      errors: [{ messageId: "selectsNothing", line: 7, column: 3, data: { service: "kafka", selector: "app=kafka-iu", namespace: "default" } }],
    },
    {
      name: "a selector on a label key no workload uses",
      files: { "svc.yaml": service("{ app.kubernetes.io/name: kafka-ui }"), "deploy.yaml": deployment },
      errors: [{ messageId: "selectsNothing", line: 7, column: 3, file: "svc.yaml" }],
    },
  ],
});
