import { structuralToJsonSchema } from "./crd.js";

type JsonObject = Record<string, unknown>;

/** One data file of data/operators/ (written by scripts/generate-operator-crds.mjs). */
export interface OperatorDataFile {
  readonly kinds: Readonly<Record<string, { readonly crdName: string; readonly schema: JsonObject }>>;
  /** Definitions only this file's kinds use; those several files use are in shared.json. */
  readonly definitions: Readonly<Record<string, JsonObject>>;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The definitions one kind's schema reaches, as JSON Schema definitions. The generator compiles
 * them ahead of time; a run converts them again only to name the fields of an invalid object.
 */
export class OperatorDefinitions {
  /** "shared.json#/definitions/affinity" → "shared.affinity"; "#/definitions/tls" → "tls" */
  readonly structural = new Map<string, JsonObject>();
  private readonly pending: string[] = [];

  constructor(
    private readonly local: Readonly<Record<string, JsonObject>>,
    private readonly shared: () => Readonly<Record<string, JsonObject>>,
  ) {}

  /** Where a reference of the data file points in the JSON Schema, noting the definition to convert. */
  readonly target = (ref: string): string => {
    const name = ref.slice(ref.lastIndexOf("/") + 1);
    const isShared = ref.startsWith("shared.json#");
    const key = isShared ? `shared.${name}` : name;
    if (!this.structural.has(key)) {
      const definition = (isShared ? this.shared() : this.local)[name];
      if (!definition) throw new Error(`statelint's operator schema data is damaged: no definition for ${ref} in packages/schemas/data/operators; reinstall statelint`);
      this.structural.set(key, definition);
      this.pending.push(key);
    }
    return `#/definitions/${key}`;
  };

  /** Converts every definition reached so far, and those they reach. */
  convert(kind: string): JsonObject {
    const out: JsonObject = {};
    for (let key = this.pending.shift(); key !== undefined; key = this.pending.shift()) out[key] = structuralToJsonSchema(this.structural.get(key), kind, "", this.target);
    return out;
  }

  deref(node: unknown): unknown {
    let current = node;
    for (let hops = 0; isObject(current) && typeof current["$ref"] === "string" && hops < 16; hops++) current = this.structural.get(this.target(current["$ref"]).slice("#/definitions/".length));
    return current;
  }
}

/**
 * The JSON Schema of one shipped kind, with the meaning a CRD in the bundle gets (see
 * `structuralToJsonSchema`): its root, and the definitions the root and they reference by
 * `#/definitions/<name>`. `metadataRef` points at the Kubernetes ObjectMeta definition.
 */
export function operatorKindJsonSchema(kind: string, structural: JsonObject, definitions: OperatorDefinitions, metadataRef: string): { root: JsonObject; definitions: JsonObject } {
  const root = structuralToJsonSchema(structural, kind, "", definitions.target);
  const properties = root["properties"];
  // Every object has apiVersion, kind and metadata whatever the CRD author wrote, as in `compileCustomResourceSchema`.
  if (isObject(properties)) {
    properties["apiVersion"] = { type: "string" };
    properties["kind"] = { type: "string" };
    properties["metadata"] = { $ref: metadataRef };
  }
  return { root, definitions: definitions.convert(kind) };
}

/**
 * How the object at a path is named in messages, as `structuralToJsonSchema` titles it ("Cluster
 * spec.storage", "Elasticsearch spec.nodeSets[]"): a definition shared by several places cannot
 * carry the title of each, so it is worked out from the path.
 */
export function typeNameAt(kind: string, structural: JsonObject, path: readonly (string | number)[], definitions: OperatorDefinitions): string {
  let node = definitions.deref(structural);
  let name = "";
  for (const segment of path) {
    if (!isObject(node)) break;
    const properties = node["properties"];
    if (typeof segment === "number" && isObject(node["items"])) {
      node = definitions.deref(node["items"]);
      name += "[]";
    } else if (isObject(properties) && isObject(properties[String(segment)])) {
      node = definitions.deref(properties[String(segment)]);
      name = name ? `${name}.${segment}` : String(segment);
    } else if (isObject(node["additionalProperties"])) {
      node = definitions.deref(node["additionalProperties"]);
      name += ".*";
    } else break;
  }
  return name ? `${kind} ${name}` : kind;
}
