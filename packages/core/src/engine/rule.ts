import type { Bundle } from "../graph/bundle.js";
import type { K8sObject } from "../model/object.js";
import type { FieldPath } from "../source/path.js";
import type { SourceFile } from "../source/parse.js";
import type { SourceRange } from "../source/position.js";
import type { Settings } from "../config/settings.js";
import type { Fixer, TextEdit } from "./fix.js";

export type Severity = "error" | "warning" | "info";
export type RuleLevel = Severity | "off";

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 1, warning: 2, error: 3 };

export type RuleCategory =
  | "schema"
  | "service"
  | "storage"
  | "probes"
  | "secrets"
  | "retention"
  | "spread"
  | "availability"
  | "hygiene"
  | "meta";

export const CATEGORY_TITLES: Readonly<Record<RuleCategory, string>> = {
  schema: "Schema and structure",
  service: "Headless Service pairing",
  storage: "volumeClaimTemplates and storage",
  probes: "Readiness probes",
  secrets: "Secrets hygiene",
  retention: "PVC retention",
  spread: "Anti-affinity and spread",
  availability: "Disaster recovery and HA",
  hygiene: "Hygiene",
  meta: "statelint itself",
};

/** A JSON Schema for a rule's options object (validated with ajv). */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface RuleMeta<MessageIds extends string, Options> {
  readonly category: RuleCategory;
  /** Default severity. */
  readonly severity: Severity;
  /** One line: what the rule finds. */
  readonly description: string;
  /** Why it matters: what breaks in production. */
  readonly rationale: string;
  /** How to fix it; one or more sentences ending with a period. */
  readonly remediation: string;
  /** Message templates with `{{placeholders}}`; rules report only through these ids. */
  readonly messages: Readonly<Record<MessageIds, string>>;
  /** Whether the rule offers safe fixes (`--fix`, quick fixes). */
  readonly fixable?: boolean;
  /**
   * Titles of the fixes, by the messageId of the report that carries one: short imperatives with
   * `{{placeholders}}` from the report's data (`Set clusterIP: None`), shown as quick-fix titles.
   * Every report with a fix needs one.
   */
  readonly fixTitles?: Readonly<Partial<Record<MessageIds, string>>>;
  /** The statelint version that introduced the rule. */
  readonly since: string;
  /** Where the rule comes from: the seed documents, upstream docs. */
  readonly sources?: readonly string[];
  /** JSON Schema of the options object; options are `{}` when absent. */
  readonly optionsSchema?: JsonSchema;
  readonly defaultOptions: Options;
}

/** What a rule reports about one object. Positions are the engine's job: rules name a field path. */
export interface ObjectReport<MessageIds extends string> {
  readonly messageId: MessageIds;
  readonly data?: Readonly<Record<string, string | number>>;
  /**
   * Report on another object of the bundle instead of the one being checked: a KafkaNodePool whose
   * replicas break its Kafka cluster's quorum. `path` and the fix are then relative to that object.
   */
  readonly object?: K8sObject;
  /** Field path within the object; the finding covers that key or value. Defaults to the object's `kind`. */
  readonly path?: FieldPath;
  /** Which part of the field to cover: its key, its value, or (auto) the value for scalars and the key for blocks. */
  readonly at?: "key" | "value" | "auto";
  /**
   * The severity of this one finding when the user has not set the rule's level (rules whose
   * catalogue entry has two severities, e.g. `vct-access-modes`).
   */
  readonly severity?: Severity;
  readonly related?: readonly RelatedReport[];
  readonly fix?: (fixer: Fixer) => TextEdit | readonly TextEdit[] | null;
}

export interface RelatedReport {
  readonly object: K8sObject;
  readonly path?: FieldPath;
  readonly message: string;
}

/** What a rule reports about a file's text (syntax problems). */
export interface SourceReport<MessageIds extends string> {
  readonly messageId: MessageIds;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly range: SourceRange;
  readonly related?: readonly { readonly range: SourceRange; readonly message: string }[];
}

export interface ObjectContext<MessageIds extends string, Options> {
  readonly object: K8sObject;
  readonly bundle: Bundle;
  readonly options: Options;
  readonly settings: Settings;
  /** `kubernetesVersion` from the configuration ("1.30"), when set. */
  readonly kubernetesVersion: string | undefined;
  report(report: ObjectReport<MessageIds>): void;
}

export interface SourceContext<MessageIds extends string, Options> {
  readonly file: SourceFile;
  readonly options: Options;
  readonly settings: Settings;
  readonly kubernetesVersion: string | undefined;
  report(report: SourceReport<MessageIds>): void;
}

export interface RuleModule<MessageIds extends string = string, Options = unknown> {
  /** Stable kebab-case id. */
  readonly id: string;
  readonly meta: RuleMeta<MessageIds, Options>;
  /** Kinds the rule looks at; all kinds when absent. */
  readonly kinds?: readonly string[];
  /** Called once per object of the listed kinds. */
  check?(context: ObjectContext<MessageIds, Options>): void;
  /** Called once per file, for rules about the text itself. */
  checkSource?(context: SourceContext<MessageIds, Options>): void;
}

/** Any rule, whatever its message ids and options. */
// eslint-style registries hold heterogeneous rules; `any` is confined to this alias.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = RuleModule<string, any>;

export function defineRule<MessageIds extends string, Options extends object = Record<string, never>>(
  rule: RuleModule<MessageIds, Options>,
): RuleModule<MessageIds, Options> {
  return rule;
}
