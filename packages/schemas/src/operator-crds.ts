import { readFileSync } from "node:fs";
import { DEFAULT_VERSION, documentFor, type ObjectSchema } from "./catalog.js";
import { compileCustomResourceSchema, structuralToJsonSchema } from "./crd.js";

/** Where a shipped operator schema comes from: one upstream release's CRD files. */
export interface OperatorSchemaOrigin {
  /** "CloudNativePG" */
  readonly operator: string;
  /** "cloudnative-pg/cloudnative-pg" on GitHub */
  readonly repo: string;
  readonly tag: string;
  readonly commit: string;
  /** The CRD files read, relative to the repository. */
  readonly paths: readonly string[];
  /** SPDX identifier of the upstream licence ("Apache-2.0", "Elastic-2.0"). */
  readonly licence: string;
  /** The upstream licence text, relative to data/operators/. */
  readonly licenceFile: string;
  readonly licenceNote?: string;
}

type JsonObject = Record<string, unknown>;

interface OperatorIndex {
  /** "postgresql.cnpg.io/v1 Cluster" → the data file id ("cloudnative-pg") */
  readonly kinds: Readonly<Record<string, string>>;
  readonly sources: Readonly<Record<string, OperatorSchemaOrigin>>;
}

interface OperatorDataFile {
  readonly kinds: Readonly<Record<string, { readonly crdName: string; readonly schema: JsonObject }>>;
  readonly definitions: Readonly<Record<string, JsonObject>>;
}

const DATA = new URL("../data/operators/", import.meta.url);

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, DATA), "utf8")) as T;
}

let index: OperatorIndex | undefined;
function operatorIndex(): OperatorIndex {
  index ??= readJson<OperatorIndex>("index.json");
  return index;
}

const dataFiles = new Map<string, OperatorDataFile>();
let shared: Readonly<Record<string, JsonObject>> | undefined;

function dataFile(id: string): OperatorDataFile {
  let file = dataFiles.get(id);
  if (!file) {
    file = readJson<OperatorDataFile>(`${id}.json`);
    dataFiles.set(id, file);
  }
  return file;
}

/** The definitions one kind's schema reaches, as the JSON Schema `definitions` of its root. */
class Definitions {
  /** "shared.json#/definitions/affinity" → "shared.affinity"; "#/definitions/tls" → "tls" */
  readonly structural = new Map<string, JsonObject>();
  private readonly pending: string[] = [];

  constructor(private readonly local: Readonly<Record<string, JsonObject>>) {}

  /** Where a reference of the data file points in the JSON Schema, noting the definition to convert. */
  readonly target = (ref: string): string => {
    const name = ref.slice(ref.lastIndexOf("/") + 1);
    const isShared = ref.startsWith("shared.json#");
    const key = isShared ? `shared.${name}` : name;
    if (!this.structural.has(key)) {
      if (isShared) shared ??= readJson<{ definitions: Record<string, JsonObject> }>("shared.json").definitions;
      const definition = (isShared ? shared : this.local)?.[name];
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
 * How the object at a path is named in messages, as `structuralToJsonSchema` titles it ("Cluster
 * spec.storage", "Elasticsearch spec.nodeSets[]"): a definition shared by several places cannot
 * carry the title of each, so it is worked out from the path.
 */
function typeNameAt(kind: string, schema: JsonObject, path: readonly (string | number)[], definitions: Definitions): string {
  let node = definitions.deref(schema);
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

function compile(key: string, origin: OperatorSchemaOrigin, file: OperatorDataFile): ObjectSchema {
  const entry = file.kinds[key];
  if (!entry) throw new Error(`statelint's operator schema data is damaged: ${key} is indexed but missing from its data file; reinstall statelint`);
  const [apiVersion, kind = ""] = key.split(" ");
  const definitions = new Definitions(file.definitions);
  const root = structuralToJsonSchema(entry.schema, kind, "", definitions.target);
  root["definitions"] = definitions.convert(kind);
  const own = root["definitions"] as JsonObject;
  // `metadata` is the ObjectMeta of the default Kubernetes version whatever version the run asks for:
  // it has not changed across the shipped releases, and that document is the one ajv has loaded.
  const version = DEFAULT_VERSION;
  const document = documentFor(version);
  // Each shared subtree is compiled once as a definition, rather than once per place it occurs.
  const resolve = (ref: string) => {
    const name = ref.slice(ref.indexOf("#/definitions/") + "#/definitions/".length);
    // ObjectMeta's own references ("#/definitions/meta.v1.OwnerReference") are the Kubernetes document's.
    return ((ref.startsWith("#") ? own[name] : undefined) ?? document.definitions[name]) as Readonly<Record<string, unknown>> | undefined;
  };
  const description = `${apiVersion} ${kind} (CustomResourceDefinition ${entry.crdName} of ${origin.operator} ${origin.tag}, shipped with statelint)`;
  const inner = compileCustomResourceSchema(root, kind, version, description, resolve);
  return {
    ...inner,
    validate(object) {
      return inner.validate(object).map((problem) => {
        if ((problem.kind !== "unknown-field" && problem.kind !== "required") || problem.path[0] === "metadata") return problem;
        const at = problem.kind === "unknown-field" ? problem.path.slice(0, -1) : problem.path;
        return { ...problem, typeName: typeNameAt(kind, entry.schema, at, definitions) };
      });
    },
  };
}

/** The apiVersion and kind pairs ("postgresql.cnpg.io/v1 Cluster") statelint ships an operator schema for. */
export function operatorKinds(): { apiVersion: string; kind: string; origin: OperatorSchemaOrigin }[] {
  const { kinds, sources } = operatorIndex();
  return Object.entries(kinds).map(([key, id]) => {
    const [apiVersion = "", kind = ""] = key.split(" ");
    return { apiVersion, kind, origin: sources[id] as OperatorSchemaOrigin };
  });
}

const compiled = new Map<string, { schema: ObjectSchema; origin: OperatorSchemaOrigin } | null>();

/**
 * The compiled validator for an operator kind, read and compiled at its first use in a process:
 * a run pays only for the operator kinds its files contain.
 */
export function operatorSchema(apiVersion: string, kind: string): { schema: ObjectSchema; origin: OperatorSchemaOrigin } | undefined {
  const key = `${apiVersion} ${kind}`;
  const cached = compiled.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const { kinds, sources } = operatorIndex();
  const id = kinds[key];
  const origin = id === undefined ? undefined : sources[id];
  const result = id !== undefined && origin ? { schema: compile(key, origin, dataFile(id)), origin } : null;
  compiled.set(key, result);
  return result ?? undefined;
}
