import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

let shared: Ajv | undefined;
const validators = new WeakMap<object, ValidateFunction>();

/** One ajv instance for the process; creating one is costly, so it is made on first use. */
export function getAjv(): Ajv {
  shared ??= new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, useDefaults: false });
  return shared;
}

/** A validator compiled once per schema object and cached. */
export function validatorFor(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = getAjv().compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}

/** ajv's instance path (`/rules/foo/1`) as field path segments. */
export function instancePathSegments(error: ErrorObject): (string | number)[] {
  return error.instancePath
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** A readable sentence for one ajv error. */
export function describeAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return `unknown key "${String(params["additionalProperty"])}"`;
    case "enum":
      return `must be one of ${(params["allowedValues"] as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
    case "required":
      return `missing required key "${String(params["missingProperty"])}"`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}
