import { defineRule } from "@statelint/core";

export type MessageIds = "duplicateObject";

export default defineRule<MessageIds>({
  id: "duplicate-object",
  meta: {
    category: "schema",
    severity: "error",
    description: "Two objects in the bundle have the same API group, kind, namespace and name.",
    rationale:
      "The API server holds one object per group, kind, namespace and name: applying the bundle lets the later definition " +
      "overwrite the earlier one, so one of the two is silently lost, and which one wins depends on file order.",
    remediation: "Delete one of the definitions, merge them, or give them different names or namespaces.",
    messages: {
      duplicateObject:
        '{{kind}} "{{name}}" is defined again{{where}}; applying the bundle overwrites one definition with the other. Remove or rename one of them.',
    },
    since: "0.1.0",
    sources: ["Kubernetes docs: Object Names and IDs (names are unique per kind and namespace)"],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  check({ object, bundle, report }) {
    // generateName objects get a fresh name on every create, so equal prefixes never collide.
    if (!object.name || object.name.endsWith("*")) return;
    const same = bundle.withIdentity(object);
    const first = same[0];
    if (!first || first === object) return;
    report({
      messageId: "duplicateObject",
      data: { kind: object.kind, name: object.name, where: object.namespace ? ` in namespace "${object.namespace}"` : "" },
      path: ["metadata", "name"],
      related: [{ object: first, path: ["metadata", "name"], message: `first definition of ${object.kind} "${object.name}"` }],
    });
  },
});
