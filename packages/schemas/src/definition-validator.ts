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

/** How a message names the type of the object at `path`: its schema's title, else the field it sits under. */
function typeNameOf(schema: JsonSchema, path: readonly Segment[], rootName: string): string {
  const title = schema["title"];
  return typeof title === "string" ? title : path.length === 0 ? rootName : String(path[path.length - 1]);
}

/**
 * Validates a value against the generated Kubernetes schemas, which use a small part of JSON Schema
 * (`$ref`, `type`, `enum`, `format`, `required`, `properties`, `additionalProperties`, `items`).
 * Walking the shared definitions directly is what lets eight versions ship as one set of
 * definitions: compiled validators would repeat every shared type once per version.
 *
 * A `null` value is never wrong: Kubernetes treats an explicit null as "unset" (`creationTimestamp:
 * null` in every `kubectl create --dry-run -o yaml`). A value of the wrong type gets that one
 * problem, not another for its enumeration or format.
 */
export function validateDefinition(root: JsonSchema, rootName: string, value: unknown, context: DefinitionContext): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  // One path, pushed and popped as the walk descends; a problem takes a copy.
  const path: Segment[] = [];
  const visit = (given: JsonSchema, data: unknown): void => {
    let schema: JsonSchema | undefined = given;
    for (let hops = 0; schema && typeof schema["$ref"] === "string" && hops < 16; hops++) schema = context.resolve(schema["$ref"]);
    if (!schema || data === null) return;
    const type = schema["type"];
    if (type !== undefined && !(Array.isArray(type) ? type.some((candidate: string) => hasType(candidate, data)) : hasType(type as string, data))) {
      problems.push({ kind: "type", path: [...path], expected: Array.isArray(type) ? (type as string[]) : [type as string], value: data });
      return;
    }
    const allowed = schema["enum"];
    if (Array.isArray(allowed) && !allowed.includes(data)) problems.push({ kind: "enum", path: [...path], allowed: allowed.filter((entry) => entry !== "" && entry !== null), value: data });
    const format = schema["format"];
    if (typeof format === "string" && typeof data === "string" && !context.matchesFormat(format, data)) problems.push({ kind: "format", path: [...path], format, value: data });
    if (isRecord(data)) {
      const properties = isRecord(schema["properties"]) ? schema["properties"] : undefined;
      const additional = schema["additionalProperties"];
      const required = schema["required"];
      if (Array.isArray(required)) for (const field of required as string[]) if (!Object.hasOwn(data, field)) problems.push({ kind: "required", path: [...path], field, typeName: typeNameOf(schema, path, rootName) });
      for (const key of Object.keys(data)) {
        const property = properties && Object.hasOwn(properties, key) ? properties[key] : undefined;
        if (isRecord(property) || (property === undefined && isRecord(additional))) {
          path.push(key);
          visit((property ?? additional) as JsonSchema, data[key]);
          path.pop();
        } else if (additional === false) {
          problems.push({ kind: "unknown-field", path: [...path, key], field: key, typeName: typeNameOf(schema, path, rootName), known: properties ? Object.keys(properties) : [] });
        }
      }
    } else if (Array.isArray(data) && isRecord(schema["items"])) {
      const items = schema["items"];
      for (let index = 0; index < data.length; index++) {
        path.push(index);
        visit(items, data[index]);
        path.pop();
      }
    }
  };
  visit(root, value);
  return problems;
}
