import { ALL_CONTAINER_KINDS, containersOf, type PodTemplate } from "../model/extract.js";
import { derivedInPlace } from "../model/memo.js";
import { asArray, asRecord, asString, type Plain } from "../model/values.js";
import { childPath, type FieldPath } from "../source/path.js";

export type ReferencedKind = "Secret" | "ConfigMap";

export type ReferenceVia = "env" | "envFrom" | "volume" | "projected" | "imagePullSecret";

/** A reference from a pod template to a Secret or ConfigMap (and maybe one of its keys). */
export interface ConfigReference {
  readonly kind: ReferencedKind;
  readonly name: string;
  /** The key the reference needs, when it names one. */
  readonly key?: string;
  readonly optional: boolean;
  readonly via: ReferenceVia;
  /** Path of the field holding the referenced name. */
  readonly namePath: FieldPath;
  /** Path of the field holding the key, when there is one. */
  readonly keyPath?: FieldPath;
}

function isOptional(record: Plain): boolean {
  return record["optional"] === true;
}

function keyRef(kind: ReferencedKind, ref: Plain, path: FieldPath, via: ReferenceVia): ConfigReference | undefined {
  const name = asString(ref["name"]);
  if (!name) return undefined;
  const key = asString(ref["key"]);
  const namePath = childPath(path, "name");
  return key !== undefined
    ? { kind, name, key, keyPath: childPath(path, "key"), optional: isOptional(ref), via, namePath }
    : { kind, name, optional: isOptional(ref), via, namePath };
}

function itemsRefs(kind: ReferencedKind, source: Plain, path: FieldPath, nameField: string, via: ReferenceVia): ConfigReference[] {
  const name = asString(source[nameField]);
  if (!name) return [];
  const optional = isOptional(source);
  const items = asArray(source["items"]);
  const base = { kind, name, optional, via, namePath: childPath(path, nameField) } as const;
  if (items.length === 0) return [base];
  return items.map((item, index) => {
    const key = asString(asRecord(item)["key"]);
    return key === undefined ? base : { ...base, key, keyPath: childPath(path, "items", index, "key") };
  });
}

/**
 * Every Secret and ConfigMap reference of a pod template: env, envFrom, volumes and projected
 * volumes. Worked out once per template: the StatefulSet view and five rules ask for each one.
 */
export const configReferencesOf: (template: PodTemplate) => readonly ConfigReference[] = derivedInPlace(findConfigReferences);

function findConfigReferences(template: PodTemplate): ConfigReference[] {
  const result: ConfigReference[] = [];
  for (const ref of containersOf(template, ALL_CONTAINER_KINDS)) {
    asArray(ref.container["env"]).forEach((env, index) => {
      const valueFrom = asRecord(asRecord(env)["valueFrom"]);
      // Most variables are plain values: no paths are built for them.
      if (valueFrom["secretKeyRef"] === undefined && valueFrom["configMapKeyRef"] === undefined) return;
      const path = childPath(ref.path, "env", index, "valueFrom");
      const secret = keyRef("Secret", asRecord(valueFrom["secretKeyRef"]), childPath(path, "secretKeyRef"), "env");
      if (secret) result.push(secret);
      const configMap = keyRef("ConfigMap", asRecord(valueFrom["configMapKeyRef"]), childPath(path, "configMapKeyRef"), "env");
      if (configMap) result.push(configMap);
    });
    asArray(ref.container["envFrom"]).forEach((source, index) => {
      const record = asRecord(source);
      const path = childPath(ref.path, "envFrom", index);
      for (const [kind, field] of [["Secret", "secretRef"], ["ConfigMap", "configMapRef"]] as const) {
        const target = asRecord(record[field]);
        const name = asString(target["name"]);
        if (name) result.push({ kind, name, optional: isOptional(target), via: "envFrom", namePath: childPath(path, field, "name") });
      }
    });
  }
  asArray(template.spec["volumes"]).forEach((volume, index) => {
    const record = asRecord(volume);
    const path = childPath(template.path, "spec", "volumes", index);
    if (record["secret"] !== undefined) result.push(...itemsRefs("Secret", asRecord(record["secret"]), childPath(path, "secret"), "secretName", "volume"));
    if (record["configMap"] !== undefined) result.push(...itemsRefs("ConfigMap", asRecord(record["configMap"]), childPath(path, "configMap"), "name", "volume"));
    asArray(asRecord(record["projected"])["sources"]).forEach((source, sourceIndex) => {
      const sourceRecord = asRecord(source);
      const sourcePath = childPath(path, "projected", "sources", sourceIndex);
      if (sourceRecord["secret"] !== undefined) result.push(...itemsRefs("Secret", asRecord(sourceRecord["secret"]), childPath(sourcePath, "secret"), "name", "projected"));
      if (sourceRecord["configMap"] !== undefined) result.push(...itemsRefs("ConfigMap", asRecord(sourceRecord["configMap"]), childPath(sourcePath, "configMap"), "name", "projected"));
    });
  });
  return result;
}

const KEY_FIELDS = ["data", "stringData", "binaryData"] as const;

/** Keys a Secret or ConfigMap defines (`data`, `stringData`, `binaryData`). */
export function definedKeys(object: { raw: Plain }): ReadonlySet<string> {
  const keys = new Set<string>();
  // Loops without an array of keys or fields: every Secret and ConfigMap referenced is asked.
  for (let at = 0; at < KEY_FIELDS.length; at++) {
    const data = asRecord(object.raw[KEY_FIELDS[at]!]);
    for (const key in data) keys.add(key);
  }
  return keys;
}
