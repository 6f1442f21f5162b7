import type { AnyRule } from "@statelint/core";
import stsServiceNotHeadless from "../sts-service-not-headless/rule.js";

export const rules: readonly AnyRule[] = [stsServiceNotHeadless];
