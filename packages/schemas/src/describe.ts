import { chooseVersion, documentFor, mergeChunks, type ShippedVersion } from "./catalog.js";

/** What the schema says about one field of a built-in kind. */
export interface FieldDescription {
  /** The Kubernetes API reference text of the field (from the OpenAPI definitions of the release). */
  readonly description: string;
  /** The field's type as the API reference writes it: "string", "integer", "[]Container", "map[string]string", "StatefulSetSpec". */
  readonly type?: string;
}

type JsonSchema = Readonly<Record<string, unknown>>;

/** definition name → property → description */
type Descriptions = Readonly<Record<string, Readonly<Record<string, string>>>>;

const descriptionsByVersion = new Map<ShippedVersion, Descriptions>();

/** Read on the first hover only: validation never needs the descriptions (half a megabyte a version). */
function descriptionsFor(version: ShippedVersion): Descriptions {
  let descriptions = descriptionsByVersion.get(version);
  if (!descriptions) {
    descriptions = mergeChunks<Readonly<Record<string, string>>>("kubernetes-descriptions", documentFor(version).descriptionChunks, "descriptions");
    descriptionsByVersion.set(version, descriptions);
  }
  return descriptions;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const REF = "#/definitions/";

function refName(schema: JsonSchema): string | undefined {
  const ref = schema["$ref"];
  return typeof ref === "string" && ref.startsWith(REF) ? ref.slice(REF.length) : undefined;
}

function typeName(schema: JsonSchema, definitions: Readonly<Record<string, JsonSchema>>): string | undefined {
  const ref = refName(schema);
  if (ref) {
    const title = definitions[ref]?.["title"];
    return typeof title === "string" ? title : ref.slice(ref.lastIndexOf(".") + 1);
  }
  if (schema["x-kubernetes-int-or-string"]) return "integer | string";
  if (schema["format"] === "quantity") return "Quantity";
  const type = schema["type"];
  if (type === "array") {
    const items = isRecord(schema["items"]) ? typeName(schema["items"], definitions) : undefined;
    return items ? `[]${items}` : "array";
  }
  if (type === "object" && isRecord(schema["additionalProperties"])) {
    const values = typeName(schema["additionalProperties"], definitions);
    return values ? `map[string]${values}` : "object";
  }
  if (Array.isArray(type)) return type.join(" | ");
  return typeof type === "string" ? type : undefined;
}

/**
 * The description of a field of a built-in kind: `describeField("apps/v1", "StatefulSet",
 * ["spec", "serviceName"])`. Array indices (numbers) step into the items; a key of a map (a label
 * name) has no description of its own. Undefined for unknown kinds and fields.
 */
export function describeField(apiVersion: string, kind: string, fieldPath: readonly (string | number)[], kubernetesVersion?: string): FieldDescription | undefined {
  const { version } = chooseVersion(kubernetesVersion);
  const { definitions, kinds } = documentFor(version);
  let owner = kinds[apiVersion]?.[kind];
  let schema: JsonSchema | undefined = owner ? { $ref: `${REF}${owner}` } : undefined;
  let description: string | undefined;
  const deref = () => {
    for (let hops = 0; schema && hops < 16; hops++) {
      const ref = refName(schema);
      if (!ref) return;
      owner = ref;
      schema = definitions[ref];
    }
  };
  let field: JsonSchema | undefined;
  for (const segment of fieldPath) {
    deref();
    if (!schema) return undefined;
    if (typeof segment === "number") {
      if (!isRecord(schema["items"])) return undefined;
      schema = schema["items"];
      continue;
    }
    const properties = schema["properties"];
    if (isRecord(properties) && isRecord(properties[segment]) && owner) {
      description = descriptionsFor(version)[owner]?.[segment];
      field = schema = properties[segment];
      continue;
    }
    // A key of a map (labels, annotations, data): the map's own description covers it, not this key.
    if (isRecord(schema["additionalProperties"])) {
      schema = schema["additionalProperties"];
      description = undefined;
      field = undefined;
      continue;
    }
    return undefined;
  }
  if (!description || !field || typeof fieldPath[fieldPath.length - 1] !== "string") return undefined;
  const type = typeName(field, definitions);
  return { description, ...(type ? { type } : {}) };
}
