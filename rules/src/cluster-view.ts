import { clusterOf, type Bundle, type K8sObject, type MemberGroup, type MemberRole, type Settings, type StatefulClusterView } from "@statelint/core";

/** The view of a cluster an operator runs (not a hand-rolled StatefulSet, whose rules keep their own wording). */
export function operatorClusterOf(object: K8sObject, bundle: Bundle, settings: Settings): StatefulClusterView | undefined {
  const view = clusterOf(object, bundle, settings);
  return view && view.operator !== undefined ? view : undefined;
}

/** Members of the cluster holding a role, summed over its groups. */
export function replicasWithRole(view: StatefulClusterView, role: MemberRole): number {
  return view.members.filter((group) => group.roles.includes(role)).reduce((sum, group) => sum + group.replicas, 0);
}

/** Members of the cluster that hold data or serve clients (databases, brokers, data nodes). */
const SERVING_ROLES: readonly MemberRole[] = ["database", "broker", "data"];

export function servingGroups(view: StatefulClusterView): MemberGroup[] {
  return view.members.filter((group) => group.roles.some((role) => SERVING_ROLES.includes(role)));
}
