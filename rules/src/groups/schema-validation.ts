import type { AnyRule } from "@statelint/core";
import schemaInvalid from "../schema-invalid/rule.js";
import schemaUnknownField from "../schema-unknown-field/rule.js";

export const rules: readonly AnyRule[] = [schemaInvalid, schemaUnknownField];
