import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
// A static import, so bundles (the statelint package, the VS Code server) carry ajv with them; core
// loads it at start-up anyway to validate the configuration.
import { Ajv, type Ajv as AjvInstance, type ErrorObject } from "ajv";

/** The Kubernetes minor versions whose schemas ship with statelint, oldest first. */
export const SHIPPED_VERSIONS = ["1.29", "1.30"] as const;
export type ShippedVersion = (typeof SHIPPED_VERSIONS)[number];
export const DEFAULT_VERSION: ShippedVersion = "1.30";

/** How a requested `kubernetesVersion` maps onto a shipped schema. */
export interface VersionChoice {
  readonly version: ShippedVersion;
  /** The request names a release newer than any shipped schema: fields it added are unknown to it. */
  readonly newerThanShipped: boolean;
}

/** "1.31", "v1.28.3" → the closest shipped schema (the newest not newer than it, else the oldest). */
export function chooseVersion(kubernetesVersion: string | undefined): VersionChoice {
  const match = kubernetesVersion ? /^v?(\d+)\.(\d+)/.exec(kubernetesVersion.trim()) : null;
  if (!match) return { version: DEFAULT_VERSION, newerThanShipped: false };
  const minor = Number(match[1]) * 1000 + Number(match[2]);
  const order = (version: string) => {
    const [major, min] = version.split(".").map(Number) as [number, number];
    return major * 1000 + min;
  };
  let chosen: ShippedVersion = SHIPPED_VERSIONS[0];
  for (const version of SHIPPED_VERSIONS) if (order(version) <= minor) chosen = version;
  return { version: chosen, newerThanShipped: minor > order(SHIPPED_VERSIONS[SHIPPED_VERSIONS.length - 1] ?? DEFAULT_VERSION) };
}


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
const require = createRequire(import.meta.url);

interface SchemaDocument {
  readonly $id: string;
  readonly kubernetesVersion: string;
  readonly source: string;
  readonly formats: Readonly<Record<string, string>>;
  readonly kinds: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly definitions: Readonly<Record<string, JsonSchema>>;
}

type JsonSchema = Readonly<Record<string, unknown>>;
type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

const documents = new Map<ShippedVersion, SchemaDocument>();

export function documentFor(version: ShippedVersion): SchemaDocument {
  let document = documents.get(version);
  if (!document) {
    document = JSON.parse(readFileSync(new URL(`kubernetes-${version}.json`, DATA), "utf8")) as SchemaDocument;
    documents.set(version, document);
  }
  return document;
}

const compiledModules = new Map<ShippedVersion, Readonly<Record<string, Validator>>>();

/** The ajv standalone validators generated from the schema document (see scripts/generate.mjs). */
function validatorsFor(version: ShippedVersion): Readonly<Record<string, Validator>> {
  let module = compiledModules.get(version);
  if (!module) {
    module = require(fileURLToPath(new URL(`kubernetes-${version}.validators.cjs`, DATA))) as Record<string, Validator>;
    compiledModules.set(version, module);
  }
  return module;
}

/** Whether a value matches one of the string formats of the shipped schemas ("quantity", "dns1123-label"…). */
export function matchesFormat(format: string, value: string): boolean {
  const pattern = documentFor(DEFAULT_VERSION).formats[format];
  if (pattern === undefined) throw new Error(`unknown format ${format}`);
  let regex = formatPatterns.get(format);
  if (!regex) {
    regex = new RegExp(pattern);
    formatPatterns.set(format, regex);
  }
  return regex.test(value);
}

const formatPatterns = new Map<string, RegExp>();

/** Kept in step with `validatorExport` in scripts/generate.mjs. */
function validatorExport(definition: string): string {
  return definition.replace(/[^A-Za-z0-9]/g, "_");
}

let ajv: AjvInstance | undefined;

/**
 * The ajv instance for schemas met at run time (CRDs in the bundle). The built-in definitions are
 * added so that a custom resource's `metadata` is checked as the ObjectMeta it is.
 */
export function sharedAjv(): AjvInstance {
  if (!ajv) {
    const document = documentFor(DEFAULT_VERSION);
    const formats = Object.fromEntries(Object.entries(document.formats).map(([name, pattern]) => [name, new RegExp(pattern)]));
    ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, formats });
    ajv.addSchema(document, document.$id);
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
 * The schema that applies at a path, walking properties, items and maps. ajv's standalone code
 * does not carry the schemas its errors come from; this recovers the field list of the object
 * that has an unknown key (for "did you mean") and its type name.
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

const builtins = new Map<string, ObjectSchema | null>();

/** The schema of a built-in kind in the given Kubernetes version, or undefined when it has none. */
export function builtinSchema(version: ShippedVersion, apiVersion: string, kind: string): ObjectSchema | undefined {
  const key = `${version} ${apiVersion} ${kind}`;
  const cached = builtins.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const document = documentFor(version);
  const definition = document.kinds[apiVersion]?.[kind];
  if (!definition) {
    builtins.set(key, null);
    return undefined;
  }
  const validate = validatorsFor(version)[validatorExport(definition)];
  if (!validate) throw new Error(`no compiled validator for ${definition} in Kubernetes ${version}; run npm run generate -w @statelint/schemas`);
  const resolve: RefResolver = (ref) => document.definitions[ref.slice(ref.indexOf("#/definitions/") + "#/definitions/".length)];
  const schema = objectSchema(`${apiVersion} ${kind} (Kubernetes ${version})`, kind, validate, { $ref: `#/definitions/${definition}` }, resolve);
  builtins.set(key, schema);
  return schema;
}

/** Whether any version of the group serves this kind (a kind in a removed apiVersion is another rule's business). */
export function isBuiltinKind(version: ShippedVersion, apiVersion: string, kind: string): boolean {
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  const document = documentFor(version);
  return Object.entries(document.kinds).some(([candidate, kinds]) => (candidate.includes("/") ? candidate.slice(0, candidate.indexOf("/")) : "") === group && kind in kinds);
}

/** The definitions of the built-in types, for tools that walk them (benchmarks, docs). */
export function builtinKinds(version: ShippedVersion): { apiVersion: string; kind: string }[] {
  return Object.entries(documentFor(version).kinds).flatMap(([apiVersion, kinds]) => Object.keys(kinds).map((kind) => ({ apiVersion, kind })));
}

/** Where the shipped schema of a version comes from ("kubernetes-types@1.30.0"). */
export function schemaSource(version: ShippedVersion): string {
  return documentFor(version).source;
}


