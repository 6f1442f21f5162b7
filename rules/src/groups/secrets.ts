import type { AnyRule } from "@statelint/core";
import secretLiteralEnv from "../secret-literal-env/rule.js";

export const rules: readonly AnyRule[] = [secretLiteralEnv];
