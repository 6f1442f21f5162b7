import type { AnyRule } from "@statelint/core";
import deprecatedApi from "../deprecated-api/rule.js";
import duplicateKey from "../duplicate-key/rule.js";
import duplicateObject from "../duplicate-object/rule.js";
import imageTagMutable from "../image-tag-mutable/rule.js";
import replicasSingle from "../replicas-single/rule.js";
import resourcesMissing from "../resources-missing/rule.js";
import terminationGraceShort from "../termination-grace-short/rule.js";
import unusedSuppression from "../unused-suppression/rule.js";
import updatePartitionOutOfRange from "../update-partition-out-of-range/rule.js";
import updateStrategyOnDelete from "../update-strategy-on-delete/rule.js";
import yamlSyntax from "../yaml-syntax/rule.js";

export const rules: readonly AnyRule[] = [
  yamlSyntax,
  duplicateKey,
  duplicateObject,
  deprecatedApi,
  imageTagMutable,
  resourcesMissing,
  updateStrategyOnDelete,
  updatePartitionOutOfRange,
  terminationGraceShort,
  replicasSingle,
  unusedSuppression,
];
