// The Kubernetes minor versions statelint ships schemas for, oldest first; keep in step with
// SHIPPED_VERSIONS in src/versions.ts (a test compares them).
export const KUBERNETES_VERSIONS = ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36"];

/** The committed input of generate.mjs, written by import-openapi.mjs (relative to the package). */
export const INPUT = "inputs/kubernetes-openapi.json.gz";
