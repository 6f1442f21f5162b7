import { asRecord, asString, closestMatch, defineRule, formatFieldPath, rangeOfField, type FieldPath, type K8sObject, type ObjectContext } from "@statelint/core";
import { isNameFormat, matchesFormat, NAME_FORMATS, suggestQuantity, validateInBundle, type NameFormatId, type SchemaProblem } from "@statelint/schemas";

export type MessageIds =
  | "wrongType"
  | "quotedNumber"
  | "unquotedString"
  | "badEnum"
  | "badEnumSuggestion"
  | "badQuantity"
  | "badQuantitySuggestion"
  | "badName"
  | "missingRequired"
  | "invalidValue"
  | "noSchema";

export interface Options {
  /** Stay silent about kinds statelint has no schema for (kubeconform's -ignore-missing-schemas). */
  readonly ignoreMissingSchemas: boolean;
}

/**
 * What `metadata.name` must look like, per kind, as the apiserver validates it. Kinds not listed
 * (RBAC objects allow `system:` path segments, for one) are not checked.
 */
const NAME_FORMAT_BY_KIND: Readonly<Record<string, NameFormatId>> = {
  Service: "dns1035-label",
  Namespace: "dns1123-label",
  StatefulSet: "dns1123-subdomain",
  Deployment: "dns1123-subdomain",
  DaemonSet: "dns1123-subdomain",
  ReplicaSet: "dns1123-subdomain",
  Job: "dns1123-subdomain",
  CronJob: "dns1123-subdomain",
  Pod: "dns1123-subdomain",
  ConfigMap: "dns1123-subdomain",
  Secret: "dns1123-subdomain",
  ServiceAccount: "dns1123-subdomain",
  PersistentVolumeClaim: "dns1123-subdomain",
  PersistentVolume: "dns1123-subdomain",
  StorageClass: "dns1123-subdomain",
  PodDisruptionBudget: "dns1123-subdomain",
  NetworkPolicy: "dns1123-subdomain",
  Ingress: "dns1123-subdomain",
  HorizontalPodAutoscaler: "dns1123-subdomain",
  PriorityClass: "dns1123-subdomain",
};

// Kubernetes reads YAML 1.1, where these unquoted words are booleans; statelint's parser reads
// YAML 1.2, where they are strings. The API accepts `hostNetwork: yes`, so must this rule.
const YAML11_BOOLEANS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  integer: "an integer",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
};

function expectedWords(types: readonly string[]): string {
  const words = types.map((type) => TYPE_WORDS[type] ?? type);
  return words.length <= 1 ? (words[0] ?? "something else") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function describeValue(value: unknown, source: string): string {
  if (typeof value === "string") return `the string "${value}"`;
  if (typeof value === "number") return `the number ${source || String(value)}`;
  if (typeof value === "boolean") return `the boolean ${String(value)}`;
  if (Array.isArray(value)) return "a list";
  return "a mapping";
}

function sourceOf(object: K8sObject, path: FieldPath): string {
  const range = rangeOfField(object, path, "value");
  return object.file.text.slice(range.start.offset, range.end.offset);
}

function isQuoted(source: string): boolean {
  return source.startsWith('"') || source.startsWith("'");
}

function fieldName(path: FieldPath): string {
  return formatFieldPath(path) || "the object";
}

export default defineRule<MessageIds, Options>({
  id: "schema-invalid",
  meta: {
    category: "schema",
    severity: "error",
    description: "A value of the wrong type, outside its enumeration or format, or a required field that is missing, against the Kubernetes schema.",
    rationale:
      "The API server rejects the whole object (`replicas: \"3\"`, `imagePullPolicy: Alwyas`, `storage: 2GB`, a missing `selector`), " +
      "so the apply fails in CI or, worse, half of a bundle is applied: the Service exists and the StatefulSet behind it does not.",
    remediation: "Change the value to the type, one of the values, or the format the message names, or add the missing field.",
    messages: {
      wrongType: "`{{path}}` must be {{expected}}, but it is {{actual}}.",
      quotedNumber: "`{{path}}` must be {{expected}}, but it is the string \"{{value}}\"; remove the quotes.",
      unquotedString: "`{{path}}` must be a string, but it is {{actual}}; quote it: \"{{value}}\".",
      badEnum: "`{{path}}` is \"{{value}}\", which Kubernetes rejects; use one of {{allowed}}.",
      badEnumSuggestion: "`{{path}}` is \"{{value}}\", which Kubernetes rejects; did you mean \"{{suggestion}}\"? Allowed: {{allowed}}.",
      badQuantity: "`{{path}}` is \"{{value}}\", which is not a Kubernetes quantity; use binary units (Ki, Mi, Gi, Ti), decimal ones (k, M, G, T) or millis (250m).",
      badQuantitySuggestion: "`{{path}}` is \"{{value}}\", which is not a Kubernetes quantity; did you mean \"{{suggestion}}\"?",
      badName: "`{{path}}` is \"{{value}}\", which is not {{format}} ({{rule}}); Kubernetes rejects it.",
      missingRequired: "`{{field}}` is required in {{where}} but missing; add it.",
      invalidValue: "`{{path}}` {{problem}}, as the {{schema}} requires.",
      noSchema:
        "statelint has no schema for {{apiVersion}} {{kind}}, so objects of this kind are not validated; lint its CustomResourceDefinition with it, or set ignoreMissingSchemas.",
    },
    since: "0.1.0",
    sources: ["Kubernetes OpenAPI definitions 1.29 to 1.36", "kubeconform", "issue: offline schema validation with exact positions"],
    defaultOptions: { ignoreMissingSchemas: false },
    optionsSchema: {
      type: "object",
      additionalProperties: false,
      properties: { ignoreMissingSchemas: { type: "boolean", description: "Report nothing for kinds without a known schema." } },
    },
  },
  check({ object, bundle, kubernetesVersion, options, report }) {
    const validation = validateInBundle(object, bundle, kubernetesVersion);
    if (!validation.schema) {
      if (options.ignoreMissingSchemas || validation.otherVersionOfBuiltin) return;
      // One finding per apiVersion and kind, on its first object: the rest would only repeat it.
      const first = bundle.ofKind(object.kind).find((candidate) => candidate.apiVersion === object.apiVersion);
      if (first !== undefined && first !== object) return;
      report({ messageId: "noSchema", data: { apiVersion: object.apiVersion, kind: object.kind }, path: ["apiVersion"], severity: "info" });
      return;
    }
    const schemaName = validation.custom ? `CustomResourceDefinition of ${object.kind}` : `Kubernetes ${validation.version.version} schema`;
    for (const problem of validation.problems) reportProblem(object, problem, schemaName, report);
    if (!validation.custom) checkName(object, report);
  },
});

type Report = ObjectContext<MessageIds, Options>["report"];

function reportProblem(object: K8sObject, problem: SchemaProblem, schemaName: string, report: Report): void {
  const path = fieldName(problem.path);
  switch (problem.kind) {
    case "unknown-field":
      return;
    case "required": {
      const where = problem.path.length === 0 ? `${object.kind} "${object.name}"` : `\`${path}\` (${problem.typeName})`;
      report({ messageId: "missingRequired", data: { field: problem.field, where }, path: problem.path, at: "key" });
      return;
    }
    case "type": {
      const source = sourceOf(object, problem.path);
      if (problem.expected.includes("boolean") && typeof problem.value === "string" && YAML11_BOOLEANS.test(problem.value) && !isQuoted(source)) return;
      const expected = expectedWords(problem.expected);
      if (typeof problem.value === "string" && (problem.expected.includes("integer") || problem.expected.includes("number")) && /^-?\d+(\.\d+)?$/.test(problem.value.trim())) {
        report({ messageId: "quotedNumber", data: { path, expected, value: problem.value }, path: problem.path });
        return;
      }
      if ((typeof problem.value === "number" || typeof problem.value === "boolean") && problem.expected.length === 1 && problem.expected[0] === "string") {
        report({ messageId: "unquotedString", data: { path, actual: describeValue(problem.value, source), value: source || String(problem.value) }, path: problem.path });
        return;
      }
      report({ messageId: "wrongType", data: { path, expected, actual: describeValue(problem.value, source) }, path: problem.path });
      return;
    }
    case "enum": {
      const value = String(problem.value);
      const allowed = problem.allowed.map(String);
      const suggestion = closestMatch(value, allowed);
      const list = allowed.join(", ");
      if (suggestion) report({ messageId: "badEnumSuggestion", data: { path, value, suggestion, allowed: list }, path: problem.path });
      else report({ messageId: "badEnum", data: { path, value, allowed: list }, path: problem.path });
      return;
    }
    case "format": {
      const value = String(problem.value);
      if (problem.format === "quantity") {
        const suggestion = suggestQuantity(value);
        if (suggestion) report({ messageId: "badQuantitySuggestion", data: { path, value, suggestion }, path: problem.path });
        else report({ messageId: "badQuantity", data: { path, value }, path: problem.path });
        return;
      }
      if (isNameFormat(problem.format)) {
        const format = NAME_FORMATS[problem.format];
        report({ messageId: "badName", data: { path, value, format: format.title, rule: format.rule }, path: problem.path });
      }
      return;
    }
    case "constraint":
      report({ messageId: "invalidValue", data: { path, problem: problem.message, schema: schemaName }, path: problem.path });
  }
}

function checkName(object: K8sObject, report: Report): void {
  const formatId = NAME_FORMAT_BY_KIND[object.kind];
  const name = asString(asRecord(object.raw["metadata"])["name"]);
  if (!formatId || name === undefined || name === "") return;
  if (matchesFormat(formatId, name)) return;
  const format = NAME_FORMATS[formatId];
  report({ messageId: "badName", data: { path: "metadata.name", value: name, format: format.title, rule: format.rule }, path: ["metadata", "name"] });
}
