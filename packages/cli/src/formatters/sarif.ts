import * as crypto from "node:crypto";
import { pathToFileURL } from "node:url";
import { CATEGORY_TITLES, type AnyRule, type Finding, type ObjectIdentity, type RelatedLocation, type Severity, type SourceRange } from "@statelint/core";
import { ruleDocsUrl } from "@statelint/rules";
import { jsonPieces, mapped, streamedList } from "./json-pieces.js";
import type { Formatter, Report } from "./report.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI = "https://github.com/statelint/statelint";
const CLI_DOCS = "https://github.com/statelint/statelint/blob/main/docs/cli.md";
const SRCROOT = "%SRCROOT%";
const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = { error: "error", warning: "warning", info: "note" };

/** SARIF validators want messages to be sentences. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}

function fileUri(file: string): string {
  return file.split("/").map(encodeURIComponent).join("/");
}

function region(range: SourceRange) {
  return { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

function logicalLocation(object: ObjectIdentity) {
  return { name: object.name, fullyQualifiedName: object.id, kind: "resource" };
}

function builtinDescriptor(rule: AnyRule) {
  const meta = rule.meta;
  const helpUri = ruleDocsUrl(rule.id);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: sentence(meta.description) },
    fullDescription: { text: sentence(meta.rationale) },
    help: { text: sentence(meta.remediation), markdown: `${sentence(meta.remediation)}\n\n[Documentation](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { category: CATEGORY_TITLES[meta.category], fixable: meta.fixable === true, tags: ["statelint", meta.category] },
  };
}

/** Findings of user policies and of statelint itself have no catalogue entry; describe them generically. */
function externalDescriptor(id: string, severity: Severity) {
  const policy = id.startsWith("policy");
  const description = policy ? `Finding of the user policy "${id}".` : `Finding "${id}" reported by statelint itself.`;
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: description },
    fullDescription: { text: policy ? "Reported by a Rego policy loaded with --policy or the configuration's policies." : "Reported by statelint itself rather than by a rule." },
    help: { text: "See the statelint command-line documentation." },
    helpUri: `${CLI_DOCS}#${policy ? "policies" : "exit-codes"}`,
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: ["statelint", policy ? "policy" : "internal"] },
  };
}

/**
 * A fingerprint that survives edits elsewhere in the file: rule, file, object, field path and message,
 * never the line number; findings without an object use the text of their line instead.
 */
function fingerprint(finding: Finding, texts: ReadonlyMap<string, string>): string {
  const anchor = finding.object ? `${finding.object.id}\u0000${finding.path ?? ""}` : (texts.get(finding.file)?.split("\n")[finding.range.start.line - 1]?.trim() ?? "");
  return sha256Hex([finding.ruleId, finding.file, anchor, finding.message].join("\u0000")).slice(0, 32);
}

/**
 * One-shot hashing (Node 20.12 and later) skips making a Hash object per finding, a third of the
 * SARIF report's time on a large run; earlier releases of Node 20 take the stream.
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === "function" ? (text) => crypto.hash("sha256", text, "hex") : (text) => crypto.createHash("sha256").update(text).digest("hex");

/** The SARIF log, with its results to be written one by one (see jsonPieces). */
function buildLog(report: Report) {
  // Every finding names its file: each file's URI is encoded once.
  const uris = new Map<string, string>();
  const uriOf = (file: string) => {
    let uri = uris.get(file);
    if (uri === undefined) uris.set(file, (uri = fileUri(file)));
    return uri;
  };
  const physical = (file: string, range: SourceRange) => ({
    artifactLocation: { uri: uriOf(file), uriBaseId: SRCROOT },
    region: region(range),
  });

  const descriptors: ReturnType<typeof builtinDescriptor | typeof externalDescriptor>[] = report.registry.rules.map(builtinDescriptor);
  const ruleIndex = new Map(descriptors.map((descriptor, index) => [descriptor.id, index]));
  const all = [...report.findings, ...report.suppressed];
  for (const finding of all) {
    if (ruleIndex.has(finding.ruleId)) continue;
    ruleIndex.set(finding.ruleId, descriptors.length);
    descriptors.push(externalDescriptor(finding.ruleId, finding.severity));
  }

  const relatedLocation = (related: RelatedLocation, id: number) => {
    const location: Record<string, unknown> = { id, physicalLocation: physical(related.file, related.range), message: { text: sentence(related.message) } };
    if (related.object) location["logicalLocations"] = [logicalLocation(related.object)];
    return location;
  };

  const seen = new Map<string, number>();
  const result = (finding: Finding) => {
    const base = fingerprint(finding, report.texts);
    // Identical findings (same rule, object and message) get an occurrence number to stay distinct.
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    // Optional fields are added in place, in the order SARIF readers have always seen them: a
    // spread of `{}` or of a small literal per finding copied property by property.
    const location: Record<string, unknown> = { physicalLocation: physical(finding.file, finding.range) };
    if (finding.object) location["logicalLocations"] = [logicalLocation(finding.object)];
    const sarifResult: Record<string, unknown> = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId),
      level: LEVEL[finding.severity],
      message: { text: sentence(finding.message) },
      locations: [location],
    };
    if (finding.related.length) sarifResult["relatedLocations"] = finding.related.map(relatedLocation);
    sarifResult["partialFingerprints"] = { "statelint/v1": occurrence ? `${base}:${occurrence}` : base };
    if (finding.suppression) {
      const suppression: Record<string, unknown> = { kind: "inSource", status: "accepted" };
      if (finding.suppression.reason) suppression["justification"] = finding.suppression.reason;
      sarifResult["suppressions"] = [suppression];
    }
    const properties: Record<string, unknown> = { fixable: (finding.fix?.edits.length ?? 0) > 0 };
    if (finding.path) properties["path"] = finding.path;
    if (finding.template) properties["template"] = finding.template;
    sarifResult["properties"] = properties;
    return sarifResult;
  };

  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "statelint",
            fullName: "statelint, a linter for Kubernetes manifests of stateful workloads",
            version: report.toolVersion,
            semanticVersion: report.toolVersion,
            informationUri: INFORMATION_URI,
            rules: descriptors,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.cwd.endsWith("/") ? report.cwd : `${report.cwd}/`).href } },
        columnKind: "utf16CodeUnits",
        results: streamedList("results"),
      },
    ],
  };
  return { log, results: mapped(all, result) };
}

/** SARIF 2.1.0 for code scanning; suppressed findings are kept, marked with their justification. */
export const sarif: Formatter = (report) => {
  const { log, results } = buildLog(report);
  return jsonPieces(log, new Map([["results", results]]));
};
