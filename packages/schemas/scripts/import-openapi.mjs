// Refreshes `inputs/kubernetes-openapi.json.gz`, the committed input of generate.mjs, from a git
// copy of the cdk8s repository (https://github.com/cdk8s-team/cdk8s, Apache-2.0). Its folder
// `kubernetes-schemas/v<minor>.0/_definitions.json` holds, per Kubernetes release, the definitions
// of `api/openapi-spec/swagger.json` at the tag `v<minor>.0` of kubernetes/kubernetes (Apache-2.0),
// converted to JSON Schema by openapi2jsonschema (tools/import-spec.sh in that repository).
//
//   node scripts/import-openapi.mjs <cdk8s git directory or checkout> [commit]
//
// Only git is needed: the script reads the files with `git show`, so a bare mirror serves as well as
// a checkout. The output keeps each distinct definition once (most do not change between minors)
// and records where every version came from; it is about a tenth of the eight source files.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { INPUT, KUBERNETES_VERSIONS } from "./versions.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const [repository, requestedCommit = "HEAD"] = process.argv.slice(2);
if (!repository) {
  console.error("usage: node scripts/import-openapi.mjs <cdk8s git directory or checkout> [commit]");
  process.exit(2);
}

const git = (...args) => execFileSync("git", ["-C", repository, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const commit = git("rev-parse", `${requestedCommit}^{commit}`).trim();

const sources = {};
/** definition name → its distinct bodies, in the order the versions first use them */
const variants = {};
/** version → definition name → index into variants[name] */
const versions = {};

for (const version of KUBERNETES_VERSIONS) {
  const path = `kubernetes-schemas/v${version}.0/_definitions.json`;
  const { definitions } = JSON.parse(git("show", `${commit}:${path}`));
  sources[version] = {
    repository: "https://github.com/cdk8s-team/cdk8s",
    commit,
    path,
    blob: git("rev-parse", `${commit}:${path}`).trim(),
    license: "Apache-2.0",
    upstream: `https://github.com/kubernetes/kubernetes/blob/v${version}.0/api/openapi-spec/swagger.json`,
  };
  const index = {};
  for (const [name, body] of Object.entries(definitions)) {
    const text = JSON.stringify(body);
    const known = (variants[name] ??= []);
    let position = known.findIndex((candidate) => JSON.stringify(candidate) === text);
    if (position === -1) position = known.push(body) - 1;
    index[name] = position;
  }
  versions[version] = index;
  console.log(`kubernetes ${version}: ${Object.keys(definitions).length} definitions from ${path}`);
}

const output = join(HERE, "..", INPUT);
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, gzipSync(JSON.stringify({ sources, variants, versions }), { level: 9 }));
console.log(`wrote ${INPUT} (${Object.values(variants).reduce((sum, list) => sum + list.length, 0)} distinct definitions)`);
