import type { AnyRule } from "@statelint/core";
import secretLiteralArgs from "../secret-literal-args/rule.js";
import secretLiteralEnv from "../secret-literal-env/rule.js";

export const rules: readonly AnyRule[] = [secretLiteralEnv, secretLiteralArgs];
