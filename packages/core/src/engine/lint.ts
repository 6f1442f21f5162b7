import { resolveConfig, type ResolvedConfig, type RuleRegistry } from "../config/resolve.js";
import { Bundle } from "../graph/bundle.js";
import { objectsOf, type K8sObject, type ObjectIdentity } from "../model/object.js";
import { asRecord } from "../model/values.js";
import { formatFieldPath, type FieldPath } from "../source/path.js";
import { parseSource, type ParseOptions, type SourceFile } from "../source/parse.js";
import type { SourceRange } from "../source/position.js";
import type { CheckCache, ObjectChecks } from "./check-cache.js";
import { commentDirectives, directiveCovers, type CommentDirective } from "./directives.js";
import { compareFindings, identityOf, type Finding, type RelatedLocation, type Suppression } from "./finding.js";
import { createFixer, type Fixer, type TextEdit } from "./fix.js";
import { renderedDocuments, type RenderedDocument } from "./helm-source.js";
import { interpolate } from "./interpolate.js";
import { rangeOfField, type Anchor } from "./locate-object.js";
import type { AnyRule, ObjectContext, ObjectReport, RelatedReport, Severity, SourceReport } from "./rule.js";

/** A finding from outside the rule registry (user policies), placed by object and path like a rule's. */
export interface ExternalReport {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly object?: K8sObject;
  readonly path?: FieldPath;
  /** For reports not about one object: the file and range. */
  readonly file?: string;
  readonly range?: SourceRange;
}

/** Something that adds findings after the bundle is built (the OPA policy runtime is one). */
export interface FindingProvider {
  readonly name: string;
  run(bundle: Bundle, config: ResolvedConfig): readonly ExternalReport[] | Promise<readonly ExternalReport[]>;
}

export interface LintOptions {
  readonly registry: RuleRegistry;
  /** One configuration for every file. */
  readonly config?: ResolvedConfig;
  /** Or a configuration per file (configs found by walking up from each file). */
  readonly configFor?: (path: string) => ResolvedConfig;
  readonly parse?: ParseOptions;
  readonly providers?: readonly FindingProvider[];
  /** When given, the milliseconds each rule takes are added to it under the rule's id. */
  readonly ruleTimings?: Map<string, number>;
  /**
   * Kept across runs of one bundle by a long-lived linter: a check of an unchanged object runs
   * again only when the edit changed what it looked up in the bundle.
   */
  readonly checkCache?: CheckCache;
  /**
   * Only what the files alone show: findings of checks that looked at the bundle are dropped, and
   * unused suppressions are not reported. A quick first pass before the whole workspace is read.
   */
  readonly localOnly?: boolean;
}

export interface LintResult {
  /** Every finding, suppressed ones included (they carry `suppression`), in a deterministic order. */
  readonly findings: readonly Finding[];
  readonly files: readonly SourceFile[];
  readonly bundle: Bundle;
}

/** Most findings have no related locations; they share one empty list. */
const NO_RELATED: readonly RelatedLocation[] = Object.freeze([]);

export const UNUSED_SUPPRESSION = "unused-suppression";
export const INTERNAL_ERROR = "internal-error";
/** `ignore.statelint.io/<rule>`: the annotations that suppress a rule's findings on their object. */
export const ANNOTATION_PREFIX = "ignore.statelint.io/";

interface Suppressor {
  /** The file it sits in: it covers findings of that file only. */
  readonly file: string;
  readonly suppression: Suppression;
  /** Rule ids it names; empty means every rule. */
  readonly ruleIds: readonly string[];
  /** Rule ids it actually silenced, so one live id does not hide a stale or misspelt neighbour. */
  readonly usedIds: Set<string>;
  readonly report: () => { file: string; range: SourceRange; object?: K8sObject; path?: FieldPath };
  readonly covers: (finding: Finding) => boolean;
}

function annotationRuleId(key: string): string {
  // Annotation names allow one slash, so policy ids are written with a dot: policy.no-latest → policy/no-latest.
  const id = key.slice(ANNOTATION_PREFIX.length);
  return id.startsWith("policy.") ? `policy/${id.slice("policy.".length)}` : id;
}

/**
 * What checking an object and reporting need of a rule, kept in one shape: read off the rules' own
 * objects (each of its own shape) for every check and report, each was a slow, megamorphic lookup.
 */
interface RuleFacts {
  readonly id: string;
  /** The rule's check, bound to the rule. */
  readonly check: ((context: ObjectContext<string, unknown>) => void) | undefined;
  readonly severity: Severity;
  readonly messages: ReadonlyMap<string, string>;
  readonly fixTitles: ReadonlyMap<string, string>;
  /**
   * The rule's own severity in the last configuration it reported under: most reports give none
   * of their own, and a run has one configuration or a few, so this spares two map lookups a report.
   */
  lastConfig: ResolvedConfig | undefined;
  lastSeverity: Severity | undefined;
}

/** The edits a report's fix makes with a fixer of its object, or undefined when it makes none. */
function fixEdits(fixer: Fixer, fix: NonNullable<ObjectReport<string>["fix"]>): TextEdit[] | undefined {
  const edits = fix(fixer);
  if (!edits) return undefined;
  const list = (Array.isArray(edits) ? edits : [edits]) as TextEdit[];
  return list.length ? list : undefined;
}

/** A rule's severity in a configuration: undefined when it is off; the report's own when the user set no level. */
function severityIn(config: ResolvedConfig, ruleId: string, suggested: Severity | undefined): Severity | undefined {
  const level = config.levels.get(ruleId);
  if (level === "off") return undefined;
  if (level === undefined) return suggested;
  if (!config.userLevels.has(ruleId) && suggested) return suggested;
  return level;
}

export class FindingCollector {
  readonly findings: Finding[] = [];
  private readonly configOf: (path: string) => ResolvedConfig;
  /** What checking and reporting need of each rule, read off it once. */
  private readonly rules = new Map<AnyRule, RuleFacts>();
  private identified: K8sObject | undefined;
  private lastIdentity: ObjectIdentity | undefined;
  private fixed: K8sObject | undefined;
  private lastFixer: Fixer | undefined;

  constructor(options: LintOptions, fallback: ResolvedConfig) {
    this.configOf = options.configFor ?? (() => options.config ?? fallback);
  }

  config(path: string): ResolvedConfig {
    return this.configOf(path);
  }

  severityFor(ruleId: string, path: string, suggested?: Severity): Severity | undefined {
    return severityIn(this.configOf(path), ruleId, suggested);
  }

  related(object: K8sObject, path: FieldPath | undefined, message: string): RelatedLocation {
    return { file: object.file.path, range: rangeOfField(object, path), message, object: this.identity(object) };
  }

  private relatedOf(reports: readonly RelatedReport[]): RelatedLocation[] {
    const locations = new Array<RelatedLocation>(reports.length);
    for (let index = 0; index < reports.length; index++) {
      const report = reports[index]!;
      locations[index] = this.related(report.object, report.path, report.message);
    }
    return locations;
  }

  /** The last object's identity is kept: reports come object by object, several on each. */
  private identity(object: K8sObject): ObjectIdentity {
    if (object !== this.identified) {
      this.identified = object;
      this.lastIdentity = identityOf(object);
    }
    return this.lastIdentity!;
  }

  /** The last object's fixer is kept too: a fixer holds nothing but where its object is. */
  private fixerOf(object: K8sObject): Fixer {
    if (object !== this.fixed) {
      this.fixed = object;
      this.lastFixer = createFixer(object.document, object.file.text, object.file.lines, object.basePath);
    }
    return this.lastFixer!;
  }

  factsOf(rule: AnyRule): RuleFacts {
    let facts = this.rules.get(rule);
    if (facts === undefined) {
      const { messages, fixTitles } = rule.meta as { messages: Readonly<Record<string, string>>; fixTitles?: Readonly<Record<string, string>> };
      facts = {
        id: rule.id,
        check: rule.check?.bind(rule),
        severity: rule.meta.severity,
        messages: new Map(Object.entries(messages)),
        fixTitles: new Map(Object.entries(fixTitles ?? {})),
        lastConfig: undefined,
        lastSeverity: undefined,
      };
      this.rules.set(rule, facts);
    }
    return facts;
  }

  /** `config` is the one of the checked object's file, which most reports are about. */
  objectReport(facts: RuleFacts, checked: K8sObject, config: ResolvedConfig, report: ObjectReport<string>): void {
    // One pass over the report's own keys rather than a read per field: rules make reports in
    // dozens of shapes, and V8's lookup of a field by name at such a site mostly missed its cache
    // (about half of this method's time, in a profile of the bench corpus).
    let other: K8sObject | undefined;
    let given: Severity | undefined;
    let messageId = "";
    let data: ObjectReport<string>["data"];
    let path: FieldPath | undefined;
    let at: Anchor | undefined;
    let related: readonly RelatedReport[] | undefined;
    let fix: ObjectReport<string>["fix"];
    for (const key in report) {
      const value: unknown = report[key as keyof ObjectReport<string>];
      switch (key) {
        case "messageId":
          messageId = value as string;
          break;
        case "data":
          data = value as typeof data;
          break;
        case "path":
          path = value as FieldPath | undefined;
          break;
        case "object":
          other = value as K8sObject | undefined;
          break;
        case "severity":
          given = value as Severity | undefined;
          break;
        case "at":
          at = value as Anchor | undefined;
          break;
        case "related":
          related = value as readonly RelatedReport[] | undefined;
          break;
        case "fix":
          fix = value as typeof fix;
          break;
      }
    }
    const object = other ?? checked;
    let severity: Severity | undefined;
    if (object.file !== checked.file) severity = this.severityFor(facts.id, object.file.path, given ?? facts.severity);
    else if (given !== undefined) severity = severityIn(config, facts.id, given);
    else {
      if (facts.lastConfig !== config) {
        facts.lastConfig = config;
        facts.lastSeverity = severityIn(config, facts.id, facts.severity);
      }
      severity = facts.lastSeverity;
    }
    if (!severity) return;
    const template = facts.messages.get(messageId);
    if (template === undefined) throw new Error(`rule ${facts.id} reported unknown messageId "${messageId}"`);
    const edits = fix === undefined ? undefined : fixEdits(this.fixerOf(object), fix);
    const fixTitle = edits === undefined ? undefined : facts.fixTitles.get(messageId);
    if (edits !== undefined && fixTitle === undefined) throw new Error(`rule ${facts.id} offers a fix for messageId "${messageId}" without a title in meta.fixTitles`);
    // One literal of one shape, its optional fields present even when undefined: added after the
    // literal, they gave findings four shapes, and every reader of findings (suppressions, the
    // sort, the formatters) was polymorphic; `related?.length` deoptimized this method.
    this.findings.push({
      ruleId: facts.id,
      severity,
      message: interpolate(template, data),
      messageId,
      file: object.file.path,
      range: rangeOfField(object, path, at),
      object: this.identity(object),
      related: related !== undefined && related.length > 0 ? this.relatedOf(related) : NO_RELATED,
      path: path ? formatFieldPath(path) : undefined,
      fix: fixTitle === undefined ? undefined : { title: interpolate(fixTitle, data), edits: edits! },
    });
  }

  sourceReport(rule: AnyRule, file: SourceFile, report: SourceReport<string>): void {
    const severity = this.severityFor(rule.id, file.path, rule.meta.severity);
    if (!severity) return;
    const template = rule.meta.messages[report.messageId] as string | undefined;
    if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId "${report.messageId}"`);
    this.findings.push({
      ruleId: rule.id,
      severity,
      message: interpolate(template, report.data),
      messageId: report.messageId,
      file: file.path,
      range: report.range,
      related: (report.related ?? []).map((related) => ({ file: file.path, range: related.range, message: related.message })),
    });
  }

  external(report: ExternalReport): void {
    const file = report.object?.file.path ?? report.file ?? "";
    const severity = this.severityFor(report.ruleId, file, report.severity);
    if (!severity) return;
    const range = report.object ? rangeOfField(report.object, report.path) : report.range;
    if (!range) return;
    this.findings.push({
      ruleId: report.ruleId,
      severity,
      message: report.message,
      file,
      range,
      ...(report.object ? { object: identityOf(report.object) } : {}),
      ...(report.path ? { path: formatFieldPath(report.path) } : {}),
      related: [],
    });
  }

  internalError(ruleId: string, file: SourceFile, object: K8sObject | undefined, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.findings.push({
      ruleId: INTERNAL_ERROR,
      severity: "error",
      message: `Rule "${ruleId}" failed on this ${object ? "object" : "file"}: ${reason}. This is a statelint bug; please report it with the manifest.`,
      file: file.path,
      range: object ? rangeOfField(object, undefined) : file.lines.range(0, file.lines.lineEnd(1)),
      ...(object ? { object: identityOf(object) } : {}),
      related: [],
    });
  }
}

/**
 * The enabled rules for each configuration and kind, in registry order (rules of the kind, then
 * those of every kind), worked out once per pair instead of once per object.
 */
export function applicableRules(rules: readonly AnyRule[]): (config: ResolvedConfig, kind: string) => readonly AnyRule[] {
  const byKind = new Map<string, AnyRule[]>();
  const everyKind: AnyRule[] = [];
  for (const rule of rules) {
    if (!rule.check) continue;
    if (!rule.kinds) {
      everyKind.push(rule);
      continue;
    }
    for (const kind of rule.kinds) {
      const list = byKind.get(kind);
      if (list) list.push(rule);
      else byKind.set(kind, [rule]);
    }
  }
  // Weak: the language server resolves a new configuration whenever one changes.
  const known = new WeakMap<ResolvedConfig, Map<string, readonly AnyRule[]>>();
  return (config, kind) => {
    let byConfig = known.get(config);
    if (!byConfig) known.set(config, (byConfig = new Map()));
    let list = byConfig.get(kind);
    if (!list) {
      list = [...(byKind.get(kind) ?? []), ...everyKind].filter((rule) => config.levels.get(rule.id) !== "off");
      byConfig.set(kind, list);
    }
    return list;
  };
}

/** Adds the suppressions an object's annotations make. */
function addAnnotationSuppressors(object: K8sObject, result: Suppressor[]): void {
  const annotations = asRecord(asRecord(object.raw["metadata"])["annotations"]);
  // `for…in` rather than entries: every object is asked, and few have any such annotation.
  for (const key in annotations) {
    if (!key.startsWith(ANNOTATION_PREFIX)) continue;
    const value = annotations[key];
    const ruleId = annotationRuleId(key);
    const reason = typeof value === "string" && value.trim() ? value.trim() : undefined;
    result.push({
      file: object.file.path,
      suppression: { kind: "annotation", ...(reason ? { reason } : {}) },
      ruleIds: [ruleId],
      usedIds: new Set(),
      report: () => ({ file: object.file.path, range: rangeOfField(object, ["metadata", "annotations", key], "key"), object, path: ["metadata", "annotations", key] }),
      covers: (finding) => finding.ruleId === ruleId && finding.object?.id === object.id && finding.file === object.file.path,
    });
  }
}

function commentSuppressor(file: SourceFile, directive: CommentDirective): Suppressor {
  return {
    file: file.path,
    suppression: { kind: "comment", ...(directive.reason ? { reason: directive.reason } : {}) },
    ruleIds: directive.ruleIds,
    usedIds: new Set(),
    report: () => ({ file: file.path, range: directive.range }),
    covers: (finding) => finding.file === file.path && directiveCovers(directive, finding.ruleId, finding.range.start.line),
  };
}

function applySuppressions(findings: Finding[], suppressors: readonly Suppressor[]): Finding[] {
  if (suppressors.length === 0) return findings;
  const byFile = new Map<string, Suppressor[]>();
  for (const suppressor of suppressors) {
    const list = byFile.get(suppressor.file);
    if (list) list.push(suppressor);
    else byFile.set(suppressor.file, [suppressor]);
  }
  const result = findings.slice();
  for (let index = 0; index < result.length; index++) {
    const finding = result[index]!;
    const candidates = byFile.get(finding.file);
    if (candidates === undefined) continue;
    let suppression: Suppression | undefined;
    for (const suppressor of candidates) {
      if (!suppressor.covers(finding)) continue;
      suppressor.usedIds.add(finding.ruleId);
      suppression ??= suppressor.suppression;
    }
    if (suppression) result[index] = { ...finding, suppression };
  }
  return result;
}

const UNUSED_MESSAGES: Readonly<Record<"unused" | "unknownRule", string>> = {
  unused: "Unused suppression {{form}}{{rules}}: nothing is reported here any more; remove it.",
  unknownRule: "Suppression {{form}} names unknown {{rules}}; remove it or fix the rule id.",
};

function quoteIds(ids: readonly string[]): string {
  return ids.map((id) => `"${id}"`).join(", ");
}

function unusedSuppressionFindings(suppressors: readonly Suppressor[], collector: FindingCollector, registry: RuleRegistry): Finding[] {
  const result: Finding[] = [];
  const messages = (registry.byId.get(UNUSED_SUPPRESSION)?.meta.messages ?? UNUSED_MESSAGES) as Readonly<Record<string, string>>;
  for (const suppressor of suppressors) {
    const where = suppressor.report();
    const severity = collector.severityFor(UNUSED_SUPPRESSION, where.file);
    if (!severity) continue;
    const config = collector.config(where.file);
    const form = suppressor.suppression.kind;
    const push = (messageId: "unused" | "unknownRule", rules: string) =>
      result.push({
        ruleId: UNUSED_SUPPRESSION,
        severity,
        message: interpolate(messages[messageId] ?? UNUSED_MESSAGES[messageId], { form, rules }),
        messageId,
        file: where.file,
        range: where.range,
        ...(where.object ? { object: identityOf(where.object) } : {}),
        ...(where.path ? { path: formatFieldPath(where.path) } : {}),
        related: [],
      });
    if (suppressor.ruleIds.length === 0) {
      if (suppressor.usedIds.size === 0) push("unused", "");
      continue;
    }
    const unknown = suppressor.ruleIds.filter((id) => !registry.byId.has(id) && !id.startsWith("policy/"));
    if (unknown.length) push("unknownRule", `rule${unknown.length > 1 ? "s" : ""} ${quoteIds(unknown)}`);
    // A directive for a rule that is switched off is not "unused": the user may turn it back on.
    const stale = suppressor.ruleIds.filter((id) => !unknown.includes(id) && !suppressor.usedIds.has(id) && config.levels.get(id) !== "off");
    if (stale.length) push("unused", ` for ${quoteIds(stale)}`);
  }
  return result;
}

/** Wraps each rule's checks with a clock when timings are asked for; otherwise the rules as they are. */
export function timed(rules: readonly AnyRule[], timings: Map<string, number> | undefined): readonly AnyRule[] {
  if (!timings) return rules;
  return rules.map((rule) => {
    // One running total per rule, shared by its two checks and written to the map after each: no
    // lookup per check, which counted in the phase that was not any rule's.
    const spent = { total: timings.get(rule.id) ?? 0 };
    const clock = <A>(check: ((context: A) => void) | undefined) =>
      check &&
      ((context: A) => {
        const started = performance.now();
        try {
          check(context);
        } finally {
          spent.total += performance.now() - started;
          timings.set(rule.id, spent.total);
        }
      });
    return { ...rule, check: clock(rule.check?.bind(rule)), checkSource: clock(rule.checkSource?.bind(rule)) } as AnyRule;
  });
}

/** One enabled rule's check for the objects of one configuration and kind, with its options resolved. */
interface PreparedCheck {
  readonly facts: RuleFacts;
  readonly options: unknown;
}

/**
 * The checks of each configuration and kind, with what running them needs read off the rules and
 * the configuration once: a large run makes hundreds of thousands of checks, and two map lookups
 * per check (the rule's facts and its options) were a visible part of the time between them.
 */
function preparedChecks(rulesFor: (config: ResolvedConfig, kind: string) => readonly AnyRule[], collector: FindingCollector): (config: ResolvedConfig, kind: string) => readonly PreparedCheck[] {
  const known = new Map<ResolvedConfig, Map<string, readonly PreparedCheck[]>>();
  return (config, kind) => {
    let byKind = known.get(config);
    if (!byKind) known.set(config, (byKind = new Map()));
    let checks = byKind.get(kind);
    if (!checks) {
      checks = rulesFor(config, kind).map((rule) => {
        const facts = collector.factsOf(rule);
        return { facts, options: config.options.get(facts.id) };
      });
      byKind.set(kind, checks);
    }
    return checks;
  };
}

/**
 * Runs checks on one object through one context, switching its rule and options between checks
 * (which run one at a time, synchronously): a large run makes hundreds of thousands of checks, and
 * a context per check was a good part of its garbage.
 */
function checkedContext(object: K8sObject, bundle: Bundle, config: ResolvedConfig, collector: FindingCollector) {
  let current: RuleFacts | undefined;
  const context = {
    object,
    bundle,
    options: undefined as unknown,
    settings: config.settings,
    kubernetesVersion: config.kubernetesVersion,
    report: (report: ObjectReport<string>) => collector.objectReport(current!, object, config, report),
  };
  return {
    context,
    run(facts: RuleFacts, options: unknown): void {
      const check = facts.check;
      if (!check) return;
      current = facts;
      context.options = options;
      try {
        check(context);
      } catch (error) {
        collector.internalError(facts.id, object.file, object, error);
      }
    },
  };
}

/** Runs rules' checks on one object, one at a time (see `checkedContext`). */
export function objectChecker(object: K8sObject, bundle: Bundle, config: ResolvedConfig, collector: FindingCollector): (rule: AnyRule) => void {
  const { run } = checkedContext(object, bundle, config, collector);
  return (rule) => {
    const facts = collector.factsOf(rule);
    run(facts, config.options.get(facts.id));
  };
}

/**
 * Runs the checks of one object, reusing those of the last run that the edit cannot affect, and
 * notes what each looked up. In a local pass the findings of checks that looked up anything are
 * left out (they are still kept for the next run: they are right for the bundle they saw).
 */
function reuseChecks(previous: ObjectChecks, collector: FindingCollector, localOnly: boolean | undefined): void {
  for (const [ruleId, findings] of previous.findings) if (!(localOnly && previous.lookedUp.has(ruleId))) collector.findings.push(...findings);
}

function runRecordedChecks(object: K8sObject, previous: ObjectChecks | undefined, rules: readonly AnyRule[], bundle: Bundle, config: ResolvedConfig, collector: FindingCollector, options: LintOptions): void {
  const { checkCache, localOnly } = options;
  if (previous && checkCache?.affects(previous) === "no") {
    reuseChecks(previous, collector, localOnly);
    return;
  }
  const checks = recordChecks(object, previous, rules, bundle, config, collector, localOnly);
  checkCache?.store(object, checks);
}

/**
 * Runs the checks of one object, reusing the last run's findings of those that looked nothing up
 * (they depend on the object alone), and notes what each of the others looked up.
 */
export function recordChecks(object: K8sObject, previous: ObjectChecks | undefined, rules: readonly AnyRule[], bundle: Bundle, config: ResolvedConfig, collector: FindingCollector, localOnly?: boolean): ObjectChecks {
  const findings = new Map<string, readonly Finding[]>();
  const lookedUp = new Set<string>();
  const reads = new Set<string>();
  const check = objectChecker(object, bundle, config, collector);
  for (const rule of rules) {
    const reused = previous && !previous.lookedUp.has(rule.id) ? previous.findings.get(rule.id) : undefined;
    if (reused) {
      collector.findings.push(...reused);
      findings.set(rule.id, reused);
      continue;
    }
    const before = collector.findings.length;
    const checkReads = new Set<string>();
    bundle.startRecording(checkReads, object);
    try {
      check(rule);
    } finally {
      bundle.stopRecording();
    }
    findings.set(rule.id, collector.findings.slice(before));
    if (checkReads.size === 0) continue;
    lookedUp.add(rule.id);
    for (const read of checkReads) reads.add(read);
    if (localOnly) collector.findings.length = before;
  }
  return { config, findings, lookedUp, reads };
}

/** Runs the rules that read a file's text rather than its objects. */
export function runSourceRules(file: SourceFile, sourceRules: readonly AnyRule[], collector: FindingCollector): void {
  const config = collector.config(file.path);
  for (const rule of sourceRules) {
    if (config.levels.get(rule.id) === "off") continue;
    try {
      rule.checkSource?.({ file, options: config.options.get(rule.id), settings: config.settings, kubernetesVersion: config.kubernetesVersion, report: (report) => collector.sourceReport(rule, file, report) });
    } catch (error) {
      collector.internalError(rule.id, file, undefined, error);
    }
  }
}

function runRules(files: readonly SourceFile[], objects: readonly K8sObject[], bundle: Bundle, collector: FindingCollector, options: LintOptions): void {
  const rules = timed(options.registry.rules, options.ruleTimings);
  const recording = options.checkCache !== undefined || options.localOnly === true;
  options.checkCache?.begin(objects);
  const rulesFor = applicableRules(rules);
  const checksFor = preparedChecks(rulesFor, collector);
  const sourceRules = rules.filter((rule) => rule.checkSource);
  for (const file of files) runSourceRules(file, sourceRules, collector);
  const checkCache = options.checkCache;
  // Objects whose checks wait for the derived values they used to be rebuilt (see CheckCache).
  const waiting: K8sObject[] = [];
  const recorded = (object: K8sObject, config: ResolvedConfig, previous: ObjectChecks | undefined) =>
    runRecordedChecks(object, previous, rulesFor(config, object.kind), bundle, config, collector, options);
  // Indexed loops: this one runs once, mostly before it is optimized, where for…of allocates a
  // result per step (150,000 on the bench corpus).
  for (let index = 0; index < objects.length; index++) {
    const object = objects[index]!;
    const config = collector.config(object.file.path);
    if (recording) {
      const previous = checkCache?.lookup(object, config);
      const affected = previous && checkCache ? checkCache.affects(previous) : "yes";
      if (previous && affected === "no") reuseChecks(previous, collector, options.localOnly);
      else if (affected === "if-derived-changed") waiting.push(object);
      else recorded(object, config, previous);
      continue;
    }
    const { run } = checkedContext(object, bundle, config, collector);
    const checks = checksFor(config, object.kind);
    for (let at = 0; at < checks.length; at++) run(checks[at]!.facts, checks[at]!.options);
  }
  if (!checkCache) return;
  checkCache.settle(bundle);
  for (const object of waiting) {
    const config = collector.config(object.file.path);
    recorded(object, config, checkCache.lookup(object, config));
  }
  checkCache.finish(bundle);
}

function prepare(files: readonly SourceFile[], options: LintOptions) {
  const fallback = options.config ?? resolveConfig(options.registry).config;
  const collector = new FindingCollector(options, fallback);
  const cache = options.checkCache;
  const objects = files.flatMap((file) => (cache ? cache.objectsOf(file, collector.config(file.path).namespace) : objectsOf(file, collector.config(file.path).namespace)));
  const bundle = new Bundle(objects);
  return { collector, objects, bundle };
}

/**
 * Names the chart template of each finding in `helm template` output, in the message too, so every
 * output format tells users which template to fix: the rendered stream's line numbers are not theirs.
 */
function withTemplates(findings: Finding[], files: readonly SourceFile[]): Finding[] {
  const rendered = new Map<string, RenderedDocument[]>();
  for (const file of files) {
    const documents = renderedDocuments(file);
    if (documents.length) rendered.set(file.path, documents);
  }
  if (rendered.size === 0) return findings;
  return findings.map((finding) => {
    const offset = finding.range.start.offset;
    const template = rendered.get(finding.file)?.find((document) => document.start <= offset && offset < document.end)?.template;
    if (template === undefined) return finding;
    const sentence = /[.!?]$/.test(finding.message) ? finding.message : `${finding.message}.`;
    return { ...finding, message: `${sentence} Rendered from ${template}.`, template };
  });
}

function finish(files: readonly SourceFile[], objects: readonly K8sObject[], bundle: Bundle, collector: FindingCollector, options: LintOptions): LintResult {
  return { findings: finishFindings(files, objects, collector, options), files, bundle };
}

/**
 * Applies suppressions to the collected findings of these files (every finding in them, and the
 * objects they hold), adds the unused suppressions, names templates and sorts. Files are
 * independent here: a suppression covers findings in its own file only.
 */
export function finishFindings(files: readonly SourceFile[], objects: readonly K8sObject[], collector: FindingCollector, { registry, localOnly }: Pick<LintOptions, "registry" | "localOnly">): Finding[] {
  const suppressors: Suppressor[] = [];
  for (const file of files) for (const directive of commentDirectives(file)) suppressors.push(commentSuppressor(file, directive));
  for (const object of objects) addAnnotationSuppressors(object, suppressors);
  const findings = applySuppressions(collector.findings, suppressors);
  // A local pass drops findings that looked at the bundle, so it cannot tell which suppressions are unused.
  if (!localOnly) findings.push(...unusedSuppressionFindings(suppressors, collector, registry));
  const located = withTemplates(findings, files);
  located.sort(compareFindings);
  return located;
}

/** Lints parsed files with the built-in rules only (no asynchronous providers). */
export function lintFilesSync(files: readonly SourceFile[], options: LintOptions): LintResult {
  const { collector, objects, bundle } = prepare(files, options);
  runRules(files, objects, bundle, collector, options);
  return finish(files, objects, bundle, collector, options);
}

/** Lints parsed files with the rules and every finding provider (user policies). */
export async function lintFiles(files: readonly SourceFile[], options: LintOptions): Promise<LintResult> {
  const { collector, objects, bundle } = prepare(files, options);
  runRules(files, objects, bundle, collector, options);
  for (const provider of options.providers ?? []) {
    const config = options.config ?? collector.config(files[0]?.path ?? "");
    for (const report of await provider.run(bundle, config)) collector.external(report);
  }
  return finish(files, objects, bundle, collector, options);
}

export interface LintSource {
  readonly path: string;
  readonly text: string;
}

/** Parses and lints texts (convenient for tests and the editor). */
export function lintTextsSync(sources: readonly LintSource[], options: LintOptions): LintResult {
  return lintFilesSync(sources.map((source) => parseSource(source.path, source.text, options.parse)), options);
}

export function lintTexts(sources: readonly LintSource[], options: LintOptions): Promise<LintResult> {
  return lintFiles(sources.map((source) => parseSource(source.path, source.text, options.parse)), options);
}
