import type { AnyRule } from "@statelint/core";
import pdbBlocksDrain from "../pdb-blocks-drain/rule.js";
import pdbMissing from "../pdb-missing/rule.js";
import probeLivenessEqualsReadiness from "../probe-liveness-equals-readiness/rule.js";
import probeLivenessMissing from "../probe-liveness-missing/rule.js";
import probePortUnknown from "../probe-port-unknown/rule.js";
import probeReadinessMissing from "../probe-readiness-missing/rule.js";
import probeStartupMissing from "../probe-startup-missing/rule.js";
import pvcRetentionDeleteOnDelete from "../pvc-retention-delete-on-delete/rule.js";
import pvcRetentionDeleteOnScale from "../pvc-retention-delete-on-scale/rule.js";
import pvcRetentionUnset from "../pvc-retention-unset/rule.js";
import replicasQuorum from "../replicas-quorum/rule.js";
import replicationFactorLow from "../replication-factor-low/rule.js";

/** Probes, PVC retention and availability (PodDisruptionBudgets, quorum sizes). */
export const rules: readonly AnyRule[] = [
  probeReadinessMissing,
  probeLivenessMissing,
  probeLivenessEqualsReadiness,
  probeStartupMissing,
  probePortUnknown,
  pvcRetentionUnset,
  pvcRetentionDeleteOnDelete,
  pvcRetentionDeleteOnScale,
  pdbMissing,
  pdbBlocksDrain,
  replicasQuorum,
  replicationFactorLow,
];
