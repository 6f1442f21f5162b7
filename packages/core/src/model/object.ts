import type { FieldPath } from "../source/path.js";
import type { SourceDocument, SourceFile } from "../source/parse.js";
import type { PodTemplate, StatefulSetView } from "./extract.js";
import { apiGroup, isClusterScoped } from "./kinds.js";
import { derivedSlots, type KeepsDerived } from "./memo.js";

/** Who an object is: what findings name and what the bundle indexes. */
export interface ObjectIdentity {
  readonly apiVersion: string;
  readonly kind: string;
  /** Effective namespace: the declared one, else the run's default; `""` for cluster-scoped kinds. */
  readonly namespace: string;
  readonly name: string;
  /** `apps/v1 StatefulSet prod/postgres` */
  readonly id: string;
}

/**
 * The views nearly every check asks of an object, kept in fields of the object itself, `undefined`
 * until derived and `null` when there is none. A check already holds the object, so such a field
 * costs one load; a slot of `derived` is a second object to load, behind a closure that every
 * derivation shares (hundreds of thousands of asks in a large run). Written only by the function
 * that derives the view: podTemplateOf, statefulSetOf, isOperatorManaged.
 */
export interface KeepsObjectViews {
  podTemplateView: PodTemplate | null | undefined;
  statefulSetView: StatefulSetView | null | undefined;
  operatorManaged: boolean | undefined;
}

/** A Kubernetes object read from a file, with the means to find any of its fields in the source. */
export interface K8sObject extends ObjectIdentity, KeepsDerived, KeepsObjectViews {
  readonly group: string;
  readonly raw: Readonly<Record<string, unknown>>;
  readonly file: SourceFile;
  readonly docIndex: number;
  /** The parsed document holding the object: its plain data and the spans of its nodes. */
  readonly document: SourceDocument;
  /** Where the object sits in its document: `[]`, or `["items", 3]` inside a List. */
  readonly basePath: FieldPath;
  /** Whether `metadata.namespace` was written (rather than defaulted). */
  readonly hasExplicitNamespace: boolean;
}

export function formatObjectId(apiVersion: string, kind: string, namespace: string, name: string): string {
  // Joined, not concatenated: every object keeps its id, and a concatenation is a rope of pieces.
  return [apiVersion, " ", kind, " ", namespace, namespace ? "/" : "", name].join("");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isKubernetesObject(value: unknown): value is Record<string, unknown> & { apiVersion: string; kind: string } {
  return isRecord(value) && typeof value["apiVersion"] === "string" && typeof value["kind"] === "string";
}

function makeObject(raw: Record<string, unknown> & { apiVersion: string; kind: string }, file: SourceFile, document: SourceDocument, basePath: FieldPath, defaultNamespace: string): K8sObject {
  const metadata = isRecord(raw["metadata"]) ? raw["metadata"] : {};
  const declared = typeof metadata["namespace"] === "string" && metadata["namespace"] !== "" ? metadata["namespace"] : undefined;
  const name = typeof metadata["name"] === "string" ? metadata["name"] : typeof metadata["generateName"] === "string" ? `${metadata["generateName"]}*` : "";
  const namespace = isClusterScoped(raw.kind) ? "" : (declared ?? defaultNamespace);
  return {
    apiVersion: raw.apiVersion,
    kind: raw.kind,
    group: apiGroup(raw.apiVersion),
    namespace,
    name,
    id: formatObjectId(raw.apiVersion, raw.kind, namespace, name),
    raw,
    file,
    docIndex: document.index,
    document,
    basePath,
    hasExplicitNamespace: declared !== undefined,
    derived: derivedSlots(),
    podTemplateView: undefined,
    statefulSetView: undefined,
    operatorManaged: undefined,
  };
}

/** Where an object that is its whole document sits: shared, as every such object keeps its base path. */
const DOCUMENT_ROOT: FieldPath = Object.freeze([]);

/**
 * The Kubernetes objects of a parsed file: one per document, or one per item of a `List`.
 * Documents without `apiVersion` and `kind` are not Kubernetes objects and are skipped.
 */
export function objectsOf(file: SourceFile, defaultNamespace = "default"): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const document of file.documents) {
    const value = document.value;
    if (!isKubernetesObject(value)) continue;
    if (value.kind.endsWith("List") && Array.isArray(value["items"])) {
      value["items"].forEach((item, index) => {
        if (isKubernetesObject(item)) objects.push(makeObject(item, file, document, ["items", index], defaultNamespace));
      });
      continue;
    }
    objects.push(makeObject(value, file, document, DOCUMENT_ROOT, defaultNamespace));
  }
  return objects;
}
