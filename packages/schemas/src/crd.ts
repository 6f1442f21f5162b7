import { DEFAULT_VERSION, documentFor, objectSchema, sharedAjv, type ObjectSchema, type ShippedVersion } from "./catalog.js";

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Keywords that validate; the rest (description, default, example, x-kubernetes-validations as CEL,
// formats Kubernetes itself does not enforce) is dropped so ajv never rejects a schema it cannot read.
const KEPT = ["enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties"];

// POSIX classes Go's regexp (RE2) accepts inside brackets and JavaScript does not: `[[:print:]]`.
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: "0-9A-Za-z", alpha: "A-Za-z", ascii: "\\x00-\\x7F", blank: "\\t ", cntrl: "\\x00-\\x1F\\x7F", digit: "0-9", graph: "!-~",
  lower: "a-z", print: " -~", punct: "!-\\/:-@\\[-`{-~", space: "\\t\\n\\v\\f\\r ", upper: "A-Z", word: "\\w", xdigit: "0-9A-Fa-f",
};

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

/**
 * A CRD's `pattern` is checked by the apiserver with Go's regexp; ajv uses JavaScript's with the
 * `u` flag, which rejects POSIX classes and escapes of plain characters (`\ `). The pattern with
 * those rewritten, or undefined when it still does not compile: that one check is skipped, not
 * the whole schema.
 */
export function javascriptPattern(pattern: string): string | undefined {
  if (compiles(pattern)) return pattern;
  const rewritten = pattern
    .replace(/\[:(\w+):\]/g, (whole, name: string) => POSIX_CLASSES[name] ?? whole)
    .replace(/\\([^A-Za-z0-9\\^$.*+?()[\]{}|/-])/g, "$1");
  return compiles(rewritten) ? rewritten : undefined;
}

/**
 * An OpenAPI v3 structural schema (a CRD's `openAPIV3Schema`) as a JSON Schema with the meaning
 * the apiserver gives it: fields the schema does not list are pruned, so they are unknown, unless
 * `x-kubernetes-preserve-unknown-fields` keeps them; `x-kubernetes-int-or-string` accepts both.
 */
export function structuralToJsonSchema(node: unknown, title: string, path = "", mapRef?: (ref: string) => string): JsonObject {
  if (!isObject(node)) return {};
  // The operator schemas statelint ships write repeated subtrees once; a CRD's own schema has no `$ref`.
  if (mapRef && typeof node["$ref"] === "string") return { $ref: mapRef(node["$ref"]) };
  const out: JsonObject = {};
  for (const key of KEPT) if (key in node) out[key] = node[key];
  if (typeof out["pattern"] === "string") {
    const pattern = javascriptPattern(out["pattern"]);
    if (pattern === undefined) delete out["pattern"];
    else out["pattern"] = pattern;
  }
  if (node["x-kubernetes-int-or-string"] === true) out["type"] = ["integer", "string"];
  else if (typeof node["type"] === "string") out["type"] = node["type"];
  if (node["nullable"] === true && out["type"] !== undefined) out["type"] = [...(Array.isArray(out["type"]) ? out["type"] : [out["type"]]), "null"];
  if (Array.isArray(out["enum"]) && node["nullable"] === true) out["enum"] = [...out["enum"], null];
  if (Array.isArray(node["required"])) out["required"] = node["required"];
  for (const combinator of ["allOf", "anyOf", "oneOf"]) {
    const list = node[combinator];
    // In structural schemas these carry value validations only (no new fields), so they never prune.
    if (Array.isArray(list)) out[combinator] = list.map((branch) => ({ ...structuralToJsonSchema(branch, title, path, mapRef), additionalProperties: true }));
  }
  if (isObject(node["not"])) out["not"] = { ...structuralToJsonSchema(node["not"], title, path, mapRef), additionalProperties: true };
  if (isObject(node["items"])) out["items"] = structuralToJsonSchema(node["items"], title, `${path}[]`, mapRef);
  const preserve = node["x-kubernetes-preserve-unknown-fields"] === true;
  const embedded = node["x-kubernetes-embedded-resource"] === true;
  if (isObject(node["properties"])) {
    const properties: JsonObject = {};
    for (const [name, child] of Object.entries(node["properties"])) properties[name] = structuralToJsonSchema(child, title, path ? `${path}.${name}` : name, mapRef);
    if (embedded) for (const name of ["apiVersion", "kind", "metadata"]) properties[name] ??= {};
    out["properties"] = properties;
    if (!preserve && node["additionalProperties"] === undefined) {
      out["additionalProperties"] = false;
      // Unknown-field messages name the object by kind and path: "Backup spec.source".
      out["title"] = path ? `${title} ${path}` : title;
    }
  }
  if (isObject(node["additionalProperties"])) out["additionalProperties"] = structuralToJsonSchema(node["additionalProperties"], title, `${path}.*`, mapRef);
  else if (node["additionalProperties"] === true) out["additionalProperties"] = true;
  return out;
}

/** What a CustomResourceDefinition in the bundle says about the kinds it defines. */
export interface CustomResourceSchemaSource {
  readonly apiVersion: string;
  readonly kind: string;
  /** `backups.example.com` */
  readonly crdName: string;
  readonly openAPIV3Schema: JsonObject;
}

/** Every served version of a CRD object (`apiextensions.k8s.io/v1`) that carries a schema. */
export function customResourceSchemas(crd: unknown): CustomResourceSchemaSource[] {
  if (!isObject(crd)) return [];
  const spec = crd["spec"];
  const metadata = crd["metadata"];
  if (!isObject(spec) || !isObject(spec["names"]) || typeof spec["group"] !== "string") return [];
  const kind = spec["names"]["kind"];
  if (typeof kind !== "string") return [];
  const crdName = isObject(metadata) && typeof metadata["name"] === "string" ? metadata["name"] : `${String(spec["names"]["plural"])}.${spec["group"]}`;
  const result: CustomResourceSchemaSource[] = [];
  for (const version of Array.isArray(spec["versions"]) ? spec["versions"] : []) {
    if (!isObject(version) || typeof version["name"] !== "string") continue;
    const schema = isObject(version["schema"]) ? version["schema"]["openAPIV3Schema"] : undefined;
    if (!isObject(schema)) continue;
    result.push({ apiVersion: `${spec["group"]}/${version["name"]}`, kind, crdName, openAPIV3Schema: schema });
  }
  return result;
}

// Keyed by the schema's text, not its object: the language server re-parses a file on every edit, and
// compiling a large CRD costs far more than serializing it. Bounded, oldest first out.
const compiled = new Map<string, ObjectSchema>();
const MAX_COMPILED = 64;

/** A validator for the custom resources of one CRD version, compiled once per distinct schema. */
export function customResourceSchema(source: CustomResourceSchemaSource, version: ShippedVersion = DEFAULT_VERSION): ObjectSchema {
  const key = `${version} ${source.apiVersion} ${source.kind} ${JSON.stringify(source.openAPIV3Schema)}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const root = structuralToJsonSchema(source.openAPIV3Schema, source.kind);
  const schema = compileCustomResourceSchema(root, source.kind, version, `${source.apiVersion} ${source.kind} (CustomResourceDefinition ${source.crdName})`);
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, schema);
  return schema;
}

/** Compiles the JSON Schema of a custom resource (from `structuralToJsonSchema`), uncached. */
function compileCustomResourceSchema(root: JsonObject, kind: string, version: ShippedVersion, description: string): ObjectSchema {
  const document = documentFor(version);
  const properties = isObject(root["properties"]) ? root["properties"] : undefined;
  // Every object has apiVersion, kind and metadata whatever the CRD author wrote; metadata is ObjectMeta.
  if (properties) {
    properties["apiVersion"] = { type: "string" };
    properties["kind"] = { type: "string" };
    properties["metadata"] = { $ref: `${document.$id}#/definitions/meta.v1.ObjectMeta` };
  }
  try {
    return objectSchema(description, kind, sharedAjv().compile(root), root);
  } catch (error) {
    // A schema ajv cannot compile (a pattern in a regex dialect JavaScript lacks) validates nothing rather than everything.
    return { description, validate: () => [], unusable: error instanceof Error ? error.message : String(error) };
  }
}
