import { readFileSync } from "node:fs";
import type { ObjectSchema, ShippedVersion } from "./catalog.js";
import { compileCustomResourceSchema, type CustomResourceSchemaSource } from "./crd.js";

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

/**
 * The generator wrote each repeated subtree once; put it back where it was referenced. Every
 * reference to a definition gets the same object, so the tree costs what the file costs.
 */
function inflate(node: unknown, local: Readonly<Record<string, JsonObject>>, done: Map<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => inflate(item, local, done));
  if (!isObject(node)) return node;
  const ref = node["$ref"];
  if (typeof ref === "string") {
    const existing = done.get(ref);
    if (existing !== undefined) return existing;
    const name = ref.slice(ref.lastIndexOf("/") + 1);
    const isShared = ref.startsWith("shared.json#");
    if (isShared) shared ??= readJson<{ definitions: Record<string, JsonObject> }>("shared.json").definitions;
    const definition = (isShared ? shared : local)?.[name];
    if (!definition) throw new Error(`statelint's operator schema data is damaged: no definition for ${ref} in packages/schemas/data/operators; reinstall statelint`);
    const result = inflate(definition, local, done);
    done.set(ref, result);
    return result;
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inflate(value, local, done)]));
}

/** The apiVersion and kind pairs ("postgresql.cnpg.io/v1 Cluster") statelint ships an operator schema for. */
export function operatorKinds(): { apiVersion: string; kind: string; origin: OperatorSchemaOrigin }[] {
  const { kinds, sources } = operatorIndex();
  return Object.entries(kinds).map(([key, id]) => {
    const [apiVersion = "", kind = ""] = key.split(" ");
    return { apiVersion, kind, origin: sources[id] as OperatorSchemaOrigin };
  });
}

/** The upstream CRD schema of an operator kind as statelint ships it, or undefined for any other kind. */
export function operatorSchemaSource(apiVersion: string, kind: string): (CustomResourceSchemaSource & { readonly origin: OperatorSchemaOrigin }) | undefined {
  const key = `${apiVersion} ${kind}`;
  const { kinds, sources } = operatorIndex();
  const id = kinds[key];
  if (id === undefined) return undefined;
  const file = dataFile(id);
  const entry = file.kinds[key];
  const origin = sources[id];
  if (!entry || !origin) throw new Error(`statelint's operator schema data is damaged: ${key} is indexed in ${id}.json but missing there; reinstall statelint`);
  const openAPIV3Schema = inflate(entry.schema, file.definitions, new Map()) as JsonObject;
  return { apiVersion, kind, crdName: entry.crdName, openAPIV3Schema, origin };
}

const compiled = new Map<string, { schema: ObjectSchema; origin: OperatorSchemaOrigin } | null>();

/**
 * The compiled validator for an operator kind, read and compiled at its first use in a process:
 * a run pays only for the operator kinds its files contain.
 */
export function operatorSchema(apiVersion: string, kind: string, version: ShippedVersion): { schema: ObjectSchema; origin: OperatorSchemaOrigin } | undefined {
  const key = `${version} ${apiVersion} ${kind}`;
  const cached = compiled.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const source = operatorSchemaSource(apiVersion, kind);
  const result = source
    ? {
        schema: compileCustomResourceSchema(source, version, `${apiVersion} ${kind} (CustomResourceDefinition ${source.crdName} of ${source.origin.operator} ${source.origin.tag}, shipped with statelint)`),
        origin: source.origin,
      }
    : null;
  compiled.set(key, result);
  return result ?? undefined;
}
