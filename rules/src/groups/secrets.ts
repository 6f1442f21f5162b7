import type { AnyRule } from "@statelint/core";

export const rules: readonly AnyRule[] = [];
