import type { AnyRule } from "@statelint/core";
import backupMissing from "../backup-missing/rule.js";
import configmapRefUnresolved from "../configmap-ref-unresolved/rule.js";
import dbProxySingle from "../db-proxy-single/rule.js";
import drOffsiteMissing from "../dr-offsite-missing/rule.js";
import operatorRecommended from "../operator-recommended/rule.js";
import replicationAsyncOnly from "../replication-async-only/rule.js";
import replicationUnconfigured from "../replication-unconfigured/rule.js";
import secretEnvFrom from "../secret-env-from/rule.js";
import secretInConfigmap from "../secret-in-configmap/rule.js";
import secretKeyUnresolved from "../secret-key-unresolved/rule.js";
import secretLiteralArgs from "../secret-literal-args/rule.js";
import secretLiteralEnv from "../secret-literal-env/rule.js";
import secretPlaintextManifest from "../secret-plaintext-manifest/rule.js";
import secretRefUnresolved from "../secret-ref-unresolved/rule.js";

/** The secrets-hygiene rules, plus the availability rules about replication, backups, proxies and operators. */
export const rules: readonly AnyRule[] = [
  secretLiteralEnv,
  secretLiteralArgs,
  secretInConfigmap,
  secretPlaintextManifest,
  secretRefUnresolved,
  secretKeyUnresolved,
  secretEnvFrom,
  configmapRefUnresolved,
  replicationUnconfigured,
  replicationAsyncOnly,
  backupMissing,
  drOffsiteMissing,
  dbProxySingle,
  operatorRecommended,
];
