// Derives statelint's Kubernetes JSON Schemas from the upstream OpenAPI definitions of every
// shipped release (`inputs/kubernetes-openapi.json.gz`, see import-openapi.mjs for its source).
//
// The OpenAPI definitions carry what unknown-field detection needs: every property of every type,
// the required ones, integer vs float, int-or-string and quantities. What they leave out (the
// enumerations the apiserver enforces, name formats, fields required only on paper) is added from
// `overlay.mjs`, written from the Kubernetes API reference.
//
// Output in `data/`, committed, so that a user's install needs neither the input nor this script:
// - `kubernetes-<version>.json`: the version's kinds, its source, and which chunks hold its definitions;
// - `kubernetes-definitions.<versions>.json`: the definitions exactly those versions share, each once
//   and on a line of its own;
// - `kubernetes-descriptions.<versions>.json`: the field descriptions (for hovers), shared the same way.
// A chunk is named after the versions that use it (`1.29-1.36`, `1.33-1.34`, `1.31+1.33`): a run
// reads the chunks of its version and nothing else.
//
// Run `npm run generate -w @statelint/schemas` after changing this file, the overlay or the input.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { ENUMS, FORMATS, FORMAT_PATTERNS, FREE_FORM_TYPES, NOT_REQUIRED } from "./overlay.mjs";
import { INPUT, KUBERNETES_VERSIONS } from "./versions.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
// `--out DIR` writes elsewhere: the test that the committed data is what this script makes uses it.
const outFlag = process.argv.indexOf("--out");
const OUT = outFlag === -1 ? join(HERE, "..", "data") : process.argv[outFlag + 1];

/** `io.k8s.api.core.v1.PodSpec` → `core.v1.PodSpec`, the names the overlay and the rules use. */
const PREFIXES = ["io.k8s.api.", "io.k8s.apimachinery.pkg.apis.", "io.k8s.apimachinery.pkg.", "io.k8s.apiextensions-apiserver.pkg.apis.", "io.k8s.kube-aggregator.pkg.apis."];
export function shortName(name) {
  const prefix = PREFIXES.find((candidate) => name.startsWith(candidate));
  if (!prefix) throw new Error(`definition ${name} is outside the known API groups`);
  return name.slice(prefix.length);
}

const QUANTITY = { type: ["string", "number"], format: "quantity" };
const INT_OR_STRING = { type: ["integer", "string"], "x-kubernetes-int-or-string": true };
/** Definitions written inline where they are used: their shape, not a reference, is what ajv and hovers need. */
const INLINED = {
  "api.resource.Quantity": QUANTITY,
  "util.intstr.IntOrString": INT_OR_STRING,
  // Timestamps are strings; the apiserver parses them, statelint does not second-guess RFC 3339.
  "meta.v1.Time": { type: "string" },
  "meta.v1.MicroTime": { type: "string" },
};

function propertySchema(schema, owner, property) {
  if (typeof schema.$ref === "string") {
    const target = shortName(schema.$ref.slice("#/definitions/".length));
    return INLINED[target] ?? { $ref: `#/definitions/${target}` };
  }
  switch (schema.type) {
    case "array":
      return { type: "array", items: schema.items ? propertySchema(schema.items, owner, property) : {} };
    case "object":
      return schema.additionalProperties ? { type: "object", additionalProperties: propertySchema(schema.additionalProperties, owner, property) } : { type: "object" };
    case "string":
    case "boolean":
    case "integer":
    case "number":
      return { type: schema.type };
    case undefined:
      return {};
    default:
      throw new Error(`unsupported type ${schema.type} at ${owner}.${property}`);
  }
}

/** Overlay entries some version used: one no version uses is a typo in the overlay. */
const used = { enums: new Set(), formats: new Set(), required: new Set() };

function convert(upstream) {
  const definitions = {};
  const descriptions = {};
  const kinds = {};
  for (const [upstreamName, body] of Object.entries(upstream)) {
    const name = shortName(upstreamName);
    if (INLINED[name]) continue;
    if (FREE_FORM_TYPES.has(name) || !body.properties) {
      definitions[name] = {};
      continue;
    }
    const properties = {};
    const required = [];
    for (const [property, source] of Object.entries(body.properties)) {
      let schema = propertySchema(source, name, property);
      const key = `${name}.${property}`;
      if (ENUMS[key]) {
        used.enums.add(key);
        const optional = !(body.required ?? []).includes(property);
        if (schema.type === "array") schema = { ...schema, items: { type: "string", enum: ENUMS[key] } };
        else schema = { type: "string", enum: optional ? [...ENUMS[key], ""] : ENUMS[key] };
      }
      if (FORMATS[key]) {
        used.formats.add(key);
        schema = { ...schema, format: FORMATS[key] };
      }
      properties[property] = schema;
      if (source.description) (descriptions[name] ??= {})[property] = source.description;
    }
    for (const property of body.required ?? []) {
      if (NOT_REQUIRED.has(`${name}.${property}`)) used.required.add(`${name}.${property}`);
      else required.push(property);
    }
    definitions[name] = { title: name.slice(name.lastIndexOf(".") + 1), type: "object", properties, ...(required.length ? { required } : {}), additionalProperties: false };
    const gvks = body["x-kubernetes-group-version-kind"] ?? [];
    // Shared types (DeleteOptions, WatchEvent) name every group; an object kind names one.
    if (gvks.length === 1 && !gvks[0].kind.endsWith("List") && properties.kind && properties.apiVersion) {
      const { group, version: groupVersion, kind } = gvks[0];
      (kinds[group ? `${group}/${groupVersion}` : groupVersion] ??= {})[kind] = name;
    }
  }
  return { definitions, descriptions, kinds };
}

/** `["1.29", "1.30", "1.31", "1.33"]` → `1.29-1.31+1.33` */
function chunkName(versions) {
  const runs = [];
  for (const version of versions) {
    const index = KUBERNETES_VERSIONS.indexOf(version);
    const last = runs.at(-1);
    if (last && KUBERNETES_VERSIONS.indexOf(last.at(-1)) === index - 1) last.push(version);
    else runs.push([version]);
  }
  return runs.map((run) => (run.length === 1 ? run[0] : `${run[0]}-${run.at(-1)}`)).join("+");
}

/**
 * Splits per-version maps (definition name → value) into chunks: each distinct value lands once,
 * in the chunk named after the versions that have exactly that value.
 */
function chunk(perVersion) {
  const owners = new Map();
  for (const [version, entries] of Object.entries(perVersion)) {
    for (const [name, value] of Object.entries(entries)) {
      const key = `${name}\u0000${JSON.stringify(value)}`;
      const owner = owners.get(key) ?? { name, value, versions: [] };
      owner.versions.push(version);
      owners.set(key, owner);
    }
  }
  const chunks = {};
  for (const { name, value, versions } of owners.values()) (chunks[chunkName(versions)] ??= {})[name] = value;
  const used = Object.fromEntries(Object.keys(perVersion).map((version) => [version, Object.keys(chunks).filter((id) => chunkVersions(id).includes(version))]));
  return { chunks, used };
}

function chunkVersions(id) {
  return id.split("+").flatMap((run) => {
    const [first, last = first] = run.split("-");
    return KUBERNETES_VERSIONS.slice(KUBERNETES_VERSIONS.indexOf(first), KUBERNETES_VERSIONS.indexOf(last) + 1);
  });
}

const input = JSON.parse(gunzipSync(readFileSync(join(HERE, "..", INPUT))).toString("utf8"));
const converted = {};
for (const version of KUBERNETES_VERSIONS) {
  const index = input.versions[version];
  if (!index) throw new Error(`${INPUT} has no Kubernetes ${version}; run scripts/import-openapi.mjs`);
  converted[version] = convert(Object.fromEntries(Object.entries(index).map(([name, variant]) => [name, input.variants[name][variant]])));
}
// An overlay entry that matches no field of any version is a typo: fail instead of shipping it.
const unused = [...Object.keys(ENUMS).filter((key) => !used.enums.has(key)), ...Object.keys(FORMATS).filter((key) => !used.formats.has(key)), ...[...NOT_REQUIRED].filter((key) => !used.required.has(key))];
if (unused.length) throw new Error(`overlay entries match no field of any version: ${unused.join(", ")}`);

const definitionChunks = chunk(Object.fromEntries(KUBERNETES_VERSIONS.map((version) => [version, converted[version].definitions])));
// Shared per field, not per type: a release that rewords one field's text leaves the others shared.
const flatDescriptions = (descriptions) => Object.fromEntries(Object.entries(descriptions).flatMap(([name, fields]) => Object.entries(fields).map(([field, text]) => [`${name}#${field}`, text])));
const descriptionChunks = chunk(Object.fromEntries(KUBERNETES_VERSIONS.map((version) => [version, flatDescriptions(converted[version].descriptions)])));
const nested = (flat) => {
  const descriptions = {};
  for (const [key, text] of Object.entries(flat)) (descriptions[key.slice(0, key.indexOf("#"))] ??= {})[key.slice(key.indexOf("#") + 1)] = text;
  return descriptions;
};

mkdirSync(OUT, { recursive: true });
// Start from nothing so that a chunk no version uses any more does not linger in the package.
for (const entry of readdirSync(OUT)) if (entry.startsWith("kubernetes-")) rmSync(join(OUT, entry));
// One definition a line: still one JSON document, and the catalog parses only the lines of the
// definitions a run looks up (a few dozen of some 800) instead of the whole chunk.
const definitionLines = (definitions) => Object.entries(definitions).map(([name, schema]) => `${JSON.stringify(name)}:${JSON.stringify(schema)}`);
for (const [id, definitions] of Object.entries(definitionChunks.chunks)) writeFileSync(join(OUT, `kubernetes-definitions.${id}.json`), `{"definitions":{\n${definitionLines(definitions).join(",\n")}\n}}\n`);
for (const [id, flat] of Object.entries(descriptionChunks.chunks)) writeFileSync(join(OUT, `kubernetes-descriptions.${id}.json`), JSON.stringify({ descriptions: nested(flat) }) + "\n");
for (const version of KUBERNETES_VERSIONS) {
  const { kinds, definitions } = converted[version];
  const document = {
    $id: `https://statelint.dev/schemas/kubernetes-${version}.json`,
    kubernetesVersion: version,
    source: input.sources[version],
    formats: FORMAT_PATTERNS,
    kinds,
    definitionChunks: definitionChunks.used[version],
    descriptionChunks: descriptionChunks.used[version],
  };
  writeFileSync(join(OUT, `kubernetes-${version}.json`), JSON.stringify(document, null, 1) + "\n");
  const kindCount = Object.values(kinds).reduce((sum, byKind) => sum + Object.keys(byKind).length, 0);
  console.log(`kubernetes ${version}: ${kindCount} kinds, ${Object.keys(definitions).length} definitions in ${document.definitionChunks.length} chunks`);
}
console.log(`${Object.keys(definitionChunks.chunks).length} definition chunks, ${Object.keys(descriptionChunks.chunks).length} description chunks`);
