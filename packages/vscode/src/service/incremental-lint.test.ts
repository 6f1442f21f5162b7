import { lintTextsSync, resolveConfig, type Finding } from "@statelint/core";
import { seededRandom } from "@statelint/core/testing";
import { builtinRegistry } from "@statelint/rules";
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { WorkspaceLintService } from "./workspace-lint.js";

/** Small vocabularies, so random edits make names, labels and namespaces collide and part again. */
const APPS = ["db", "cache", "queue"];
const NAMESPACES = ["team-a", "team-b"];

function statefulBundle(app: string, namespace: string, replicas: number): string[] {
  return [
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\n  namespace: ${namespace}\nspec:\n  clusterIP: None\n  selector:\n    app: ${app}\n  ports:\n    - name: db\n      port: 5432\n      targetPort: db\n`,
    `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${app}\n  namespace: ${namespace}\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: ${app}\n`,
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${app}-credentials\n  namespace: ${namespace}\nstringData:\n  password: changeme\n`,
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}-settings\n  namespace: ${namespace}\ndata:\n  mode: fast\n`,
    `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${app}\n  namespace: ${namespace}\nspec:\n  serviceName: ${app}\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n        - name: postgres\n          image: postgres:16.4\n          ports:\n            - name: db\n              containerPort: 5432\n          env:\n            - name: POSTGRES_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: ${app}-credentials\n                  key: password\n          envFrom:\n            - configMapRef:\n                name: ${app}-settings\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        accessModes: [ReadWriteOnce]\n        resources:\n          requests:\n            storage: 10Gi\n`,
  ];
}

/** 60 files: most hold one bundle, some two (ten documents, so the editor's incremental parse reuses documents). */
function workspaceTexts(): Map<string, string> {
  const texts = new Map<string, string>();
  for (let index = 0; index < 60; index++) {
    const app = APPS[index % APPS.length] ?? "db";
    const namespace = NAMESPACES[index % NAMESPACES.length] ?? "team-a";
    const documents = statefulBundle(`${app}-${index % 7}`, namespace, 1 + (index % 3));
    if (index % 5 === 0) documents.push(...statefulBundle(`${app}-${index % 4}`, NAMESPACES[(index + 1) % 2] ?? "team-b", 3));
    texts.set(`bundle-${String(index).padStart(2, "0")}.yaml`, documents.join("---\n"));
  }
  return texts;
}

type Edit = (text: string, pick: <T>(items: readonly T[]) => T, next: () => number) => string;

/** Replaces one random match of a pattern (a line of the text), or leaves the text alone when there is none. */
function replaceOne(text: string, pattern: RegExp, pick: <T>(items: readonly T[]) => T, replacement: (match: string) => string): string {
  const matches = [...text.matchAll(new RegExp(pattern.source, "gm"))];
  if (matches.length === 0) return text;
  const match = pick(matches);
  const at = match.index;
  return text.slice(0, at) + replacement(match[0]) + text.slice(at + match[0].length);
}

const EDITS: Readonly<Record<string, Edit>> = {
  label: (text, pick) => replaceOne(text, /^( +app: ).*$/, pick, (line) => line.replace(/app: .*/, `app: ${pick(APPS)}-${pick(["0", "1", "2"])}`)),
  name: (text, pick) => replaceOne(text, /^( {2}name: ).*$/, pick, (line) => line.replace(/name: .*/, `name: ${pick(APPS)}-${pick(["0", "1", "2"])}`)),
  serviceName: (text, pick) => replaceOne(text, /^( {2}serviceName: ).*$/, pick, () => `  serviceName: ${pick(APPS)}-${pick(["0", "1"])}`),
  namespace: (text, pick) => replaceOne(text, /^( {2}namespace: ).*$/, pick, () => `  namespace: ${pick(NAMESPACES)}`),
  secretRef: (text, pick) => replaceOne(text, /^( +name: [a-z]+-\d+-credentials)$/, pick, (line) => line.replace(/name: .*/, `name: ${pick(APPS)}-${pick(["0", "1"])}-credentials`)),
  replicas: (text, pick) => replaceOne(text, /^( {2}replicas: ).*$/, pick, () => `  replicas: ${pick(["1", "2", "3", "5"])}`),
  headless: (text, pick) => replaceOne(text, /^( {2}clusterIP: ).*$/, pick, () => `  clusterIP: ${pick(["None", "10.0.0.7"])}`),
  deleteDocument: (text, pick) => {
    const documents = text.split(/^---\n/m);
    if (documents.length < 2) return text;
    documents.splice(Math.floor(pick(documents.map((_, index) => index))), 1);
    return documents.join("---\n");
  },
  addDocument: (text, pick) => `${text}---\n${pick(statefulBundle(`${pick(APPS)}-${pick(["0", "1"])}`, pick(NAMESPACES), 3))}`,
  // Whether the bundle has any backup at all is one bundle-wide answer: it flips for every StatefulSet.
  backupJob: (text, pick) => `${text}---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup\n  namespace: ${pick(NAMESPACES)}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: dump\n              image: postgres:16.4\n`,
  image: (text, pick) => replaceOne(text, /^( +image: ).*$/, pick, (line) => line.replace(/image: .*/, `image: ${pick(["postgres:16.4", "pgbackrest:2.53", "redis:7.4"])}`)),
  lineShift: (text) => `# edited above\n${text}`,
  breakYaml: (text, pick) => replaceOne(text, /^( {2}replicas: ).*$/, pick, () => "  replicas: [3"),
  // The set of label keys of a namespace's pod templates is one derived value per namespace.
  labelKey: (text, pick) => replaceOne(text, /^( +)app: (.*)$/, pick, (line) => line.replace("app:", pick(["tier:", "app:", "role:"]))),
  // Custom resources change what a Service may select and whether a cluster backs itself up.
  customResource: (text, pick) => `${text}---\napiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: ${pick(APPS)}-${pick(["0", "1"])}\n  namespace: ${pick(NAMESPACES)}\nspec:\n  instances: 3\n${pick(["", "  backup:\n    retentionPolicy: 30d\n"])}`,
  duplicate: (text, pick) => {
    const documents = text.split(/^---\n/m);
    return `${text}---\n${pick(documents)}`;
  },
  // The documents before the last keep their text and offsets, but the file's line endings (which fixes follow) change.
  lineEndings: (text) => {
    const last = text.lastIndexOf("---\n");
    if (last < 0) return text;
    const tail = text.slice(last + 4);
    return text.slice(0, last + 4) + (tail.includes("\r\n") ? tail.replaceAll("\r\n", "\n") : tail.replaceAll("\n", "\r\n"));
  },
  suppress: (text, pick) => replaceOne(text, /^( {2}name: ).*$/, pick, (line) => `${line}\n  annotations:\n    ignore.statelint.io/${pick(["pdb-missing", "sts-service-not-found", "secret-ref-unresolved"])}: "known"`),
};

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** What a fresh lint of every text reports (core, no cache), as `file rule line:column message` lines per file. */
function freshLint(texts: ReadonlyMap<string, string>, folder: string): Map<string, string[]> {
  const registry = builtinRegistry();
  // In the order the service reads a folder: which of two duplicates is "again" depends on it.
  const sources = [...texts].map(([name, text]) => ({ path: join(folder, name), text })).sort((a, b) => (a.path < b.path ? -1 : 1));
  const result = lintTextsSync(sources, { registry, config: resolveConfig(registry).config });
  return byFile(result.findings.filter((finding) => !finding.suppression));
}

function byFile(findings: readonly Finding[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const finding of findings) {
    const list = result.get(finding.file) ?? [];
    const { start, end } = finding.range;
    // Related places and fixes point into other documents and follow the file's text: they must be exact too.
    const extra = JSON.stringify({ related: finding.related, fix: finding.fix });
    list.push(`${finding.ruleId} ${start.line}:${start.column}-${end.line}:${end.column} ${finding.message} ${extra}`);
    result.set(finding.file, list);
  }
  for (const list of result.values()) list.sort();
  return result;
}

describe("incremental re-linting in the language server", () => {
  for (const seed of [1, 2, 3]) {
    it(`equals a fresh lint of every file after each of 40 random edits (seed ${seed})`, async () => {
      const folder = (root = mkdtempSync(join(tmpdir(), "statelint-incremental-")));
      const texts = workspaceTexts();
      for (const [name, text] of texts) writeFileSync(join(folder, name), text);
      const service = new WorkspaceLintService({ registry: builtinRegistry(), trusted: false });
      service.setFolders([folder]);
      const next = seededRandom(seed);
      const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      // Three open documents take most edits (the incremental parse); the rest change on disk.
      const open = new Map<string, number>();
      for (const name of ["bundle-00.yaml", "bundle-05.yaml", "bundle-13.yaml"]) {
        open.set(name, 1);
        service.openDocument({ path: join(folder, name), version: 1, text: texts.get(name) ?? "" });
      }
      await service.lintOpen(folder);
      await service.lint(folder);

      for (let step = 0; step < 40; step++) {
        const kind = pick(Object.keys(EDITS));
        const onDisk = next() < 0.3;
        const name = onDisk ? pick([...texts.keys()].filter((file) => !open.has(file))) : pick([...open.keys()]);
        const path = join(folder, name);
        if (onDisk && next() < 0.15) {
          // A file deleted, or a new one created beside it.
          if (next() < 0.5) {
            unlinkSync(path);
            texts.delete(name);
            service.diskChanged([{ path, change: "deleted" }]);
          } else {
            const created = `added-${step}.yaml`;
            const text = statefulBundle(`${pick(APPS)}-${pick(["0", "1"])}`, pick(NAMESPACES), 1).join("---\n");
            writeFileSync(join(folder, created), text);
            texts.set(created, text);
            service.diskChanged([{ path: join(folder, created), change: "created" }]);
          }
        } else {
          const text = (EDITS[kind] as Edit)(texts.get(name) ?? "", pick, next);
          texts.set(name, text);
          if (onDisk) {
            writeFileSync(path, text);
            service.diskChanged([{ path, change: "changed" }]);
          } else {
            const version = (open.get(name) ?? 0) + 1;
            open.set(name, version);
            service.updateDocument({ path, version, text });
          }
        }
        const report = await service.lint(folder);
        const incremental = byFile([...report.files.values()].flatMap((file) => file.findings));
        expect(incremental, `seed ${seed}, step ${step}: ${kind} in ${name}`).toEqual(freshLint(texts, folder));
      }
      await service.dispose();
    });
  }
});

/** The language-server bench's shape: StatefulSet and governing Service pairs in one long open file. */
function longFile(pairs: number): string {
  return Array.from({ length: pairs }, (_, index) => {
    const [service, ...rest] = statefulBundle(`db-${index}`, NAMESPACES[index % 2] ?? "team-a", 3);
    return [...rest.slice(3), service].join("---\n");
  }).join("---\n");
}

/** Edits that keep a document's own text shape but move every document after it. */
const MIDDLE_EDITS: Readonly<Record<string, Edit>> = {
  headless: EDITS["headless"] as Edit,
  replicas: EDITS["replicas"] as Edit,
  serviceName: EDITS["serviceName"] as Edit,
  label: EDITS["label"] as Edit,
  image: EDITS["image"] as Edit,
  // A comment line in one document moves the next ones by a line, not only by characters.
  comment: (text, pick) => replaceOne(text, /^( {2}replicas: .*)$/, pick, (line) => `${line}\n  # scaled by hand`),
  uncomment: (text, pick) => replaceOne(text, /^( {2}# scaled by hand\n)/, pick, () => ""),
  breakYaml: EDITS["breakYaml"] as Edit,
  suppress: EDITS["suppress"] as Edit,
};

describe("incremental re-linting of one long file", () => {
  for (const seed of [7, 8]) {
    it(`equals a fresh lint after each of 60 edits anywhere in a 40-document file (seed ${seed})`, async () => {
      const folder = (root = mkdtempSync(join(tmpdir(), "statelint-incremental-long-")));
      const path = join(folder, "bundle.yaml");
      let text = longFile(20);
      writeFileSync(path, text);
      const service = new WorkspaceLintService({ registry: builtinRegistry(), trusted: false });
      service.setFolders([folder]);
      const next = seededRandom(seed);
      const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      service.openDocument({ path, version: 1, text });
      await service.lint(folder);
      for (let step = 0; step < 60; step++) {
        const kind = pick(Object.keys(MIDDLE_EDITS));
        text = (MIDDLE_EDITS[kind] as Edit)(text, pick, next);
        service.updateDocument({ path, version: step + 2, text });
        const report = await service.lint(folder);
        const incremental = byFile([...report.files.values()].flatMap((file) => file.findings));
        expect(incremental, `seed ${seed}, step ${step}: ${kind}`).toEqual(freshLint(new Map([["bundle.yaml", text]]), folder));
      }
      await service.dispose();
    });
  }
});
