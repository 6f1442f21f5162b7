import type { Bundle, K8sObject } from "@statelint/core";
import { builtinSchema, chooseVersion, isBuiltinKind, type ObjectSchema, type SchemaProblem, type VersionChoice } from "./catalog.js";
import { customResourceSchema, customResourceSchemas, type CustomResourceSchemaSource } from "./crd.js";
import { operatorSchema, type OperatorSchemaOrigin } from "./operator-crds.js";

/** What the schemas say about one object of the bundle. */
export interface ObjectValidation {
  readonly version: VersionChoice;
  /** The schema used, or undefined when statelint has none for the object's apiVersion and kind. */
  readonly schema: ObjectSchema | undefined;
  /** Whether the schema came from a CustomResourceDefinition: one in the bundle, or an operator's that statelint ships. */
  readonly custom: boolean;
  /** The operator release whose shipped CRD schema was used (no CRD for the kind in the bundle). */
  readonly operator: OperatorSchemaOrigin | undefined;
  /** The kind is built in, but not in this apiVersion (a removed beta: `deprecated-api` speaks for it). */
  readonly otherVersionOfBuiltin: boolean;
  readonly problems: readonly SchemaProblem[];
}

const CRD_INDEX = "@statelint/schemas:crds";
const RESULTS = "@statelint/schemas:results";

/**
 * Both schema rules ask for every object; the version a setting names and the key of its results
 * are worked out once per setting rather than per object.
 */
const choices = new Map<string | undefined, { readonly version: VersionChoice; readonly resultsKey: string }>();

function choiceFor(kubernetesVersion: string | undefined): { readonly version: VersionChoice; readonly resultsKey: string } {
  let choice = choices.get(kubernetesVersion);
  if (!choice) {
    const version = chooseVersion(kubernetesVersion);
    choices.set(kubernetesVersion, (choice = { version, resultsKey: `${RESULTS} ${version.version}` }));
  }
  return choice;
}

function crdIndex(bundle: Bundle): Map<string, CustomResourceSchemaSource> {
  return bundle.cached(CRD_INDEX, (all) => {
    const index = new Map<string, CustomResourceSchemaSource>();
    for (const crd of all.ofKind("CustomResourceDefinition")) {
      if (crd.apiVersion !== "apiextensions.k8s.io/v1") continue;
      for (const source of customResourceSchemas(crd.raw)) if (!index.has(`${source.apiVersion} ${source.kind}`)) index.set(`${source.apiVersion} ${source.kind}`, source);
    }
    return index;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A SOPS-encrypted manifest is committed with a top-level `sops` block and `ENC[…]` strings in
 * place of its values; it is decrypted before it reaches the API, so neither is a mistake.
 */
function validateMaybeEncrypted(schema: ObjectSchema, raw: Readonly<Record<string, unknown>>): readonly SchemaProblem[] {
  if (!isRecord(raw["sops"])) return schema.validate(raw);
  const { sops: _metadata, ...plain } = raw;
  const encrypted = (value: unknown) => typeof value === "string" && value.startsWith("ENC[");
  return schema.validate(plain).filter((problem) => !("value" in problem && encrypted(problem.value)));
}

const newResults = (): WeakMap<K8sObject, ObjectValidation> => new WeakMap();

/**
 * Validates an object once per run, whichever schema rule asks first: `schema-invalid` and
 * `schema-unknown-field` report different problems of the same validation.
 */
export function validateInBundle(object: K8sObject, bundle: Bundle, kubernetesVersion: string | undefined): ObjectValidation {
  const { version, resultsKey } = choiceFor(kubernetesVersion);
  const results = bundle.cached(resultsKey, newResults);
  const cached = results.get(object);
  if (cached) return cached;
  let schema = builtinSchema(version.version, object.apiVersion, object.kind);
  let custom = false;
  let operator: OperatorSchemaOrigin | undefined;
  if (!schema) {
    // A CRD in the bundle is the one the user's cluster runs: it wins over the release statelint ships.
    const source = crdIndex(bundle).get(`${object.apiVersion} ${object.kind}`);
    const shipped = source ? undefined : operatorSchema(object.apiVersion, object.kind);
    if (source) schema = customResourceSchema(source, version.version);
    else if (shipped) {
      schema = shipped.schema;
      operator = shipped.origin;
    }
    custom = schema !== undefined;
  }
  const result: ObjectValidation = {
    version,
    schema,
    custom,
    operator,
    otherVersionOfBuiltin: !schema && isBuiltinKind(version.version, object.apiVersion, object.kind),
    problems: schema ? validateMaybeEncrypted(schema, object.raw) : [],
  };
  results.set(object, result);
  return result;
}
