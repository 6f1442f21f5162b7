import { childPath, type FieldPath } from "../source/path.js";
import { containersOf, type ContainerRef, type PodTemplate, type StatefulSetView } from "./extract.js";
import { derivedInPlace } from "./memo.js";
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

/** A volumeMount as written; its path is built when first read, as only a finding reads it. */
class VolumeMount implements VolumeMountRef {
  readonly name: string;
  readonly mountPath: string;
  readonly subPath: string | undefined;
  readonly readOnly: boolean;
  private builtPath: FieldPath | undefined = undefined;

  constructor(
    readonly container: ContainerRef,
    mount: Plain,
    private readonly index: number,
  ) {
    this.name = asString(mount["name"]) ?? "";
    this.mountPath = asString(mount["mountPath"]) ?? "";
    this.subPath = asString(mount["subPath"]);
    this.readOnly = mount["readOnly"] === true;
  }

  get path(): FieldPath {
    return (this.builtPath ??= childPath(this.container.path, "volumeMounts", this.index));
  }
}

function deriveVolumeMounts(template: PodTemplate): VolumeMountRef[] {
  const result: VolumeMountRef[] = [];
  const containers = containersOf(template);
  // Loops, not a closure per container: every StatefulSet's template is asked.
  for (let at = 0; at < containers.length; at++) {
    const container = containers[at]!;
    const mounts = asArray(container.container["volumeMounts"]);
    for (let index = 0; index < mounts.length; index++) result.push(new VolumeMount(container, asRecord(mounts[index]), index));
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
export function claimVolumeNamesOf(statefulSet: StatefulSetView): ReadonlySet<string> {
  return (statefulSet.claimVolumeNames ??= deriveClaimVolumeNames(statefulSet));
}

function deriveClaimVolumeNames(statefulSet: StatefulSetView): Set<string> {
  const names = new Set<string>();
  for (const claim of statefulSet.volumeClaimTemplates) names.add(claim.name);
  if (statefulSet.template) for (const { name, volume } of podVolumesOf(statefulSet.template)) if ("persistentVolumeClaim" in volume) names.add(name);
  return names;
}
