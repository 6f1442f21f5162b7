// Derives statelint's Kubernetes JSON Schemas from the `kubernetes-types` declaration files.
//
// Why this source: `kubernetes-types` is generated from the Kubernetes OpenAPI spec of one exact
// release and keeps what unknown-field detection needs: every property name of every type, which
// ones are required (no `?`), and their types (IntOrString as `number | string`, Quantity, Time).
// `kubernetes-models` carries only ajv-compiled code without `additionalProperties`, so it cannot
// tell a typo from a field. What the declarations lose (enumerations, integer vs float, name
// formats) is added from `overlay.mjs`, written from the Kubernetes API reference.
//
// Run `npm run generate -w @statelint/schemas` after changing this file or the overlay; the output
// in `data/` is committed so that neither `kubernetes-types` nor TypeScript is needed at run time.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { Ajv } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { _ } from "ajv/dist/compile/codegen/index.js";
import { ENUMS, EXTRA_PROPERTIES, FORMATS, FORMAT_PATTERNS, FLOAT_TYPES, FREE_FORM_TYPES, NOT_REQUIRED } from "./overlay.mjs";

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, "..", "data");

/** Kubernetes minor version → the package (or npm alias) holding its declarations. */
const SOURCES = { "1.29": "kubernetes-types-1.29", "1.30": "kubernetes-types" };

function declarationFiles(root) {
  const files = [];
  for (const entry of readdirSync(root)) {
    const path = join(root, entry);
    if (statSync(path).isDirectory()) files.push(...declarationFiles(path));
    else if (entry.endsWith(".d.ts")) files.push(path);
  }
  return files;
}

/** `apps/v1.d.ts` → `apps.v1`: the prefix of every definition name of that file. */
function moduleId(root, file) {
  return relative(root, file).replace(/\.d\.ts$/, "").split("/").join(".");
}

/**
 * The JSDoc comment of a declaration as plain text, without the `+optional`-style markers of the
 * Go sources. Read from the raw comment rather than TypeScript's JSDoc parse, which would cut a
 * description at an `@` that merely looks like a tag.
 */
function descriptionOf(node, source) {
  const jsDoc = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).at(-1);
  if (!jsDoc) return undefined;
  const text = jsDoc.getText(source)
    .replace(/^\/\*\*/, "").replace(/\*\/$/, "")
    .split("\n").map((line) => line.replace(/^\s*\* ?/, "").trimEnd()).join("\n")
    .replace(/(^|\s)\+(optional|required|listType|listMapKey|mapType|patchStrategy|patchMergeKey|featureGate|structType|union|unionDiscriminator|k8s:)\S*/g, "$1")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
  return text || undefined;
}

function generate(version, pkg) {
  const root = dirname(require.resolve(`${pkg}/package.json`));
  const definitions = {};
  const descriptions = {};
  const kinds = {};
  const used = { enums: new Set(), formats: new Set(), required: new Set() };

  for (const file of declarationFiles(root)) {
    const module = moduleId(root, file);
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    // Names imported from sibling modules resolve to that module's definitions.
    const imports = new Map();
    const aliases = new Map();
    for (const statement of source.statements) {
      if (ts.isImportDeclaration(statement) && statement.importClause?.namedBindings && ts.isNamedImports(statement.importClause.namedBindings)) {
        const target = join(dirname(file), statement.moduleSpecifier.text);
        const targetModule = relative(root, target).split("/").join(".");
        for (const element of statement.importClause.namedBindings.elements) imports.set(element.name.text, `${targetModule}.${element.name.text}`);
      }
      if (ts.isTypeAliasDeclaration(statement)) aliases.set(statement.name.text, statement.type);
    }
    const refName = (name) => imports.get(name) ?? `${module}.${name}`;

    const typeSchema = (node, owner, property) => {
      if (!node) return {};
      switch (node.kind) {
        case ts.SyntaxKind.StringKeyword:
          return { type: "string" };
        case ts.SyntaxKind.BooleanKeyword:
          return { type: "boolean" };
        case ts.SyntaxKind.NumberKeyword:
          // The API conventions forbid floats; only the JSON-Schema types of CRDs carry them.
          return { type: FLOAT_TYPES.has(owner) ? "number" : "integer" };
        case ts.SyntaxKind.AnyKeyword:
        case ts.SyntaxKind.UnknownKeyword:
          return {};
        case ts.SyntaxKind.LiteralType:
          return { type: "string" };
        case ts.SyntaxKind.ArrayType:
          return { type: "array", items: typeSchema(node.elementType, owner, property) };
        case ts.SyntaxKind.UnionType: {
          const kinds = node.types.map((t) => t.kind).sort();
          if (kinds.length === 2 && kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword)) {
            return { type: ["integer", "string"], "x-kubernetes-int-or-string": true };
          }
          return {};
        }
        case ts.SyntaxKind.TypeLiteral: {
          const index = node.members.find(ts.isIndexSignatureDeclaration);
          if (index) return { type: "object", additionalProperties: typeSchema(index.type, owner, property) };
          return {};
        }
        case ts.SyntaxKind.TypeReference: {
          const name = node.typeName.getText(source);
          if (name === "Array") return { type: "array", items: typeSchema(node.typeArguments?.[0], owner, property) };
          if (name === "Quantity") return { type: ["string", "number"], format: "quantity" };
          const local = aliases.get(name);
          if (local && !imports.has(name)) return typeSchema(local, owner, property);
          const target = refName(name);
          if (target === "api.resource.Quantity") return { type: ["string", "number"], format: "quantity" };
          if (target === "meta.v1.Time" || target === "meta.v1.MicroTime") return { type: "string" };
          if (target.startsWith("apiextensions.v1.JSONSchemaPropsOr")) return {};
          return { $ref: `#/definitions/${target}` };
        }
        default:
          throw new Error(`${file}: unsupported type ${ts.SyntaxKind[node.kind]} at ${owner}.${property}`);
      }
    };

    for (const statement of source.statements) {
      if (!ts.isInterfaceDeclaration(statement)) continue;
      const name = `${module}.${statement.name.text}`;
      const index = statement.members.find(ts.isIndexSignatureDeclaration);
      if (FREE_FORM_TYPES.has(name) || statement.members.length === 0) {
        definitions[name] = {};
        continue;
      }
      if (index) {
        definitions[name] = { type: "object", additionalProperties: typeSchema(index.type, name, "*") };
        continue;
      }
      const properties = {};
      const required = [];
      let apiVersion;
      let kind;
      for (const member of statement.members) {
        if (!ts.isPropertySignature(member)) continue;
        const property = member.name.getText(source).replace(/^"|"$/g, "");
        let schema = typeSchema(member.type, name, property);
        const enumValues = ENUMS[`${name}.${property}`];
        if (enumValues) {
          used.enums.add(`${name}.${property}`);
          if (schema.type === "array") schema = { ...schema, items: { type: "string", enum: enumValues } };
          else schema = { type: "string", enum: member.questionToken ? [...enumValues, ""] : enumValues };
        }
        const format = FORMATS[`${name}.${property}`];
        if (format) {
          used.formats.add(`${name}.${property}`);
          schema = { ...schema, format };
        }
        properties[property] = schema;
        const description = descriptionOf(member, source);
        if (description) (descriptions[name] ??= {})[property] = description;
        if (NOT_REQUIRED.has(`${name}.${property}`)) used.required.add(`${name}.${property}`);
        else if (!member.questionToken) required.push(property);
        if (member.type && ts.isLiteralTypeNode(member.type) && ts.isStringLiteral(member.type.literal)) {
          if (property === "apiVersion") apiVersion = member.type.literal.text;
          if (property === "kind") kind = member.type.literal.text;
        }
      }
      Object.assign(properties, EXTRA_PROPERTIES[name]);
      definitions[name] = { title: statement.name.text, type: "object", properties, ...(required.length ? { required } : {}), additionalProperties: false };
      if (apiVersion && kind && !kind.endsWith("List")) (kinds[apiVersion] ??= {})[kind] = name;
    }
  }

  // An overlay entry that matches nothing is a typo in the overlay: fail instead of shipping it. Only
  // the newest version must match every entry; some name types added after the oldest one.
  const unused = [...Object.keys(ENUMS).filter((key) => !used.enums.has(key)), ...Object.keys(FORMATS).filter((key) => !used.formats.has(key)), ...[...NOT_REQUIRED].filter((key) => !used.required.has(key))];
  if (unused.length && version === Object.keys(SOURCES).at(-1)) throw new Error(`overlay entries match no field in ${version}: ${unused.join(", ")}`);
  const pkgVersion = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  const schema = { $id: `https://statelint.dev/schemas/kubernetes-${version}.json`, kubernetesVersion: version, source: `kubernetes-types@${pkgVersion}`, formats: FORMAT_PATTERNS, kinds, definitions };
  return { schema, descriptions };
}

/** The export name of a definition's validator in the compiled module (kept in step with src/catalog.ts). */
export function validatorExport(definition) {
  return definition.replace(/[^A-Za-z0-9]/g, "_");
}

/**
 * Every kind's validator as one CommonJS module of ajv standalone code: loading it costs a few
 * tens of milliseconds where compiling a StatefulSet's schema at run time costs half a second.
 * CommonJS so that the rules, which are synchronous, can load it lazily with `require`.
 */
function compileValidators(schema) {
  const formats = Object.entries(FORMAT_PATTERNS).map(([name, pattern]) => `${JSON.stringify(name)}: new RegExp(${JSON.stringify(pattern)})`).join(", ");
  const ajv = new Ajv({
    allErrors: true, strict: false, allowUnionTypes: true,
    formats: Object.fromEntries(Object.entries(FORMAT_PATTERNS).map(([name, pattern]) => [name, new RegExp(pattern)])),
    code: { source: true, esm: false, optimize: true, formats: _`{${formats}}` },
  });
  ajv.addSchema(schema, schema.$id);
  const refs = {};
  for (const kinds of Object.values(schema.kinds)) for (const definition of Object.values(kinds)) refs[validatorExport(definition)] = `${schema.$id}#/definitions/${definition}`;
  return `// Generated by scripts/generate.mjs from ${schema.source}; do not edit.\n${standaloneCode.default(ajv, refs)}\n`;
}

mkdirSync(OUT, { recursive: true });
for (const [version, pkg] of Object.entries(SOURCES)) {
  const { schema, descriptions } = generate(version, pkg);
  writeFileSync(join(OUT, `kubernetes-${version}.json`), JSON.stringify(schema) + "\n");
  // Field descriptions live apart from the schema: validation never reads them, hovers do on demand.
  writeFileSync(join(OUT, `kubernetes-${version}.descriptions.json`), JSON.stringify({ kubernetesVersion: version, source: schema.source, descriptions }) + "\n");
  writeFileSync(join(OUT, `kubernetes-${version}.validators.cjs`), compileValidators(schema));
  const kindCount = Object.values(schema.kinds).reduce((sum, byKind) => sum + Object.keys(byKind).length, 0);
  console.log(`kubernetes ${version}: ${kindCount} kinds, ${Object.keys(schema.definitions).length} definitions from ${schema.source}`);
}
