export {
  builtinKinds, builtinSchema, chooseVersion, isBuiltinKind, kubernetesVersionProblem, matchesFormat, removalOf, schemaSource, DEFAULT_VERSION, SHIPPED_VERSIONS,
  type ObjectSchema, type Removal, type SchemaProblem, type SchemaSource, type ShippedVersion, type VersionChoice,
} from "./catalog.js";
export { customResourceSchema, customResourceSchemas, structuralToJsonSchema, type CustomResourceSchemaSource } from "./crd.js";
export { operatorKinds, operatorSchema, type OperatorSchemaOrigin } from "./operator-crds.js";
export { isNameFormat, suggestQuantity, NAME_FORMATS, type NameFormat, type NameFormatId } from "./formats.js";
export { validateInBundle, type ObjectValidation } from "./bundle.js";
export { describeField, type FieldDescription } from "./describe.js";
