import { readFileSync } from "node:fs";
// A static import, so bundles (the statelint package, the VS Code server) carry ajv with them; the
// CLI's bundle initializes it on the first `new Ajv` (packages/cli/build/commonjs.mjs).
import { Ajv, type Ajv as AjvInstance, type ErrorObject } from "ajv";
import { definitionValidator, type DefinitionContext, type JsonSchema } from "./definition-validator.js";
import { DEFAULT_VERSION, SHIPPED_VERSIONS, type ShippedVersion } from "./versions.js";

export { chooseVersion, kubernetesVersionProblem, DEFAULT_VERSION, SHIPPED_VERSIONS, type ShippedVersion, type VersionChoice } from "./versions.js";

type Segment = string | number;

/** One way an object departs from its schema, at a field path relative to the object. */
export type SchemaProblem =
  | { readonly kind: "unknown-field"; readonly path: Segment[]; readonly field: string; readonly typeName: string; readonly known: readonly string[] }
  | { readonly kind: "required"; readonly path: Segment[]; readonly field: string; readonly typeName: string }
  | { readonly kind: "type"; readonly path: Segment[]; readonly expected: readonly string[]; readonly value: unknown }
  | { readonly kind: "enum"; readonly path: Segment[]; readonly allowed: readonly unknown[]; readonly value: unknown }
  | { readonly kind: "format"; readonly path: Segment[]; readonly format: string; readonly value: unknown }
  | { readonly kind: "constraint"; readonly path: Segment[]; readonly message: string; readonly value: unknown };

/** A compiled validator for one kind, built-in or custom. */
export interface ObjectSchema {
  /** "apps/v1 StatefulSet" or "example.com/v1 Backup (CustomResourceDefinition backups.example.com)" */
  readonly description: string;
  validate(object: unknown): SchemaProblem[];
  /** Why the schema could not be compiled (then it validates nothing). */
  readonly unusable?: string;
}

const DATA = new URL("../data/", import.meta.url);

/** Where a version's schemas come from (recorded by scripts/import-openapi.mjs). */
export interface SchemaSource {
  /** The repository the definitions were read from: https://github.com/cdk8s-team/cdk8s */
  readonly repository: string;
  readonly commit: string;
  /** The file in that repository: kubernetes-schemas/v1.36.0/_definitions.json */
  readonly path: string;
  readonly license: string;
  /** The Kubernetes OpenAPI document that file was converted from. */
  readonly upstream: string;
}

/** `data/kubernetes-<version>.json`: a version's kinds and the chunks that hold its definitions. */
interface VersionIndex {
  readonly $id: string;
  readonly kubernetesVersion: string;
  readonly source: SchemaSource;
  readonly formats: Readonly<Record<string, string>>;
  readonly kinds: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly definitionChunks: readonly string[];
  readonly descriptionChunks: readonly string[];
}

/** A version's index with its definitions: the JSON Schema document the `$ref`s point into. */
export interface SchemaDocument extends VersionIndex {
  readonly definitions: Readonly<Record<string, JsonSchema>>;
}

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

function readData<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, DATA), "utf8")) as T;
}

const indexes = new Map<ShippedVersion, VersionIndex>();

/** The small part of a version's data that kind look-ups and formats need. */
export function indexFor(version: ShippedVersion): VersionIndex {
  let index = indexes.get(version);
  if (!index) {
    index = readData<VersionIndex>(`kubernetes-${version}.json`);
    indexes.set(version, index);
  }
  return index;
}

/**
 * Merges the chunks of one version, read on first use. A chunk holds the values exactly the
 * versions in its name share (scripts/generate.mjs), so a run reads its own version's and no other.
 */
export function mergeChunks<T>(prefix: string, chunks: readonly string[], key: string): Record<string, T> {
  const merged: Record<string, T> = {};
  for (const chunk of chunks) {
    const entries = readData<Record<string, Record<string, T>>>(`${prefix}.${chunk}.json`)[key] ?? {};
    for (const [name, value] of Object.entries(entries)) {
      const existing = merged[name];
      merged[name] = existing && typeof existing === "object" ? ({ ...existing, ...value } as T) : value;
    }
  }
  return merged;
}

/** Where the name of `"a\\"b":{…}` ends (its closing quote), for a name with escapes. */
function escapedNameEnd(line: string): number {
  let end = 1;
  while (end < line.length && line[end] !== '"') end += line[end] === "\\" ? 2 : 1;
  return end;
}

/**
 * A version's definitions, each parsed from its line of the chunks (scripts/generate.mjs writes one
 * definition a line) when it is first looked up: a run validates a few kinds and reaches a few
 * dozen definitions of some 800, and parsing all of them was most of a small run's schema time.
 * The parts of a definition are merged in chunk order, as mergeChunks does. To its readers (the
 * validator, ajv, hovers) it is an object like any other.
 */
function lazyDefinitions(chunks: readonly string[]): Readonly<Record<string, JsonSchema>> {
  const texts = new Map<string, string[]>();
  for (const chunk of chunks) {
    const lines = readFileSync(new URL(`kubernetes-definitions.${chunk}.json`, DATA), "utf8").split("\n");
    // The first line opens the document and its definitions, the last two close them.
    for (let at = 1; at < lines.length - 2; at++) {
      const line = lines[at]!;
      let end = line.indexOf('":');
      let name: string;
      // Names are plain (`core.v1.PodSpec`): nothing to decode.
      if (line.lastIndexOf("\\", end) === -1) name = line.slice(1, end);
      else {
        end = escapedNameEnd(line);
        name = JSON.parse(line.slice(0, end + 1)) as string;
      }
      const value = line.slice(end + 2, line.endsWith(",") ? -1 : undefined);
      const list = texts.get(name);
      if (list) list.push(value);
      else texts.set(name, [value]);
    }
  }
  const parsed = new Map<string, JsonSchema>();
  const definition = (name: string): JsonSchema => {
    let merged = parsed.get(name);
    if (merged === undefined) {
      for (const text of texts.get(name)!) {
        const value = JSON.parse(text) as JsonSchema;
        merged = merged && typeof merged === "object" ? { ...(merged as JsonSchema), ...value } : value;
      }
      parsed.set(name, merged!);
    }
    return merged!;
  };
  const own = (key: string | symbol): key is string => typeof key === "string" && texts.has(key);
  return new Proxy({} as Record<string, JsonSchema>, {
    get: (target, key) => (own(key) ? definition(key) : Reflect.get(target, key)),
    has: (target, key) => own(key) || Reflect.has(target, key),
    ownKeys: () => [...texts.keys()],
    // Listing the names (Object.keys) parses nothing; reading a value does.
    getOwnPropertyDescriptor: (_, key) => (own(key) ? { get: () => definition(key), enumerable: true, configurable: true } : undefined),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}

const documents = new Map<ShippedVersion, SchemaDocument>();

export function documentFor(version: ShippedVersion): SchemaDocument {
  let document = documents.get(version);
  if (!document) {
    const index = indexFor(version);
    document = { ...index, definitions: lazyDefinitions(index.definitionChunks) };
    documents.set(version, document);
    if (ajv) addToAjv(ajv, document);
  }
  return document;
}

const formatPatterns = new Map<string, RegExp>();

/** Whether a value matches one of the string formats of the shipped schemas ("quantity", "dns1123-label"…). */
export function matchesFormat(format: string, value: string): boolean {
  let regex = formatPatterns.get(format);
  if (!regex) {
    const pattern = indexFor(DEFAULT_VERSION).formats[format];
    if (pattern === undefined) throw new Error(`unknown format ${format}`);
    regex = new RegExp(pattern);
    formatPatterns.set(format, regex);
  }
  return regex.test(value);
}

let ajv: AjvInstance | undefined;

function addToAjv(instance: AjvInstance, { $id, definitions }: SchemaDocument): void {
  instance.addSchema({ $id, definitions }, $id);
}

/**
 * The ajv instance for schemas met at run time (CRDs in the bundle). The built-in definitions of
 * every version read so far are added, so that a custom resource's `metadata` is checked as the
 * ObjectMeta of its release.
 */
export function sharedAjv(): AjvInstance {
  if (!ajv) {
    const formats = Object.fromEntries(Object.entries(indexFor(DEFAULT_VERSION).formats).map(([name, pattern]) => [name, new RegExp(pattern)]));
    ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, formats });
    for (const document of documents.values()) addToAjv(ajv, document);
  }
  return ajv;
}

function segments(instancePath: string): Segment[] {
  if (instancePath === "") return [];
  return instancePath
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function valueAt(object: unknown, path: readonly Segment[]): unknown {
  let current = object;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === "number") current = current[segment];
    else if (isRecord(current)) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

/** Resolves `$ref`s of the form `<document $id>#/definitions/<name>` or `#/definitions/<name>`. */
type RefResolver = (ref: string) => JsonSchema | undefined;

/**
 * The schema that applies at a path, walking properties, items and maps. ajv's errors for a
 * custom resource do not carry the schemas they come from; this recovers the field list of the
 * object that has an unknown key (for "did you mean") and its type name.
 */
function schemaAt(root: JsonSchema, path: readonly Segment[], resolve: RefResolver): JsonSchema | undefined {
  const deref = (schema: JsonSchema | undefined): JsonSchema | undefined => {
    let current = schema;
    for (let hops = 0; current && typeof current["$ref"] === "string" && hops < 16; hops++) current = resolve(current["$ref"]);
    return current;
  };
  let schema = deref(root);
  for (const segment of path) {
    if (!schema) return undefined;
    const properties = schema["properties"];
    if (typeof segment === "number" && isRecord(schema["items"])) schema = deref(schema["items"] as JsonSchema);
    else if (isRecord(properties) && isRecord(properties[String(segment)])) schema = deref(properties[String(segment)] as JsonSchema);
    else if (isRecord(schema["additionalProperties"])) schema = deref(schema["additionalProperties"] as JsonSchema);
    else return undefined;
  }
  return schema;
}

function typesOf(error: ErrorObject): string[] {
  const type = (error.params as { type?: unknown }).type;
  const list = Array.isArray(type) ? type : String(type).split(",");
  return list.map(String).filter((name) => name !== "null");
}

/**
 * ajv's errors as problems. A `null` value is never wrong: Kubernetes treats an explicit null as
 * "unset" (`creationTimestamp: null` in every `kubectl create --dry-run -o yaml`).
 */
function problemsOf(errors: readonly ErrorObject[] | null | undefined, object: unknown, root: JsonSchema, rootName: string, resolve: RefResolver): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const reported = new Set<string>();
  for (const error of errors ?? []) {
    // A oneOf/anyOf reports each failing branch, then itself: only its own error says what is wrong.
    if (/\/(oneOf|anyOf)\/\d+\//.test(error.schemaPath)) continue;
    const path = segments(error.instancePath);
    const value = valueAt(object, path);
    if (value === null) continue;
    const params = error.params as Record<string, unknown>;
    let problem: SchemaProblem;
    switch (error.keyword) {
      case "additionalProperties":
      case "required": {
        const here = schemaAt(root, path, resolve);
        const title = here?.["title"];
        const typeName = typeof title === "string" ? title : path.length === 0 ? rootName : String(path[path.length - 1]);
        if (error.keyword === "required") {
          problem = { kind: "required", path, field: String(params["missingProperty"]), typeName };
          break;
        }
        const field = String(params["additionalProperty"]);
        const properties = here?.["properties"];
        problem = { kind: "unknown-field", path: [...path, field], field, typeName, known: isRecord(properties) ? Object.keys(properties) : [] };
        break;
      }
      case "type":
        problem = { kind: "type", path, expected: typesOf(error), value };
        break;
      case "enum":
        problem = { kind: "enum", path, allowed: ((params["allowedValues"] as unknown[] | undefined) ?? []).filter((allowed) => allowed !== "" && allowed !== null), value };
        break;
      case "format":
        problem = { kind: "format", path, format: String(params["format"]), value };
        break;
      case "oneOf":
        problem = { kind: "constraint", path, message: "must match exactly one of its alternatives (oneOf)", value };
        break;
      case "anyOf":
        problem = { kind: "constraint", path, message: "must match at least one of its alternatives (anyOf)", value };
        break;
      default:
        problem = { kind: "constraint", path, message: error.message ?? `fails ${error.keyword}`, value };
    }
    // One problem per field and kind: a oneOf/anyOf repeats its complaints once per branch.
    const key = `${problem.kind} ${JSON.stringify(problem.path)} ${problem.kind === "required" ? problem.field : ""}`;
    if (reported.has(key)) continue;
    reported.add(key);
    problems.push(problem);
  }
  // A wrong type explains every other complaint about the same value (its enum, its format).
  const typed = new Set(problems.filter((problem) => problem.kind === "type").map((problem) => JSON.stringify(problem.path)));
  return problems.filter((problem) => problem.kind === "type" || problem.kind === "required" || problem.kind === "unknown-field" || !typed.has(JSON.stringify(problem.path)));
}

function documentResolver(): RefResolver {
  return (ref) => {
    const hash = ref.indexOf("#/definitions/");
    if (hash === -1) return undefined;
    const base = ref.slice(0, hash);
    const name = ref.slice(hash + "#/definitions/".length);
    for (const document of documents.values()) if (base === "" || base === document.$id) if (document.definitions[name]) return document.definitions[name];
    return undefined;
  };
}

/** An ObjectSchema around a compiled validator and the schema it was compiled from. */
export function objectSchema(description: string, rootName: string, validate: Validator, root: JsonSchema, resolve: RefResolver = documentResolver()): ObjectSchema {
  return {
    description,
    validate(object) {
      return validate(object) ? [] : problemsOf(validate.errors, object, root, rootName, resolve);
    },
  };
}

/** By version, then apiVersion, then kind: asked once per object, so no key is built for a lookup. */
const builtins = new Map<ShippedVersion, Map<string, Map<string, ObjectSchema | null>>>();
const REF = "#/definitions/";

type DefinitionValidator = ReturnType<typeof definitionValidator>;

const validators = new Map<ShippedVersion, DefinitionValidator>();

/** The walk of a version's definitions, one per version so what it learns of them serves every kind. */
function versionValidator(version: ShippedVersion, definitions: Readonly<Record<string, JsonSchema>>): DefinitionValidator {
  let validator = validators.get(version);
  if (!validator) {
    const context: DefinitionContext = { resolve: (ref) => definitions[ref.slice(ref.indexOf(REF) + REF.length)], matchesFormat };
    validator = definitionValidator(context);
    validators.set(version, validator);
  }
  return validator;
}

/** The schema of a built-in kind in the given Kubernetes version, or undefined when it has none. */
export function builtinSchema(version: ShippedVersion, apiVersion: string, kind: string): ObjectSchema | undefined {
  let ofVersion = builtins.get(version);
  if (!ofVersion) builtins.set(version, (ofVersion = new Map()));
  let known = ofVersion.get(apiVersion);
  if (!known) ofVersion.set(apiVersion, (known = new Map()));
  const cached = known.get(kind);
  if (cached !== undefined) return cached ?? undefined;
  const definition = indexFor(version).kinds[apiVersion]?.[kind];
  if (!definition) {
    known.set(kind, null);
    return undefined;
  }
  const { definitions } = documentFor(version);
  const validator = versionValidator(version, definitions);
  const root = { $ref: `${REF}${definition}` };
  const schema: ObjectSchema = {
    description: `${apiVersion} ${kind} (Kubernetes ${version})`,
    validate: (object) => validator(root, kind, object),
  };
  known.set(kind, schema);
  return schema;
}

const groupOf = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "");

/** Whether any version of the group serves this kind (a kind in a removed apiVersion is another rule's business). */
export function isBuiltinKind(version: ShippedVersion, apiVersion: string, kind: string): boolean {
  return Object.entries(indexFor(version).kinds).some(([candidate, kinds]) => groupOf(candidate) === groupOf(apiVersion) && kind in kinds);
}

/** GA before beta before alpha, then the higher number: the order in which Kubernetes prefers versions. */
function stability(apiVersion: string): number {
  const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(apiVersion.slice(apiVersion.indexOf("/") + 1));
  if (!match) return 0;
  const level = match[2] === undefined ? 3 : match[2] === "beta" ? 2 : 1;
  return level * 1_000_000 + Number(match[1]) * 1000 + Number(match[3] ?? 0);
}

/** An apiVersion an earlier shipped release served and this one does not, with what serves the kind instead. */
export interface Removal {
  /** The first shipped release that no longer serves it. */
  readonly removedIn: ShippedVersion;
  /** The most stable apiVersion of the same group that serves the kind in the requested release. */
  readonly replacement: string;
}

/**
 * Whether `version` stopped serving an apiVersion and kind that an earlier shipped release served
 * (`resource.k8s.io/v1alpha3` ResourceClaim: served up to 1.33, gone in 1.34, `resource.k8s.io/v1`
 * instead), read from the shipped schemas. Undefined when the release serves it, when its group
 * no longer serves the kind at all, or when no shipped release before it served it.
 */
export function removalOf(version: ShippedVersion, apiVersion: string, kind: string): Removal | undefined {
  const kinds = indexFor(version).kinds;
  if (kinds[apiVersion]?.[kind] !== undefined) return undefined;
  const successors = Object.keys(kinds)
    .filter((candidate) => groupOf(candidate) === groupOf(apiVersion) && kinds[candidate]?.[kind] !== undefined)
    .sort((a, b) => stability(b) - stability(a));
  if (successors.length === 0) return undefined;
  const earlier = SHIPPED_VERSIONS.slice(0, SHIPPED_VERSIONS.indexOf(version));
  const lastServed = earlier.findLastIndex((release) => indexFor(release).kinds[apiVersion]?.[kind] !== undefined);
  if (lastServed === -1) return undefined;
  return { removedIn: SHIPPED_VERSIONS[lastServed + 1] ?? version, replacement: successors[0]! };
}

/** The built-in kinds of a version, for tools that walk them (benchmarks, docs). */
export function builtinKinds(version: ShippedVersion): { apiVersion: string; kind: string }[] {
  return Object.entries(indexFor(version).kinds).flatMap(([apiVersion, kinds]) => Object.keys(kinds).map((kind) => ({ apiVersion, kind })));
}

/** Where the shipped schema of a version comes from: repository, commit, path, licence. */
export function schemaSource(version: ShippedVersion): SchemaSource {
  return indexFor(version).source;
}
