/** Names Kubernetes gives to what a StatefulSet creates, and cluster DNS names. */

/** Pod `<statefulset>-<ordinal>`. */
export function podName(statefulSet: string, ordinal: number): string {
  return `${statefulSet}-${ordinal}`;
}

/** The PVC of a volumeClaimTemplate for one pod: `<claim>-<statefulset>-<ordinal>`. */
export function claimName(claim: string, statefulSet: string, ordinal: number): string {
  return `${claim}-${podName(statefulSet, ordinal)}`;
}

/** `postgres-lb.default.svc.cluster.local`. */
export function serviceDnsName(service: string, namespace: string): string {
  return `${service}.${namespace}.svc.cluster.local`;
}

/** The stable per-pod name a headless governing Service gives: `postgres-0.postgres.default.svc.cluster.local`. */
export function podDnsName(pod: string, service: string, namespace: string): string {
  return `${pod}.${serviceDnsName(service, namespace)}`;
}

/** `postgres-0 … postgres-49`: how a summarised run of names is written. */
export function nameRange(first: string, last: string): string {
  return `${first} … ${last}`;
}

/** Ordinals of a StatefulSet's pods: `spec.ordinals.start` (Kubernetes 1.27+) up to replicas. */
export function ordinals(start: number, replicas: number): number[] {
  return Array.from({ length: Math.max(0, replicas) }, (_, index) => start + index);
}
