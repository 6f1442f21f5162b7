import { defineRule, ownCopy, type Fixer } from "@statelint/core";
import { chooseVersion, DEFAULT_VERSION, removalOf, type Removal } from "@statelint/schemas";
import { compareMinor, deprecationOf, parseMinor } from "./deprecations.js";

export type MessageIds = "removed" | "deprecated" | "deprecatedKind";

/**
 * What the shipped schemas say of an apiVersion and kind, by configured version, apiVersion and
 * kind (`null`: still served): every object is asked, and a run holds a few dozen kinds.
 */
const removals = new Map<string | undefined, Map<string, Map<string, Removal | null>>>();
let rememberedRemovals = 0;
/** An editor session sees every half-typed apiVersion and kind: start over rather than grow without end. */
const MAX_REMEMBERED_REMOVALS = 10_000;

function removalFor(kubernetesVersion: string | undefined, apiVersion: string, kind: string): Removal | undefined {
  const known = removals.get(kubernetesVersion)?.get(apiVersion)?.get(kind);
  if (known !== undefined) return known ?? undefined;
  const removal = removalOf(chooseVersion(kubernetesVersion).version, apiVersion, kind);
  remember(kubernetesVersion, apiVersion, kind, removal ?? null);
  return removal;
}

function remember(kubernetesVersion: string | undefined, apiVersion: string, kind: string, removal: Removal | null): void {
  if (rememberedRemovals >= MAX_REMEMBERED_REMOVALS) {
    removals.clear();
    rememberedRemovals = 0;
  }
  let byApiVersion = removals.get(kubernetesVersion);
  if (!byApiVersion) removals.set(kubernetesVersion, (byApiVersion = new Map()));
  let byKind = byApiVersion.get(apiVersion);
  // Keys are copies (see ownCopy), so remembered answers do not keep edited files' texts alive.
  if (!byKind) byApiVersion.set(ownCopy(apiVersion), (byKind = new Map()));
  byKind.set(ownCopy(kind), removal);
  rememberedRemovals++;
}

export default defineRule<MessageIds>({
  id: "deprecated-api",
  meta: {
    category: "schema",
    severity: "error",
    description: "An object uses an apiVersion the target Kubernetes release no longer serves (error) or has deprecated (warning).",
    rationale:
      "An apiVersion the cluster no longer serves makes `kubectl apply` fail (`no matches for kind \"PodDisruptionBudget\" in version \"policy/v1beta1\"`), " +
      "typically during a cluster upgrade, when a StatefulSet bundle that deployed fine for years suddenly cannot be applied.",
    remediation:
      "Change `apiVersion` (for Endpoints, the kind) to the replacement named in the message and check the Kubernetes deprecation guide for field changes " +
      "(apps/v1 requires `spec.selector`; Ingress v1 renamed its backend fields); `statelint --fix` swaps it where the schemas are identical.",
    messages: {
      removed: '{{kind}} "{{name}}" uses apiVersion {{apiVersion}}, which Kubernetes stopped serving in {{removedIn}}; use {{replacement}}.',
      deprecated: '{{kind}} "{{name}}" uses apiVersion {{apiVersion}}, deprecated since Kubernetes {{deprecatedIn}}{{removal}}; use {{replacement}}.',
      deprecatedKind:
        '{{kind}} "{{name}}" uses the {{apiVersion}} {{kind}} API, deprecated since Kubernetes {{deprecatedIn}} (the API server warns on every write); use {{replacementKind}} ({{replacement}}).',
    },
    fixable: true,
    fixTitles: { removed: "Change apiVersion to {{replacement}}", deprecated: "Change apiVersion to {{replacement}}" },
    since: "0.1.0",
    sources: ["Kubernetes docs: Deprecated API Migration Guide"],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  check({ object, kubernetesVersion, report }) {
    const entry = deprecationOf(object.apiVersion, object.kind);
    if (!entry) {
      // Alpha and beta versions the guide does not list: the shipped schemas know which release dropped them.
      const removal = removalFor(kubernetesVersion, object.apiVersion, object.kind);
      if (removal) {
        const data = { kind: object.kind, name: object.name, apiVersion: object.apiVersion, removedIn: removal.removedIn, replacement: removal.replacement };
        report({ messageId: "removed", data, path: ["apiVersion"], severity: "error" });
      }
      return;
    }
    // No configured version, or one statelint cannot read, means the newest shipped release, as for the schemas.
    const target = parseMinor(kubernetesVersion) ?? parseMinor(DEFAULT_VERSION);
    const deprecatedIn = parseMinor(entry.deprecatedIn);
    const removedIn = parseMinor(entry.removedIn);
    // Before the deprecation the version was the right one to use.
    if (target && deprecatedIn && compareMinor(target, deprecatedIn) < 0) return;
    const data = { kind: object.kind, name: object.name, apiVersion: object.apiVersion, replacement: entry.replacement };
    const fix = entry.sameSchema ? { fix: (fixer: Fixer) => fixer.replaceValue(["apiVersion"], entry.replacement) } : {};
    if (removedIn && (!target || compareMinor(target, removedIn) >= 0)) {
      report({ messageId: "removed", data: { ...data, removedIn: entry.removedIn ?? "" }, path: ["apiVersion"], severity: "error", ...fix });
      return;
    }
    if (entry.replacementKind) {
      report({ messageId: "deprecatedKind", data: { ...data, deprecatedIn: entry.deprecatedIn, replacementKind: entry.replacementKind }, path: ["kind"], severity: "warning" });
      return;
    }
    report({
      messageId: "deprecated",
      data: { ...data, deprecatedIn: entry.deprecatedIn, removal: entry.removedIn ? ` and removed in ${entry.removedIn}` : "" },
      path: ["apiVersion"],
      severity: "warning",
      ...fix,
    });
  },
});
