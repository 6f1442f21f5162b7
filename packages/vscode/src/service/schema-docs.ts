import type { FieldPath } from "@statelint/core";
import { describeField } from "@statelint/schemas";

/** A field of an object, as hovers ask about it. */
export interface FieldQuery {
  readonly apiVersion: string;
  readonly kind: string;
  readonly path: FieldPath;
  readonly kubernetesVersion: string | undefined;
}

/** Where hover text (markdown) for a manifest field comes from. */
export interface FieldDescriber {
  describe(field: FieldQuery): string | undefined;
}

export const noFieldDescriptions: FieldDescriber = { describe: () => undefined };

/**
 * The Kubernetes API reference descriptions shipped with `@statelint/schemas`, in the schema of the
 * configured Kubernetes version: the field's type, then its description. Custom resources and map
 * keys (a label's name) have none.
 */
export const schemaFieldDescriptions: FieldDescriber = {
  describe({ apiVersion, kind, path, kubernetesVersion }) {
    const field = describeField(apiVersion, kind, path, kubernetesVersion);
    if (!field) return undefined;
    return field.type ? `\`${field.type}\`\n\n${field.description}` : field.description;
  },
};
