// Derives the operator CRD schemas statelint ships (data/operators/) from the upstream CRD files.
//
// Input: a folder holding a git copy of each upstream repository below, either as the search
// tool's `fetch` leaves it (`<folder>/<owner>+<name>/repo`, a bare git directory) or as a clone
// (`<folder>/<owner>/<name>`). Files are read at the pinned commit with `git show`, so the copies may
// be on any branch. Nothing is downloaded.
//
//   node packages/schemas/scripts/generate-operator-crds.mjs /work/.mirror
//
// What is kept of each `openAPIV3Schema`: only the keywords `src/crd.ts` validates with (types,
// properties, required, enumerations, bounds, patterns, the `x-kubernetes-*` markers that change
// pruning); descriptions, defaults, CEL rules and list markers are dropped. A subtree that occurs
// more than once (a pod affinity, a resource list, a volume source) is written once as a definition
// and referenced with `$ref`: in `shared.json` when several data files use it, else in the one file
// that does.
//
// Each kind is then compiled ahead of time into `<source>.<version>.<Kind>.validators.cjs` (ajv
// standalone code), so that a run compiles nothing: the JSON Schema is the one
// `src/operator-json-schema.ts` derives, which this script imports from the built package (run
// `npx tsc -b` first), and `metadata` is the ObjectMeta of the default Kubernetes version.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { _ } from "ajv/dist/compile/codegen/index.js";
import { parseAllDocuments } from "yaml";

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, "..", "data", "operators");

/**
 * One upstream release per data file. `kinds` lists `apiVersion kind` pairs to keep; every other
 * CRD or version in the files is left out.
 */
const SOURCES = [
  {
    id: "cloudnative-pg",
    operator: "CloudNativePG",
    repo: "cloudnative-pg/cloudnative-pg",
    tag: "v1.30.0",
    commit: "4b5e244a7d031f67e025c83c1555e7726ecbbfa1",
    licence: { spdx: "Apache-2.0", file: "LICENSE" },
    paths: [
      "config/crd/bases/postgresql.cnpg.io_clusters.yaml",
      "config/crd/bases/postgresql.cnpg.io_backups.yaml",
      "config/crd/bases/postgresql.cnpg.io_scheduledbackups.yaml",
      "config/crd/bases/postgresql.cnpg.io_poolers.yaml",
    ],
    kinds: ["postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 Backup", "postgresql.cnpg.io/v1 ScheduledBackup", "postgresql.cnpg.io/v1 Pooler"],
  },
  {
    id: "crunchy-pgo",
    operator: "Crunchy Postgres for Kubernetes (PGO)",
    repo: "CrunchyData/postgres-operator",
    tag: "v6.0.3",
    commit: "0fbac3062d649b2b5fadde4e00f17bad250c0052",
    licence: { spdx: "Apache-2.0", file: "LICENSE.md" },
    paths: ["config/crd/bases/postgres-operator.crunchydata.com_postgresclusters.yaml"],
    kinds: ["postgres-operator.crunchydata.com/v1beta1 PostgresCluster", "postgres-operator.crunchydata.com/v1 PostgresCluster"],
  },
  {
    id: "zalando-postgres-operator",
    operator: "Zalando Postgres Operator",
    repo: "zalando/postgres-operator",
    tag: "v2.0.1",
    commit: "a2585e3ee14759194daa80cc34fa2d87fa111138",
    licence: { spdx: "MIT", file: "LICENSE" },
    paths: ["manifests/postgresql.crd.yaml"],
    kinds: ["acid.zalan.do/v1 postgresql"],
  },
  {
    id: "mysql-operator",
    operator: "MySQL Operator for Kubernetes",
    repo: "mysql/mysql-operator",
    tag: "9.1.0-2.2.2",
    commit: "aec777a1f91d2c26c1d3470d97ec77899d73eadf",
    licence: { spdx: "UPL-1.0", file: "LICENSE" },
    paths: ["deploy/deploy-crds.yaml"],
    kinds: ["mysql.oracle.com/v2 InnoDBCluster"],
  },
  {
    id: "strimzi",
    operator: "Strimzi",
    repo: "strimzi/strimzi-kafka-operator",
    tag: "1.2.0",
    commit: "6c7b43c4af0db547c10463ba09d1dfa6f5e156a0",
    licence: { spdx: "Apache-2.0", file: "LICENSE" },
    paths: ["install/cluster-operator/040-Crd-kafka.yaml", "install/cluster-operator/045-Crd-kafkanodepool.yaml"],
    kinds: ["kafka.strimzi.io/v1 Kafka", "kafka.strimzi.io/v1 KafkaNodePool"],
  },
  {
    // Strimzi 1.0 stopped serving v1beta2; 0.51.0 is the last release that serves it (and still knows `spec.zookeeper`).
    id: "strimzi-v1beta2",
    operator: "Strimzi",
    repo: "strimzi/strimzi-kafka-operator",
    tag: "0.51.0",
    commit: "54081abf97d0e5e524de773b88343756934db1a8",
    licence: { spdx: "Apache-2.0", file: "LICENSE" },
    paths: ["install/cluster-operator/040-Crd-kafka.yaml", "install/cluster-operator/045-Crd-kafkanodepool.yaml"],
    kinds: ["kafka.strimzi.io/v1beta2 Kafka", "kafka.strimzi.io/v1beta2 KafkaNodePool"],
  },
  {
    id: "eck",
    operator: "Elastic Cloud on Kubernetes (ECK)",
    repo: "elastic/cloud-on-k8s",
    tag: "v3.5.0",
    commit: "386c7b14f2d1bbb7f2af1e7da997e64875f16e47",
    licence: { spdx: "Elastic-2.0", file: "LICENSE.txt" },
    // The installed CRDs (the eck-operator-crds chart is built from this file): pod templates are free-form there.
    paths: ["config/crds/v1/all-crds.yaml"],
    kinds: ["elasticsearch.k8s.elastic.co/v1 Elasticsearch"],
  },
  {
    // The MongoDB Community operator moved into the MongoDB Controllers for Kubernetes (its old repository is archived at v0.13.0).
    id: "mongodb-community",
    operator: "MongoDB Community (MongoDB Controllers for Kubernetes)",
    repo: "mongodb/mongodb-kubernetes",
    tag: "1.10.0",
    commit: "41e81d7ebccf299463e9d5f81006d3e6b7ddfa91",
    licence: { spdx: "Apache-2.0", file: ["LICENSE-MCK", "Apache License"], note: "dual-licensed; Apache-2.0 applies to managing MongoDB Community clusters" },
    paths: ["config/crd/bases/mongodbcommunity.mongodb.com_mongodbcommunity.yaml"],
    kinds: ["mongodbcommunity.mongodb.com/v1 MongoDBCommunity"],
  },
];

// The keywords src/crd.ts reads; anything else validates nothing there.
const KEPT = new Set([
  "type", "nullable", "required", "properties", "items", "additionalProperties", "allOf", "anyOf", "oneOf", "not",
  "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern",
  "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
  "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
]);
// Keys whose value is a map of names to schemas, or a list or single schema.
const SCHEMA_MAPS = new Set(["properties"]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf"]);
const SCHEMA_VALUES = new Set(["items", "not", "additionalProperties"]);
// Below this size (canonical JSON characters) a repeated subtree is cheaper inline than as a reference.
const MIN_SHARED = 160;

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

function gitDirectory(root, repo) {
  const [owner, name] = repo.split("/");
  for (const candidate of [join(root, `${owner}+${name}`, "repo"), join(root, owner, name)]) if (existsSync(candidate)) return candidate;
  throw new Error(`no git copy of ${repo} under ${root} (looked for ${owner}+${name}/repo and ${owner}/${name})`);
}

function git(directory, args) {
  return execFileSync("git", ["-C", directory, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
}

/** The keywords that validate, children first, keys in a stable order. */
function strip(node) {
  if (!isObject(node)) return node;
  const out = {};
  for (const key of Object.keys(node).sort()) {
    if (!KEPT.has(key)) continue;
    const value = node[key];
    if (SCHEMA_MAPS.has(key) && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, strip(child)]));
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(strip);
    else if (SCHEMA_VALUES.has(key) && isObject(value)) out[key] = strip(value);
    else out[key] = value;
  }
  return out;
}

/** Every schema node below (not including) `node`, with the name it is found under. */
function* children(node) {
  for (const [key, value] of Object.entries(node)) {
    if (SCHEMA_MAPS.has(key) && isObject(value)) for (const [name, child] of Object.entries(value)) yield [name, child];
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) for (const child of value) yield [key, child];
    else if (SCHEMA_VALUES.has(key) && isObject(value)) yield [key, value];
  }
}

function mapChildren(node, replace) {
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (SCHEMA_MAPS.has(key) && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, replace(child, name)]));
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map((child) => replace(child, key));
    else if (SCHEMA_VALUES.has(key) && isObject(value)) out[key] = replace(value, key);
    else out[key] = value;
  }
  return out;
}

function readKinds(root, source) {
  const directory = gitDirectory(root, source.repo);
  const commit = git(directory, ["rev-parse", `${source.tag}^{commit}`]).trim();
  if (source.commit && source.commit !== commit) throw new Error(`${source.repo} ${source.tag} is ${commit}, not the pinned ${source.commit}`);
  const found = new Map();
  for (const path of source.paths) {
    for (const document of parseAllDocuments(git(directory, ["show", `${commit}:${path}`]))) {
      const crd = document.toJS({ maxAliasCount: -1 });
      if (crd?.kind !== "CustomResourceDefinition") continue;
      for (const version of crd.spec.versions ?? []) {
        const key = `${crd.spec.group}/${version.name} ${crd.spec.names.kind}`;
        if (!source.kinds.includes(key)) continue;
        const schema = version.schema?.openAPIV3Schema;
        if (!isObject(schema)) throw new Error(`${source.repo} ${path}: ${key} has no openAPIV3Schema`);
        found.set(key, { crdName: crd.metadata.name, path, schema: strip(schema) });
      }
    }
  }
  for (const key of source.kinds) if (!found.has(key)) throw new Error(`${source.repo} ${source.tag}: ${key} not found in ${source.paths.join(", ")}`);
  const licenceText = [source.licence.file].flat().map((file) => git(directory, ["show", `${commit}:${file}`])).join("\n\n");
  return { commit, kinds: found, licenceText };
}

/**
 * Hoists repeated subtrees into definitions. Returns the rewritten roots per file and the
 * definitions with the files that reference them.
 */
function hoist(files) {
  const canonical = new Map(); // node → its JSON (keys are already sorted)
  const text = (node) => {
    let json = canonical.get(node);
    if (json === undefined) {
      json = JSON.stringify(node);
      canonical.set(node, json);
    }
    return json;
  };
  const counts = new Map();
  const count = (node) => {
    if (!isObject(node)) return;
    const json = text(node);
    counts.set(json, (counts.get(json) ?? 0) + 1);
    for (const [, child] of children(node)) count(child);
  };
  for (const file of files) for (const kind of file.kinds.values()) for (const [, child] of children(kind.schema)) count(child);

  const definitions = new Map(); // json → { name, node, users: Set<file id>, references }
  const names = new Set();
  const nameFor = (hint) => {
    const base = hint.replace(/[^A-Za-z0-9]/g, "") || "schema";
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}${n}`;
    names.add(name);
    return name;
  };
  const rewrite = (node, hint) => {
    if (!isObject(node)) return node;
    const json = text(node);
    // A branch of allOf/anyOf/oneOf/not stays inline: it only constrains values, and a `$ref` beside other keywords reads ambiguously.
    if ((counts.get(json) ?? 0) > 1 && json.length >= MIN_SHARED && !SCHEMA_LISTS.has(hint) && hint !== "not") {
      let definition = definitions.get(json);
      if (!definition) {
        definition = { name: nameFor(hint), users: new Set(), references: 0, node: undefined };
        definitions.set(json, definition);
        definition.node = mapChildren(node, rewrite);
      }
      return { $ref: definition };
    }
    return mapChildren(node, rewrite);
  };
  const roots = files.map((file) => ({
    file,
    kinds: new Map([...file.kinds].map(([key, kind]) => [key, { ...kind, schema: mapChildren(kind.schema, rewrite) }])),
  }));
  // References are counted once per place they are written; a definition written once is put back inline.
  const countReferences = (node) => {
    if (!isObject(node)) return;
    if (isObject(node.$ref)) node.$ref.references++;
    else for (const [, child] of children(node)) countReferences(child);
  };
  for (const { kinds } of roots) for (const kind of kinds.values()) countReferences(kind.schema);
  for (const definition of definitions.values()) countReferences(definition.node);
  // Which data files reach a definition, directly or through another one.
  const reach = (node, fileId) => {
    if (!isObject(node)) return;
    if (isObject(node.$ref)) {
      if (node.$ref.users.has(fileId)) return;
      node.$ref.users.add(fileId);
      reach(node.$ref.node, fileId);
    } else for (const [, child] of children(node)) reach(child, fileId);
  };
  for (const { file, kinds } of roots) for (const kind of kinds.values()) reach(kind.schema, file.id);
  return { roots, definitions: [...definitions.values()].filter((definition) => definition.references > 1) };
}

function serialize(node) {
  if (Array.isArray(node)) return node.map(serialize);
  if (!isObject(node)) return node;
  if (isObject(node.$ref)) {
    const definition = node.$ref;
    if (definition.references === 1) return serialize(definition.node);
    return { $ref: definition.users.size > 1 ? `shared.json#/definitions/${definition.name}` : `#/definitions/${definition.name}` };
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, serialize(value)]));
}

/** The compiled module of one kind: "cloudnative-pg.v1.Cluster.validators.cjs" (a data file may hold two versions of a kind). */
function validatorsFile(id, key) {
  const [apiVersion, kind] = key.split(" ");
  return `${id}.${apiVersion.slice(apiVersion.indexOf("/") + 1)}.${kind}.validators.cjs`;
}

// ajv's standalone code requires this helper from ajv for minLength and maxLength (JSON Schema counts
// code points, not UTF-16 units). It is written into the module instead, so that the modules load
// where no ajv is installed: the VS Code extension ships its server and data/ without node_modules.
const UCS2LENGTH_REQUIRE = 'require("ajv/dist/runtime/ucs2length").default';
const UCS2LENGTH_INLINE = "function (text) { let length = 0; for (const _ of text) length++; return length; }";

function selfContained(code, key) {
  const inlined = code.replaceAll(UCS2LENGTH_REQUIRE, UCS2LENGTH_INLINE);
  const required = /require\(("[^"]*")\)/.exec(inlined);
  if (required) throw new Error(`the compiled validator of ${key} requires ${required[1]}: write it into the module as ucs2length is, so that it loads without ajv`);
  return inlined;
}

/**
 * One kind's validator as a CommonJS module of ajv standalone code (exporting `validate`), with the
 * options of the run-time compiler (`sharedAjv` in src/catalog.ts). One module per kind rather than
 * per data file: a run loads only the code of the kinds it meets (loading CloudNativePG's four kinds
 * to validate a ScheduledBackup took 43 ms of CPU, its own module 5 ms).
 */
function compileValidator(id, key, data, shared, compiler) {
  const { kubernetes, OperatorDefinitions, operatorKindJsonSchema } = compiler;
  const formatCode = Object.entries(kubernetes.formats).map(([name, pattern]) => `${JSON.stringify(name)}: new RegExp(${JSON.stringify(pattern)})`).join(", ");
  const ajv = new Ajv({
    allErrors: true, strict: false, allowUnionTypes: true,
    formats: Object.fromEntries(Object.entries(kubernetes.formats).map(([name, pattern]) => [name, new RegExp(pattern)])),
    code: { source: true, esm: false, optimize: true, formats: _`{${formatCode}}` },
  });
  ajv.addSchema(kubernetes, kubernetes.$id);
  const kind = key.slice(key.indexOf(" ") + 1);
  const definitions = new OperatorDefinitions(data.definitions, () => shared);
  const schema = operatorKindJsonSchema(kind, data.kinds[key].schema, definitions, `${kubernetes.$id}#/definitions/meta.v1.ObjectMeta`);
  const $id = `https://statelint.dev/schemas/operators/${validatorsFile(id, key).replace(/\.validators\.cjs$/, ".json")}`;
  ajv.addSchema({ ...schema.root, $id, definitions: schema.definitions });
  // Throws when a pattern or keyword does not compile: a shipped schema must validate, never be skipped.
  const code = selfContained(standaloneCode.default(ajv, { validate: $id }), key);
  return {
    code: `// Generated by scripts/generate-operator-crds.mjs from ${key} in ${id}.json (and shared.json, the ObjectMeta of ${kubernetes.source}); do not edit. Licence: ${data.source.licence}, see ${data.source.licenceFile}.\n${code}\n`,
    // What src/operator-crds.test.ts recomputes to tell that src/ now derives another schema than the one compiled.
    jsonSchemaSha256: createHash("sha256").update(JSON.stringify(schema)).digest("hex"),
  };
}

const readData = (name) => JSON.parse(readFileSync(join(OUT, name), "utf8"));

/**
 * Compiles every kind of the data files in data/operators/ (just written, or as committed) and
 * records in index.json each kind's module and the digest of the JSON Schema it was compiled from.
 */
function writeValidators(compiler) {
  const index = readData("index.json");
  const shared = readData("shared.json").definitions;
  for (const name of readdirSync(OUT)) if (name.endsWith(".validators.cjs")) rmSync(join(OUT, name));
  const files = new Map();
  for (const [key, entry] of Object.entries(index.kinds)) {
    if (!files.has(entry.source)) files.set(entry.source, readData(`${entry.source}.json`));
    const { code, jsonSchemaSha256 } = compileValidator(entry.source, key, files.get(entry.source), shared, compiler);
    const validators = validatorsFile(entry.source, key);
    writeFileSync(join(OUT, validators), code);
    index.kinds[key] = { source: entry.source, crdName: entry.crdName, validators, jsonSchemaSha256 };
  }
  writeFileSync(join(OUT, "index.json"), JSON.stringify(index, null, 2) + "\n");
}

async function loadCompiler() {
  const dist = new URL("../dist/", import.meta.url);
  if (!existsSync(new URL("operator-json-schema.js", dist))) throw new Error("packages/schemas/dist is missing: build it first (npx tsc -b)");
  const { DEFAULT_VERSION, documentFor } = await import(new URL("catalog.js", dist).href);
  const { OperatorDefinitions, operatorKindJsonSchema } = await import(new URL("operator-json-schema.js", dist).href);
  return { kubernetes: documentFor(DEFAULT_VERSION), OperatorDefinitions, operatorKindJsonSchema };
}

function printSizes() {
  const sizes = readdirSync(OUT).filter((name) => name.endsWith(".json") || name.endsWith(".cjs")).map((name) => `${name} ${Math.round(statSync(join(OUT, name)).size / 1024)} KiB`);
  console.log(`data/operators: ${sizes.join(", ")}`);
}

async function main() {
  const root = process.argv[2];
  if (!root) {
    console.error("usage: node packages/schemas/scripts/generate-operator-crds.mjs <folder with the upstream git copies>");
    console.error("       node packages/schemas/scripts/generate-operator-crds.mjs --validators-only   (recompile the committed data, no upstream needed)");
    process.exit(2);
  }
  const compiler = await loadCompiler();
  if (root === "--validators-only") {
    writeValidators(compiler);
    printSizes();
    return;
  }
  const files = SOURCES.map((source) => ({ ...source, ...readKinds(root, source) }));
  const { roots, definitions } = hoist(files);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, "licenses"), { recursive: true });
  const index = { $comment: "Generated by scripts/generate-operator-crds.mjs from the upstream CRDs; see docs/operator-schemas.md.", kinds: {}, sources: {} };
  for (const { file, kinds } of roots) {
    const local = definitions.filter((definition) => definition.users.size === 1 && definition.users.has(file.id));
    const source = { operator: file.operator, repo: file.repo, tag: file.tag, commit: file.commit, paths: file.paths, licence: file.licence.spdx, licenceFile: `licenses/${file.id}.txt` };
    if (file.licence.note) source.licenceNote = file.licence.note;
    const data = {
      $comment: "Generated by scripts/generate-operator-crds.mjs; descriptions, defaults and CEL rules removed. Licence: see licenceFile.",
      source,
      kinds: Object.fromEntries([...kinds].map(([key, kind]) => [key, { crdName: kind.crdName, path: kind.path, schema: serialize(kind.schema) }])),
      definitions: Object.fromEntries(local.map((definition) => [definition.name, serialize(definition.node)])),
    };
    writeFileSync(join(OUT, `${file.id}.json`), JSON.stringify(data) + "\n");
    writeFileSync(join(OUT, "licenses", `${file.id}.txt`), file.licenceText);
    index.sources[file.id] = source;
    for (const [key, kind] of kinds) index.kinds[key] = { source: file.id, crdName: kind.crdName };
  }
  const shared = Object.fromEntries(definitions.filter((definition) => definition.users.size > 1).map((definition) => [definition.name, serialize(definition.node)]));
  writeFileSync(
    join(OUT, "shared.json"),
    JSON.stringify({ $comment: "Definitions used by several operator data files; each file's licence covers its use of them.", definitions: shared }) + "\n",
  );
  writeFileSync(join(OUT, "index.json"), JSON.stringify(index, null, 2) + "\n");
  writeValidators(compiler);
  console.log(`wrote ${Object.keys(index.kinds).length} kinds, ${Object.keys(shared).length} shared and ${definitions.length - Object.keys(shared).length} per-file definitions`);
  printSizes();
}

await main();
