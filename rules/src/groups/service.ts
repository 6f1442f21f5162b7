import type { AnyRule } from "@statelint/core";
import stsServiceNameMissing from "../sts-service-name-missing/rule.js";
import stsServiceNotHeadless from "../sts-service-not-headless/rule.js";

export const rules: readonly AnyRule[] = [stsServiceNameMissing, stsServiceNotHeadless];
