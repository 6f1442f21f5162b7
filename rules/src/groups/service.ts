import type { AnyRule } from "@statelint/core";
import antiAffinityMissing from "../anti-affinity-missing/rule.js";
import antiAffinityPreferredOnly from "../anti-affinity-preferred-only/rule.js";
import antiAffinitySelectorMismatch from "../anti-affinity-selector-mismatch/rule.js";
import dbWriteServiceLoadBalanced from "../db-write-service-load-balanced/rule.js";
import serviceSelectsNothing from "../service-selects-nothing/rule.js";
import stsSelectorMismatch from "../sts-selector-mismatch/rule.js";
import stsServiceNameMissing from "../sts-service-name-missing/rule.js";
import stsServiceNotFound from "../sts-service-not-found/rule.js";
import stsServiceNotHeadless from "../sts-service-not-headless/rule.js";
import stsServicePortMismatch from "../sts-service-port-mismatch/rule.js";
import stsServiceSelectorMismatch from "../sts-service-selector-mismatch/rule.js";
import zoneSpreadMissing from "../zone-spread-missing/rule.js";

export const rules: readonly AnyRule[] = [
  stsServiceNameMissing,
  stsServiceNotFound,
  stsServiceNotHeadless,
  stsServiceSelectorMismatch,
  stsServicePortMismatch,
  stsSelectorMismatch,
  serviceSelectsNothing,
  dbWriteServiceLoadBalanced,
  antiAffinityMissing,
  antiAffinitySelectorMismatch,
  antiAffinityPreferredOnly,
  zoneSpreadMissing,
];
