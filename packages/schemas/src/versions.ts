// The shipped Kubernetes versions and how a requested one maps onto them: all a command line needs
// to check --kubernetes-version, without loading the schemas (`@statelint/schemas/versions`).
/** The Kubernetes minor versions whose schemas ship with statelint, oldest first (scripts/versions.mjs). */
export const SHIPPED_VERSIONS = ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36"] as const;
export type ShippedVersion = (typeof SHIPPED_VERSIONS)[number];
/** The newest: a linter that knows no field of the cluster it gates fails valid manifests. */
export const DEFAULT_VERSION: ShippedVersion = "1.36";

/** How a requested `kubernetesVersion` maps onto a shipped schema. */
export interface VersionChoice {
  readonly version: ShippedVersion;
  /** The request names a release newer than any shipped schema: fields it added are unknown to it. */
  readonly newerThanShipped: boolean;
}

function minorOf(kubernetesVersion: string | undefined): number | undefined {
  const match = kubernetesVersion ? /^v?(\d+)\.(\d+)/.exec(kubernetesVersion.trim()) : null;
  return match ? Number(match[1]) * 1000 + Number(match[2]) : undefined;
}

function isShipped(version: string): version is ShippedVersion {
  return (SHIPPED_VERSIONS as readonly string[]).includes(version);
}

/**
 * "1.33", "v1.33.2" → the shipped schema of that release. A release statelint does not ship maps to
 * the nearest one, for library callers; the CLI and the editor refuse it first (`kubernetesVersionProblem`).
 */
export function chooseVersion(kubernetesVersion: string | undefined): VersionChoice {
  const minor = minorOf(kubernetesVersion);
  if (minor === undefined) return { version: DEFAULT_VERSION, newerThanShipped: false };
  let chosen: ShippedVersion = SHIPPED_VERSIONS[0];
  for (const version of SHIPPED_VERSIONS) if ((minorOf(version) ?? 0) <= minor) chosen = version;
  return { version: chosen, newerThanShipped: minor > (minorOf(DEFAULT_VERSION) ?? 0) };
}

/**
 * What is wrong with a configured `kubernetesVersion` ("1.28"), or undefined when statelint ships
 * its schemas (or none is configured). A CI gate must not validate against a release other than the
 * one it was told, so the front-ends report this as a configuration error instead of guessing.
 */
export function kubernetesVersionProblem(kubernetesVersion: string | undefined): string | undefined {
  if (kubernetesVersion === undefined) return undefined;
  const requested = /^v?(\d+\.\d+)(?:\.\d+)?$/.exec(kubernetesVersion.trim())?.[1];
  if (requested && isShipped(requested)) return undefined;
  const list = `${SHIPPED_VERSIONS.slice(0, -1).join(", ")} and ${DEFAULT_VERSION}`;
  const nearest = requested ? chooseVersion(requested).version : undefined;
  return (
    `statelint has no schemas for Kubernetes ${kubernetesVersion}; it ships ${list}. ` +
    `Set one of them${nearest ? ` (the nearest is ${nearest})` : ""}, or leave kubernetesVersion unset for the newest, ${DEFAULT_VERSION}.`
  );
}
