import type { AnyRule } from "@statelint/core";
import fsgroupMissing from "../fsgroup-missing/rule.js";
import postgresPgdataSubdir from "../postgres-pgdata-subdir/rule.js";
import storageclassNoExpansion from "../storageclass-no-expansion/rule.js";
import storageEphemeral from "../storage-ephemeral/rule.js";
import storageclassReclaimDelete from "../storageclass-reclaim-delete/rule.js";
import vctAccessModes from "../vct-access-modes/rule.js";
import vctMissing from "../vct-missing/rule.js";
import vctMountUnknown from "../vct-mount-unknown/rule.js";
import vctStorageClassUnknown from "../vct-storage-class-unknown/rule.js";
import vctStorageClassUnset from "../vct-storage-class-unset/rule.js";
import vctStorageRequestMissing from "../vct-storage-request-missing/rule.js";
import vctUnused from "../vct-unused/rule.js";

/** Storage rules, plus the StorageClass retention rules that share their claim-to-class index. */
export const rules: readonly AnyRule[] = [
  vctMissing, vctMountUnknown, vctUnused, vctStorageRequestMissing, vctAccessModes, vctStorageClassUnset, vctStorageClassUnknown,
  fsgroupMissing, postgresPgdataSubdir, storageclassReclaimDelete, storageclassNoExpansion,
  storageEphemeral,
];
