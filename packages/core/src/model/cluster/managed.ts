import { asArray, asRecord, asStringMap } from "../values.js";
import type { K8sObject } from "../object.js";

/** `app.kubernetes.io/managed-by` values of operators that do not say "operator" in them. */
const OPERATOR_MANAGERS = new Set(["cloudnative-pg", "cnpg", "pgo", "crunchydata", "strimzi", "kubedb", "kubedb.com", "stackgres", "k8ssandra", "vitess", "eck", "elastic", "scylla", "altinity"]);

/** Label key prefixes that only operators put on the objects they create. */
const OPERATOR_LABEL_PREFIXES = [
  "cnpg.io/", "postgres-operator.crunchydata.com/", "strimzi.io/", "elasticsearch.k8s.elastic.co/", "kubedb.com/", "stackgres.io/",
  "k8ssandra.io/", "cassandra.datastax.com/", "app.kubernetes.io/managed-by-operator",
];

function labelsSayOperator(labels: Readonly<Record<string, string>>): boolean {
  const manager = (labels["app.kubernetes.io/managed-by"] ?? "").toLowerCase();
  if (manager.includes("operator") || OPERATOR_MANAGERS.has(manager)) return true;
  return Object.keys(labels).some((key) => OPERATOR_LABEL_PREFIXES.some((prefix) => key.startsWith(prefix)));
}

/**
 * Whether an operator owns this workload: it has ownerReferences (a controller created it), or
 * its labels or its pod template's labels name an operator. Such a workload is what an operator
 * generated from its own resource, which is the cluster statelint checks instead.
 */
export function isOperatorManaged(object: K8sObject): boolean {
  let managed = MANAGED.get(object);
  if (managed === undefined) {
    managed = readsAsOperatorManaged(object);
    MANAGED.set(object, managed);
  }
  return managed;
}

/** Every StatefulSet rule asks; objects do not change during a run, so the answer is kept per object. */
const MANAGED = new WeakMap<K8sObject, boolean>();

function readsAsOperatorManaged(object: K8sObject): boolean {
  const metadata = asRecord(object.raw["metadata"]);
  if (asArray(metadata["ownerReferences"]).length > 0) return true;
  if (labelsSayOperator(asStringMap(metadata["labels"]))) return true;
  const template = asRecord(asRecord(object.raw["spec"])["template"]);
  return labelsSayOperator(asStringMap(asRecord(template["metadata"])["labels"]));
}
