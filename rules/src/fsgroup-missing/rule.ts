import {
  asArray, asInteger, asRecord, asString, childPath, claimVolumeNamesOf, defineRule, isOperatorManaged, statefulSetOf, volumeMountsOf,
  type ContainerRef, type Plain, type VolumeMountRef,
} from "@statelint/core";

export type MessageIds = "fsGroupMissing";

/** The user a container runs as, merging its securityContext over the pod's as the kubelet does. */
function runsAsNonRoot(container: Plain, pod: Plain): { nonRoot: boolean; user: string } {
  const own = asRecord(container["securityContext"]);
  const user = asInteger(own["runAsUser"]) ?? asInteger(pod["runAsUser"]);
  if (user !== undefined) return { nonRoot: user !== 0, user: `UID ${user}` };
  const nonRoot = own["runAsNonRoot"] ?? pod["runAsNonRoot"];
  return { nonRoot: nonRoot === true, user: "a non-root user" };
}

/** An init container that fixes ownership itself (the "volume-permissions" pattern) makes fsGroup unnecessary. */
function fixesOwnership(container: ContainerRef): boolean {
  const words = [...asArray(container.container["command"]), ...asArray(container.container["args"])].map((part) => asString(part) ?? "");
  return words.some((word) => /\bch(own|mod)\b/.test(word));
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** Claims mounted by an init container that fixes their ownership; most pods have none, and get no set of their own. */
function ownershipFixedByInit(mounts: readonly VolumeMountRef[], claims: ReadonlySet<string>): ReadonlySet<string> {
  let names: Set<string> | undefined;
  for (const mount of mounts) {
    if (mount.container.kind !== "initContainer" || mount.name === "" || !claims.has(mount.name) || !fixesOwnership(mount.container)) continue;
    (names ??= new Set()).add(mount.name);
  }
  return names ?? NO_NAMES;
}

export default defineRule<MessageIds>({
  id: "fsgroup-missing",
  kinds: ["StatefulSet"],
  meta: {
    category: "storage",
    severity: "warning",
    description: "A pod mounts a claim and runs as non-root, but sets no pod `securityContext.fsGroup`.",
    rationale:
      "A freshly provisioned volume is usually owned by root. A database running as a non-root user cannot write to it " +
      "unless the kubelet hands the volume to the pod's fsGroup, so the first pod crash-loops on a permission error during initdb.",
    remediation: "Set `spec.template.spec.securityContext.fsGroup` to the group the database runs as (for the postgres image, `999`).",
    messages: {
      fsGroupMissing:
        'Container "{{container}}" of StatefulSet "{{statefulSet}}" runs as {{user}} and mounts claim "{{claim}}", but the pod sets no securityContext.fsGroup, so the volume may not be writable; set fsGroup to the container\'s group.',
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-the-security-context-for-a-pod"],
    defaultOptions: {},
  },
  check({ object, report }) {
    if (isOperatorManaged(object)) return;
    const statefulSet = statefulSetOf(object);
    const template = statefulSet?.template;
    if (!template) return;
    const podSecurity = asRecord(template.spec["securityContext"]);
    const fsGroup = podSecurity["fsGroup"];
    if (fsGroup !== undefined && fsGroup !== null) return;
    const claims = claimVolumeNamesOf(statefulSet);
    const mounts = volumeMountsOf(template);
    let chowned: ReadonlySet<string> | undefined;
    for (const mount of mounts) {
      if (mount.name === "" || !claims.has(mount.name)) continue;
      chowned ??= ownershipFixedByInit(mounts, claims);
      if (chowned.has(mount.name)) continue;
      const { nonRoot, user } = runsAsNonRoot(mount.container.container, podSecurity);
      if (!nonRoot) continue;
      const hasSecurityContext = "securityContext" in template.spec;
      report({
        messageId: "fsGroupMissing",
        data: { container: mount.container.name, statefulSet: object.name, user, claim: mount.name },
        path: hasSecurityContext ? childPath(template.path, "spec", "securityContext") : childPath(template.path, "spec"),
        at: "key",
      });
      // fsGroup is one pod-wide setting: a second container needing it would only repeat the finding.
      return;
    }
  },
});
