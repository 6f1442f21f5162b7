import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ErrorObject } from "ajv";
import { DEFAULT_VERSION, documentFor, objectSchema, type ObjectSchema } from "./catalog.js";
import { OperatorDefinitions, operatorKindJsonSchema, typeNameAt, type OperatorDataFile } from "./operator-json-schema.js";

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
type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

interface OperatorIndex {
  /** "postgresql.cnpg.io/v1 Cluster" → its data file ("cloudnative-pg"), CRD name and compiled module */
  readonly kinds: Readonly<Record<string, { readonly source: string; readonly crdName: string; readonly validators: string }>>;
  readonly sources: Readonly<Record<string, OperatorSchemaOrigin>>;
}

const DATA = new URL("../data/operators/", import.meta.url);
const require = createRequire(import.meta.url);

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

function sharedDefinitions(): Readonly<Record<string, JsonObject>> {
  shared ??= readJson<{ definitions: Record<string, JsonObject> }>("shared.json").definitions;
  return shared;
}

function loadValidator(file: string): Validator {
  let module: { validate?: Validator };
  try {
    module = require(fileURLToPath(new URL(file, DATA))) as { validate?: Validator };
  } catch (error) {
    throw new Error(`statelint's operator schema data is damaged: cannot load packages/schemas/data/operators/${file} (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); reinstall statelint`);
  }
  if (typeof module.validate !== "function") throw new Error(`statelint's operator schema data is damaged: ${file} exports no validator; reinstall statelint`);
  return module.validate;
}

/** The JSON Schema of a kind and what it takes to walk it, derived when a message first needs it. */
interface KindSchema {
  readonly structural: JsonObject;
  readonly definitions: OperatorDefinitions;
  readonly jsonSchema: JsonObject;
}

/** The key of a kind's root among its definitions: no generated definition name has parentheses. */
const ROOT = "(root)";

/**
 * The shipped validator of one kind: ajv standalone code generated ahead of time (see
 * scripts/generate-operator-crds.mjs), so a run loads it and compiles nothing. The data file and
 * the JSON Schema are read only when an object is invalid, to name its fields in messages.
 */
function precompiled(key: string, source: string, origin: OperatorSchemaOrigin, crdName: string, validators: string): ObjectSchema {
  const validate = loadValidator(validators);
  const [apiVersion, kind = ""] = key.split(" ");
  let schema: KindSchema | undefined;
  const kindSchema = (): KindSchema => {
    if (!schema) {
      const entry = dataFile(source).kinds[key];
      if (!entry) throw new Error(`statelint's operator schema data is damaged: ${key} is indexed but missing from its data file; reinstall statelint`);
      const definitions = new OperatorDefinitions(dataFile(source).definitions, sharedDefinitions);
      const { root, definitions: reached } = operatorKindJsonSchema(kind, entry.schema, definitions, `${documentFor(DEFAULT_VERSION).$id}#/definitions/meta.v1.ObjectMeta`);
      schema = { structural: entry.schema, definitions, jsonSchema: { ...reached, [ROOT]: root } };
    }
    return schema;
  };
  // ObjectMeta and its own references ("#/definitions/meta.v1.OwnerReference") are the default Kubernetes version's, as compiled.
  const resolve = (ref: string) => {
    const name = ref.slice(ref.indexOf("#/definitions/") + "#/definitions/".length);
    return ((ref.startsWith("#") ? kindSchema().jsonSchema[name] : undefined) ?? documentFor(DEFAULT_VERSION).definitions[name]) as Readonly<Record<string, unknown>> | undefined;
  };
  const description = `${apiVersion} ${kind} (CustomResourceDefinition ${crdName} of ${origin.operator} ${origin.tag}, shipped with statelint)`;
  const inner = objectSchema(description, kind, validate, { $ref: `#/definitions/${ROOT}` }, resolve);
  return {
    description,
    validate(object) {
      return inner.validate(object).map((problem) => {
        if ((problem.kind !== "unknown-field" && problem.kind !== "required") || problem.path[0] === "metadata") return problem;
        const at = problem.kind === "unknown-field" ? problem.path.slice(0, -1) : problem.path;
        const { structural, definitions } = kindSchema();
        return { ...problem, typeName: typeNameAt(kind, structural, at, definitions) };
      });
    },
  };
}

/** The apiVersion and kind pairs ("postgresql.cnpg.io/v1 Cluster") statelint ships an operator schema for. */
export function operatorKinds(): { apiVersion: string; kind: string; origin: OperatorSchemaOrigin }[] {
  const { kinds, sources } = operatorIndex();
  return Object.entries(kinds).map(([key, { source }]) => {
    const [apiVersion = "", kind = ""] = key.split(" ");
    return { apiVersion, kind, origin: sources[source] as OperatorSchemaOrigin };
  });
}

const compiled = new Map<string, { schema: ObjectSchema; origin: OperatorSchemaOrigin } | null>();

/**
 * The validator for an operator kind, loaded at its first use in a process: a run pays only for the
 * operator kinds its files contain.
 */
export function operatorSchema(apiVersion: string, kind: string): { schema: ObjectSchema; origin: OperatorSchemaOrigin } | undefined {
  const key = `${apiVersion} ${kind}`;
  const cached = compiled.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const { kinds, sources } = operatorIndex();
  const entry = kinds[key];
  const origin = entry === undefined ? undefined : sources[entry.source];
  const result = entry !== undefined && origin ? { schema: precompiled(key, entry.source, origin, entry.crdName, entry.validators), origin } : null;
  compiled.set(key, result);
  return result ?? undefined;
}
