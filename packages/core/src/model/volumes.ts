import { childPath, type FieldPath } from "../source/path.js";
import { containersOf, type ContainerRef, type PodTemplate } from "./extract.js";
import { asArray, asRecord, asString, type Plain } from "./values.js";

export interface VolumeMountRef {
  readonly container: ContainerRef;
  readonly name: string;
  readonly mountPath: string;
  readonly subPath: string | undefined;
  readonly readOnly: boolean;
  readonly path: FieldPath;
}

/** Every volumeMount of the init and main containers, with its path. */
export function volumeMountsOf(template: PodTemplate): VolumeMountRef[] {
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

export function podVolumesOf(template: PodTemplate): PodVolumeRef[] {
  return asArray(template.spec["volumes"]).map((value, index) => {
    const volume = asRecord(value);
    return { name: asString(volume["name"]) ?? "", volume, index, path: childPath(template.path, "spec", "volumes", index) };
  });
}
