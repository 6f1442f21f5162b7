import { childPath, type FieldPath } from "../source/path.js";
import { containersOf, type ContainerRef, type PodTemplate, type StatefulSetView } from "./extract.js";
import { derivedInPlace, derivedOnce } from "./memo.js";
import { asArray, asRecord, asString, type Plain } from "./values.js";

export interface VolumeMountRef {
  readonly container: ContainerRef;
  readonly name: string;
  readonly mountPath: string;
  readonly subPath: string | undefined;
  readonly readOnly: boolean;
  readonly path: FieldPath;
}

/** Every volumeMount of the init and main containers, with its path (derived once per template: the storage rules all ask). */
export const volumeMountsOf: (template: PodTemplate) => readonly VolumeMountRef[] = derivedInPlace(deriveVolumeMounts);

function deriveVolumeMounts(template: PodTemplate): VolumeMountRef[] {
  const result: VolumeMountRef[] = [];
  for (const container of containersOf(template)) {
    asArray(container.container["volumeMounts"]).forEach((value, index) => {
      const mount = asRecord(value);
      result.push({
        container,
        name: asString(mount["name"]) ?? "",
        mountPath: asString(mount["mountPath"]) ?? "",
        subPath: asString(mount["subPath"]),
        readOnly: mount["readOnly"] === true,
        path: childPath(container.path, "volumeMounts", index),
      });
    });
  }
  return result;
}

export interface PodVolumeRef {
  readonly name: string;
  readonly volume: Plain;
  readonly index: number;
  readonly path: FieldPath;
}

/** The pod volumes of a template, with their paths (derived once per template). */
export const podVolumesOf: (template: PodTemplate) => readonly PodVolumeRef[] = derivedInPlace((template) =>
  asArray(template.spec["volumes"]).map((value, index) => {
    const volume = asRecord(value);
    return { name: asString(volume["name"]) ?? "", volume, index, path: childPath(template.path, "spec", "volumes", index) };
  }),
);

/**
 * Names of the StatefulSet's volumes backed by a claim: its volumeClaimTemplates, then pod volumes
 * of `persistentVolumeClaim` (derived once per StatefulSet). Unnamed ones count as `""`.
 */
export const claimVolumeNamesOf: (statefulSet: StatefulSetView) => ReadonlySet<string> = derivedOnce((statefulSet) => {
  const names = new Set<string>();
  for (const claim of statefulSet.volumeClaimTemplates) names.add(claim.name);
  if (statefulSet.template) for (const { name, volume } of podVolumesOf(statefulSet.template)) if ("persistentVolumeClaim" in volume) names.add(name);
  return names;
});
