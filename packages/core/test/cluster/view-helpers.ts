import { Bundle, clusterOf, formatFieldPath, objectsOf, parseSource, rangeOfField, type FieldRef, type StatefulClusterView } from "@statelint/core";

/** The objects of one or more YAML texts, as one bundle. */
export function bundleOf(...texts: string[]): Bundle {
  return new Bundle(texts.flatMap((text, index) => objectsOf(parseSource(`file${index}.yaml`, text))));
}

/** The cluster view of the first object of a kind in the bundle. */
export function viewOf(bundle: Bundle, kind: string): StatefulClusterView | undefined {
  const object = bundle.objects.find((candidate) => candidate.kind === kind);
  if (!object) throw new Error(`no ${kind} in the bundle`);
  return clusterOf(object, bundle);
}

/** A field ref as a user reads it: `KafkaNodePool broker spec.storage.type @ 14:11`. */
export function where(ref: FieldRef | undefined): string {
  if (!ref) return "undefined";
  const { start } = rangeOfField(ref.object, ref.path);
  return `${ref.object.kind} ${ref.object.name} ${formatFieldPath(ref.path)} @ ${start.line}:${start.column}`;
}
