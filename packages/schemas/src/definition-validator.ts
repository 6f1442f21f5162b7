import type { SchemaProblem } from "./catalog.js";

type Segment = string | number;
export type JsonSchema = Readonly<Record<string, unknown>>;

/** How the walk finds the definitions and formats of one Kubernetes version. */
export interface DefinitionContext {
  /** `#/definitions/core.v1.PodSpec` → its schema */
  readonly resolve: (ref: string) => JsonSchema | undefined;
  /** Whether a string matches a named format ("quantity", "dns1123-label"). */
  readonly matchesFormat: (format: string, value: string) => boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case "object":
      return isRecord(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

/** A loop rather than `types.some(…)`: a closure per value walked was most of the walk's garbage. */
function hasAnyType(types: readonly string[], value: unknown): boolean {
  for (const type of types) if (hasType(type, value)) return true;
  return false;
}

/**
 * The kind of a parsed value as one bit, so a schema's `type` list is checked with one AND
 * (worked out once per schema) instead of a test per listed type for every value walked.
 */
const RECORD = 1;
const ARRAY = 2;
const STRING = 4;
const BOOLEAN = 8;
const INTEGER = 16;
/** A finite number that is not an integer. */
const FRACTION = 32;

function kindOf(value: unknown): number {
  switch (typeof value) {
    case "string":
      return STRING;
    case "boolean":
      return BOOLEAN;
    case "number":
      return Number.isInteger(value) ? INTEGER : Number.isFinite(value) ? FRACTION : 0;
    case "object":
      return value === null ? 0 : Array.isArray(value) ? ARRAY : RECORD;
    default:
      return 0;
  }
}

const TYPE_KINDS: Readonly<Record<string, number>> = { object: RECORD, array: ARRAY, string: STRING, boolean: BOOLEAN, integer: INTEGER, number: INTEGER | FRACTION };

/** The kinds a `type` list allows, or 0 when it names a type without a bit (then {@link hasAnyType} decides). */
function kindsOf(types: readonly string[]): number {
  let kinds = 0;
  for (const type of types) {
    const kind = Object.hasOwn(TYPE_KINDS, type) ? TYPE_KINDS[type]! : 0;
    if (kind === 0) return 0;
    kinds |= kind;
  }
  return kinds;
}

/** How a message names the type of the object at `path`: its schema's title, else the field it sits under. */
function typeNameOf(schema: JsonSchema, path: readonly Segment[], rootName: string): string {
  const title = schema["title"];
  return typeof title === "string" ? title : path.length === 0 ? rootName : String(path[path.length - 1]);
}

/** What a key of a mapping leads to: a schema to walk its value against, a field the schema forbids, or nothing to check. */
type FieldRule = SchemaNode | "unknown" | "skip";

/**
 * A schema with its `$ref`s followed and its keywords read once. The walk meets the same few
 * hundred definitions for every object; reading their keywords out of the large JSON objects
 * (and the `$ref` strings out of a table) for each value was most of its time.
 */
interface SchemaNode {
  readonly schema: JsonSchema;
  readonly types: readonly string[] | undefined;
  /** The kinds `types` allows as bits; 0 when that cannot be said in bits. */
  readonly typeKinds: number;
  readonly allowed: readonly unknown[] | undefined;
  readonly format: string | undefined;
  readonly required: readonly string[] | undefined;
  readonly properties: Readonly<Record<string, unknown>> | undefined;
  readonly additional: unknown;
  readonly itemSchema: JsonSchema | undefined;
  /** The rule of each declared property met so far. */
  readonly fields: Map<string, FieldRule>;
  /** The rule of every key the schema does not declare; `undefined` until first needed. */
  otherFields: FieldRule | undefined;
  /** The node of the list's items; `null` until first needed. */
  items: SchemaNode | undefined | null;
}

/**
 * Validates values against the generated Kubernetes schemas, which use a small part of JSON Schema
 * (`$ref`, `type`, `enum`, `format`, `required`, `properties`, `additionalProperties`, `items`).
 * Walking the shared definitions directly is what lets eight versions ship as one set of
 * definitions: compiled validators would repeat every shared type once per version. One validator
 * serves one version: what it learns of a definition is kept for every later object.
 *
 * A `null` value is never wrong: Kubernetes treats an explicit null as "unset" (`creationTimestamp:
 * null` in every `kubectl create --dry-run -o yaml`). A value of the wrong type gets that one
 * problem, not another for its enumeration or format.
 */
export function definitionValidator(context: DefinitionContext): (root: JsonSchema, rootName: string, value: unknown) => SchemaProblem[] {
  const nodes = new WeakMap<JsonSchema, SchemaNode>();

  // Kept by the schema as given too, so a kind's root (`{ $ref }`) is resolved once, not per object.
  const nodeOf = (given: JsonSchema): SchemaNode | undefined => {
    const known = nodes.get(given);
    if (known) return known;
    let schema: JsonSchema | undefined = given;
    for (let hops = 0; schema && typeof schema["$ref"] === "string" && hops < 16; hops++) schema = context.resolve(schema["$ref"]);
    if (!schema) return undefined;
    let node = nodes.get(schema);
    if (node) {
      nodes.set(given, node);
      return node;
    }
    const type = schema["type"];
    const allowed = schema["enum"];
    const format = schema["format"];
    const required = schema["required"];
    const properties = schema["properties"];
    const items = schema["items"];
    const types = type === undefined ? undefined : Array.isArray(type) ? (type as string[]) : [type as string];
    node = {
      schema,
      types,
      typeKinds: types === undefined ? 0 : kindsOf(types),
      allowed: Array.isArray(allowed) ? allowed : undefined,
      format: typeof format === "string" ? format : undefined,
      required: Array.isArray(required) ? (required as string[]) : undefined,
      properties: isRecord(properties) ? properties : undefined,
      additional: schema["additionalProperties"],
      itemSchema: isRecord(items) ? items : undefined,
      fields: new Map(),
      otherFields: undefined,
      items: null,
    };
    nodes.set(schema, node);
    nodes.set(given, node);
    return node;
  };

  const ruleOf = (node: SchemaNode, property: unknown): FieldRule => {
    if (isRecord(property) || (property === undefined && isRecord(node.additional))) return nodeOf((property ?? node.additional) as JsonSchema) ?? "skip";
    return node.additional === false ? "unknown" : "skip";
  };

  // Only declared keys are remembered: the keys of a free-form map (labels) are the user's, without end.
  const fieldRule = (node: SchemaNode, key: string): FieldRule => {
    const known = node.fields.get(key);
    if (known !== undefined) return known;
    const { properties } = node;
    if (properties && Object.hasOwn(properties, key)) {
      const rule = ruleOf(node, properties[key]);
      node.fields.set(key, rule);
      return rule;
    }
    return (node.otherFields ??= ruleOf(node, undefined));
  };

  return (root, rootName, value) => {
    const problems: SchemaProblem[] = [];
    // One path, pushed and popped as the walk descends; a problem takes a copy.
    const path: Segment[] = [];
    const visit = (node: SchemaNode | undefined, data: unknown): void => {
      if (!node || data === null) return;
      const kind = kindOf(data);
      const { types, typeKinds } = node;
      if (types !== undefined && (typeKinds === 0 ? !hasAnyType(types, data) : (typeKinds & kind) === 0)) {
        problems.push({ kind: "type", path: [...path], expected: types, value: data });
        return;
      }
      const { allowed, format } = node;
      if (allowed !== undefined && !allowed.includes(data)) problems.push({ kind: "enum", path: [...path], allowed: allowed.filter((entry) => entry !== "" && entry !== null), value: data });
      if (format !== undefined && kind === STRING && !context.matchesFormat(format, data as string)) problems.push({ kind: "format", path: [...path], format, value: data });
      if (kind === RECORD) {
        const record = data as Record<string, unknown>;
        if (node.required !== undefined) {
          for (const field of node.required) if (!Object.hasOwn(record, field)) problems.push({ kind: "required", path: [...path], field, typeName: typeNameOf(node.schema, path, rootName) });
        }
        // `for…in` lists the same keys (parsed mappings inherit none) without an array per mapping.
        for (const key in record) {
          const rule = fieldRule(node, key);
          if (rule === "unknown") {
            const { properties } = node;
            problems.push({ kind: "unknown-field", path: [...path, key], field: key, typeName: typeNameOf(node.schema, path, rootName), known: properties ? Object.keys(properties) : [] });
          } else if (rule !== "skip") {
            path.push(key);
            visit(rule, record[key]);
            path.pop();
          }
        }
      } else if (kind === ARRAY && node.itemSchema !== undefined) {
        const list = data as readonly unknown[];
        if (node.items === null) node.items = nodeOf(node.itemSchema);
        for (let index = 0; index < list.length; index++) {
          path.push(index);
          visit(node.items, list[index]);
          path.pop();
        }
      }
    };
    visit(nodeOf(root), value);
    return problems;
  };
}
