import { closestMatch, defineRule, formatFieldPath } from "@statelint/core";
import { validateInBundle } from "@statelint/schemas";

export type MessageIds = "unknownField" | "unknownFieldSuggestion" | "unknownFieldNewerRelease";

export default defineRule<MessageIds>({
  id: "schema-unknown-field",
  meta: {
    category: "schema",
    severity: "error",
    description: "A field the Kubernetes schema of the object's kind does not know, with a did-you-mean suggestion.",
    rationale:
      "The API server drops fields it does not know without a word: `readinessprobe:` leaves the container with no readiness probe, " +
      "and `volumeClaimTemplate:` leaves the StatefulSet with no claims, so the database writes to the container layer and loses its data on reschedule.",
    remediation: "Rename the field to the one suggested, or move it to the object where it belongs; check the Kubernetes API reference for the kind.",
    messages: {
      unknownFieldSuggestion: "`{{field}}` is not a field of {{type}}; did you mean `{{suggestion}}`? Kubernetes drops unknown fields silently.",
      unknownField: "`{{field}}` is not a field of {{type}} ({{where}}); Kubernetes drops it silently. Remove it or fix its name.",
      unknownFieldNewerRelease:
        "`{{field}}` is not a field of {{type}} in Kubernetes {{shipped}}, the newest schema statelint ships{{suggestion}}; if Kubernetes {{requested}} added it, ignore this.",
    },
    since: "0.1.0",
    sources: ["Kubernetes OpenAPI definitions 1.29 to 1.36", "kubeconform (strict mode)", "issue: offline schema validation with exact positions"],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  check({ object, bundle, kubernetesVersion, report }) {
    const validation = validateInBundle(object, bundle, kubernetesVersion);
    for (const problem of validation.problems) {
      if (problem.kind !== "unknown-field") continue;
      const suggestion = closestMatch(problem.field, problem.known.filter((name) => name !== problem.field));
      const type = validation.custom ? `${problem.typeName} (per its CustomResourceDefinition)` : problem.typeName;
      if (validation.version.newerThanShipped) {
        // A field added after the shipped schema is valid for the user's cluster: say so instead of failing the build.
        report({
          messageId: "unknownFieldNewerRelease",
          data: { field: problem.field, type, shipped: validation.version.version, requested: kubernetesVersion ?? "", suggestion: suggestion ? ` (did you mean \`${suggestion}\`?)` : "" },
          path: problem.path,
          at: "key",
          severity: "info",
        });
        continue;
      }
      if (suggestion) {
        report({ messageId: "unknownFieldSuggestion", data: { field: problem.field, type, suggestion }, path: problem.path, at: "key" });
      } else {
        const parent = formatFieldPath(problem.path.slice(0, -1));
        report({ messageId: "unknownField", data: { field: problem.field, type, where: parent ? `at \`${parent}\`` : "at the top level" }, path: problem.path, at: "key" });
      }
    }
  },
});
