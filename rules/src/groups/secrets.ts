import type { AnyRule } from "@statelint/core";
import secretInConfigmap from "../secret-in-configmap/rule.js";
import secretLiteralArgs from "../secret-literal-args/rule.js";
import secretLiteralEnv from "../secret-literal-env/rule.js";
import secretPlaintextManifest from "../secret-plaintext-manifest/rule.js";

export const rules: readonly AnyRule[] = [secretLiteralEnv, secretLiteralArgs, secretInConfigmap, secretPlaintextManifest];
