import { parseFieldPath, type FieldPath, type K8sObject, type Severity } from "@statelint/core";

/** A result of a policy turned into what statelint reports, before it is placed on an object. */
export interface PolicyResult {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly path?: FieldPath;
  /** Bundle entrypoints only: the object the result is about. */
  readonly object?: ObjectReference;
}

export type ObjectReference =
  | { readonly index: number }
  | { readonly kind: string; readonly name: string; readonly namespace?: string; readonly apiVersion?: string };

/** A result set statelint cannot read; the message says what is wrong with it. */
export class ResultShapeError extends Error {}

/** Conftest's rule names: `deny`, `violation` and `warn`, optionally with a `_suffix`. */
const RULE_NAME = /^(deny|violation|warn)(_[A-Za-z0-9_]+)?$/;
/** What an annotation name allows after `policy.`, so every rule id can be suppressed. */
const RULE_ID = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** The severity an entrypoint's results get, from its last path segment; undefined when it is not a Conftest rule. */
export function severityOfEntrypoint(entrypoint: string): Severity | undefined {
  const match = RULE_NAME.exec(entrypoint.slice(entrypoint.lastIndexOf("/") + 1));
  if (!match) return undefined;
  return match[1] === "warn" ? "warning" : "error";
}

/** `policy/<package>` with the package's segments joined by dots: `k8s/storage/deny` → `policy/k8s.storage`. */
export function defaultRuleId(entrypoint: string): string {
  const segments = entrypoint.split("/").slice(0, -1);
  return `policy/${segments.length ? segments.join(".") : "main"}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objectReference(value: unknown): ObjectReference {
  const hint = `"object" must be an index into input.objects or {"kind", "name", "namespace"}, found ${show(value)}`;
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 0) throw new ResultShapeError(hint);
    return { index: value };
  }
  if (!isRecord(value) || typeof value["kind"] !== "string" || typeof value["name"] !== "string") throw new ResultShapeError(hint);
  const { kind, name, namespace, apiVersion } = value;
  if (namespace !== undefined && typeof namespace !== "string") throw new ResultShapeError(hint);
  if (apiVersion !== undefined && typeof apiVersion !== "string") throw new ResultShapeError(hint);
  return { kind, name, ...(namespace !== undefined ? { namespace } : {}), ...(apiVersion !== undefined ? { apiVersion } : {}) };
}

function resultOf(item: unknown, entrypoint: string, severity: Severity, bundle: boolean): PolicyResult {
  const ruleId = defaultRuleId(entrypoint);
  if (typeof item === "string") {
    if (bundle) throw new ResultShapeError(`results of a bundle entrypoint must be objects with "msg" and "object", found the string ${show(item)}`);
    return { ruleId, severity, message: item };
  }
  if (!isRecord(item)) throw new ResultShapeError(`found ${show(item)} where a message belongs; expected a string or an object with a string "msg"`);
  const { msg, rule, severity: ownSeverity, path } = item;
  if (typeof msg !== "string" || msg.trim() === "") throw new ResultShapeError(`the object ${show(item)} has no string "msg"`);
  if (rule !== undefined && (typeof rule !== "string" || !RULE_ID.test(rule.replace(/^policy\//, "")))) {
    throw new ResultShapeError(`"rule" must be letters, digits, ".", "_" or "-" (it becomes policy/<rule>), found ${show(rule)}`);
  }
  if (ownSeverity !== undefined && !SEVERITIES.includes(ownSeverity as Severity)) {
    throw new ResultShapeError(`"severity" must be "error", "warning" or "info", found ${show(ownSeverity)}`);
  }
  let fieldPath: FieldPath | undefined;
  if (path !== undefined) {
    fieldPath = typeof path === "string" ? parseFieldPath(path) : [];
    if (fieldPath.length === 0) throw new ResultShapeError(`"path" must be a field path such as "spec.template.spec.containers[0].image", found ${show(path)}`);
  }
  if (bundle && item["object"] === undefined) {
    throw new ResultShapeError(`the result ${show(item)} of a bundle entrypoint does not say which object it is about; add "object": an index into input.objects or {"kind", "name", "namespace"}`);
  }
  return {
    ruleId: typeof rule === "string" ? `policy/${rule.replace(/^policy\//, "")}` : ruleId,
    severity: (ownSeverity as Severity | undefined) ?? severity,
    message: msg,
    ...(fieldPath ? { path: fieldPath } : {}),
    ...(bundle ? { object: objectReference(item["object"]) } : {}),
  };
}

/**
 * Reads the result set the SDK returns for one entrypoint (`[{"result": <value of the rule>}]`, or
 * `[]` when the rule is undefined). The value is a set of messages (a JSON array), or one message.
 */
export function resultsOf(resultSet: unknown, entrypoint: string, bundle: boolean): PolicyResult[] {
  const severity = severityOfEntrypoint(entrypoint) ?? "error";
  if (!Array.isArray(resultSet)) throw new ResultShapeError(`the result set is ${show(resultSet)}, not an array`);
  const results: PolicyResult[] = [];
  for (const entry of resultSet) {
    if (!isRecord(entry) || !("result" in entry)) throw new ResultShapeError(`the result set holds ${show(entry)}, which has no "result"`);
    const value = entry["result"];
    if (typeof value === "boolean" || value === null || typeof value === "number") {
      throw new ResultShapeError(`the rule's value is ${show(value)}; write it as a set of messages (deny contains msg if { ... })`);
    }
    for (const item of Array.isArray(value) ? value : [value]) results.push(resultOf(item, entrypoint, severity, bundle));
  }
  return results;
}

/** The bundle object a result of a bundle entrypoint names; the error says why none fits. */
export function resolveReference(reference: ObjectReference, objects: readonly K8sObject[]): K8sObject {
  if ("index" in reference) {
    const object = objects[reference.index];
    if (!object) throw new ResultShapeError(`"object": ${reference.index} is past the end of input.objects (${objects.length} objects)`);
    return object;
  }
  const matches = objects.filter(
    (object) =>
      object.kind === reference.kind &&
      object.name === reference.name &&
      (reference.namespace === undefined || object.namespace === reference.namespace) &&
      (reference.apiVersion === undefined || object.apiVersion === reference.apiVersion),
  );
  const named = `${reference.kind} ${reference.namespace ? `${reference.namespace}/` : ""}${reference.name}`;
  const [first] = matches;
  if (!first) throw new ResultShapeError(`"object" names ${named}, which is not in the bundle`);
  const namespaces = new Set(matches.map((object) => object.namespace));
  if (namespaces.size > 1) {
    throw new ResultShapeError(`"object" names ${named}, which is in several namespaces (${[...namespaces].join(", ")}); add "namespace"`);
  }
  return first;
}
