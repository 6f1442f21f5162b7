import { asArray, asMapString, asRecord } from "../values.js";
import type { K8sObject } from "../object.js";

/** `app.kubernetes.io/managed-by` values of operators that do not say "operator" in them. */
const OPERATOR_MANAGERS = new Set(["cloudnative-pg", "cnpg", "pgo", "crunchydata", "strimzi", "kubedb", "kubedb.com", "stackgres", "k8ssandra", "vitess", "eck", "elastic", "scylla", "altinity"]);

/** Label key prefixes that only operators put on the objects they create. */
const OPERATOR_LABEL_PREFIXES = [
  "cnpg.io/", "postgres-operator.crunchydata.com/", "strimzi.io/", "elasticsearch.k8s.elastic.co/", "kubedb.com/", "stackgres.io/",
  "k8ssandra.io/", "cassandra.datastax.com/", "app.kubernetes.io/managed-by-operator",
];

/** Every prefix has a `/`: keys without one (`app`, `team`), most of them, need no prefix compared. */
function hasOperatorPrefix(key: string): boolean {
  if (!key.includes("/")) return false;
  for (const prefix of OPERATOR_LABEL_PREFIXES) if (key.startsWith(prefix)) return true;
  return false;
}

/** Read from the written labels in place: every workload is asked, and a copy of its labels was garbage at once. */
function labelsSayOperator(written: unknown): boolean {
  const labels = asRecord(written);
  const manager = (asMapString(labels["app.kubernetes.io/managed-by"]) ?? "").toLowerCase();
  if (manager.includes("operator") || OPERATOR_MANAGERS.has(manager)) return true;
  for (const key in labels) {
    if (hasOperatorPrefix(key) && asMapString(labels[key]) !== undefined) return true;
  }
  return false;
}

/**
 * Whether an operator owns this workload: it has ownerReferences (a controller created it), or
 * its labels or its pod template's labels name an operator. Such a workload is what an operator
 * generated from its own resource, which is the cluster statelint checks instead. Kept per
 * object: every StatefulSet rule asks.
 */
export function isOperatorManaged(object: K8sObject): boolean {
  return (object.operatorManaged ??= readsAsOperatorManaged(object));
}

function readsAsOperatorManaged(object: K8sObject): boolean {
  const metadata = asRecord(object.raw["metadata"]);
  if (asArray(metadata["ownerReferences"]).length > 0) return true;
  if (labelsSayOperator(metadata["labels"])) return true;
  const template = asRecord(asRecord(object.raw["spec"])["template"]);
  return labelsSayOperator(asRecord(template["metadata"])["labels"]);
}
