import type { FieldPath } from "@statelint/core";

/** A field of an object, as hovers ask about it. */
export interface FieldQuery {
  readonly apiVersion: string;
  readonly kind: string;
  readonly path: FieldPath;
  readonly kubernetesVersion: string | undefined;
}

/**
 * Where hover text for a manifest field comes from. `@statelint/schemas` is meant to provide one
 * (the Kubernetes OpenAPI descriptions); until it exports one, fields have no description and
 * hovers show findings only.
 */
export interface FieldDescriber {
  describe(field: FieldQuery): string | undefined;
}

export const noFieldDescriptions: FieldDescriber = { describe: () => undefined };
