import { describe, expect, it } from "vitest";
import { createRegistry, resolveConfig, type ResolvedConfig } from "../config/resolve.js";
import { DEFAULT_SETTINGS, type Settings } from "../config/settings.js";
import { applyFixes } from "../engine/fix.js";
import { hasPlaceholders } from "../engine/interpolate.js";
import { INTERNAL_ERROR, lintTextsSync } from "../engine/lint.js";
import type { AnyRule, Severity } from "../engine/rule.js";
import type { ParseOptions } from "../source/parse.js";
import { validatorFor } from "../schema/ajv.js";

export interface TestCaseBase {
  /** Shown as the test name; defaults to the first line of the code. */
  readonly name?: string;
  /** A single file's text (named `manifest.yaml`, or `filename`). */
  readonly code?: string;
  readonly filename?: string;
  /** Several files forming one bundle. */
  readonly files?: Readonly<Record<string, string>>;
  readonly options?: Record<string, unknown>;
  readonly settings?: Partial<Settings>;
  /** Override the rule's level, to check severities set by the user. */
  readonly level?: Severity;
  /** `kubernetesVersion` from the configuration. */
  readonly kubernetesVersion?: string;
  readonly parse?: ParseOptions;
}

export type ValidTestCase = TestCaseBase | string;

export interface ExpectedFinding {
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Exact rendered message, when the test wants to pin the wording. */
  readonly message?: string;
  readonly severity?: Severity;
  readonly file?: string;
  /** Related locations as `file:line:column`. */
  readonly related?: readonly string[];
}

export interface InvalidTestCase extends TestCaseBase {
  readonly errors: readonly ExpectedFinding[];
  /** The single file's text after applying every fix; `null` asserts there is no fix. */
  readonly output?: string | null;
}

const DEFAULT_FILE = "manifest.yaml";

function caseFiles(testCase: TestCaseBase): { path: string; text: string }[] {
  if (testCase.files) return Object.entries(testCase.files).map(([path, text]) => ({ path, text }));
  if (testCase.code === undefined) throw new Error("a test case needs `code` or `files`");
  return [{ path: testCase.filename ?? DEFAULT_FILE, text: testCase.code }];
}

function caseName(testCase: TestCaseBase): string {
  if (testCase.name) return testCase.name;
  const text = testCase.code ?? Object.values(testCase.files ?? {})[0] ?? "";
  return text.trim().split("\n").slice(0, 3).join(" ").slice(0, 90);
}

function configFor(rule: AnyRule, testCase: TestCaseBase): ResolvedConfig {
  const registry = createRegistry([rule]);
  const base = resolveConfig(registry).config;
  const options = testCase.options ? { ...(rule.meta.defaultOptions as object), ...testCase.options } : rule.meta.defaultOptions;
  if (testCase.options) {
    const validate = validatorFor(rule.meta.optionsSchema ?? { type: "object", additionalProperties: false });
    if (!validate(testCase.options)) throw new Error(`options do not match the schema of ${rule.id}: ${JSON.stringify(validate.errors)}`);
  }
  const levels = new Map(base.levels);
  const userLevels = new Set<string>();
  if (testCase.level) {
    levels.set(rule.id, testCase.level);
    userLevels.add(rule.id);
  }
  return { ...base, levels, userLevels, options: new Map([[rule.id, options]]), settings: { ...DEFAULT_SETTINGS, ...testCase.settings }, kubernetesVersion: testCase.kubernetesVersion };
}

function run(rule: AnyRule, testCase: TestCaseBase) {
  const registry = createRegistry([rule]);
  const optionsBefore = JSON.stringify(testCase.options ?? {});
  const result = lintTextsSync(caseFiles(testCase), { registry, config: configFor(rule, testCase), ...(testCase.parse ? { parse: testCase.parse } : {}) });
  if (JSON.stringify(testCase.options ?? {}) !== optionsBefore) throw new Error(`rule ${rule.id} mutated its options`);
  const crash = result.findings.find((finding) => finding.ruleId === INTERNAL_ERROR);
  if (crash) throw new Error(crash.message);
  return result;
}

/**
 * ESLint-style tables of valid and invalid cases for one rule, run through the real engine.
 * Strict: every finding must be expected with its exact position, no message may keep a
 * placeholder, no case may repeat, and options must match the rule's schema.
 */
export class RuleTester {
  run(rule: AnyRule, cases: { valid: readonly ValidTestCase[]; invalid: readonly InvalidTestCase[] }): void {
    const seen = new Set<string>();
    const checkDuplicate = (testCase: TestCaseBase) => {
      const key = JSON.stringify([testCase.code, testCase.files, testCase.options, testCase.settings, testCase.level, testCase.kubernetesVersion, testCase.parse]);
      if (seen.has(key)) throw new Error(`duplicate test case in ${rule.id}: ${caseName(testCase)}`);
      seen.add(key);
    };
    describe(rule.id, () => {
      describe("valid", () => {
        for (const raw of cases.valid) {
          const testCase = typeof raw === "string" ? { code: raw } : raw;
          checkDuplicate(testCase);
          it(caseName(testCase), () => {
            const findings = run(rule, testCase).findings.filter((finding) => finding.ruleId === rule.id && !finding.suppression);
            expect(findings.map((finding) => `${finding.range.start.line}:${finding.range.start.column} ${finding.message}`)).toEqual([]);
          });
        }
      });
      describe("invalid", () => {
        for (const testCase of cases.invalid) {
          checkDuplicate(testCase);
          it(caseName(testCase), () => {
            if (testCase.errors.length === 0) throw new Error("an invalid case must expect at least one finding");
            const result = run(rule, testCase);
            const findings = result.findings.filter((finding) => finding.ruleId === rule.id && !finding.suppression);
            const actual = findings.map((finding, index) => {
              const expected = testCase.errors[index];
              if (finding.messageId && !(finding.messageId in rule.meta.messages)) throw new Error(`unknown messageId ${finding.messageId}`);
              if (hasPlaceholders(finding.message)) throw new Error(`message keeps a placeholder: ${finding.message}`);
              return {
                messageId: finding.messageId,
                line: finding.range.start.line,
                column: finding.range.start.column,
                ...(expected?.endLine !== undefined ? { endLine: finding.range.end.line } : {}),
                ...(expected?.endColumn !== undefined ? { endColumn: finding.range.end.column } : {}),
                ...(expected?.message !== undefined ? { message: finding.message } : {}),
                ...(expected?.severity !== undefined ? { severity: finding.severity } : {}),
                ...(expected?.file !== undefined ? { file: finding.file } : {}),
                ...(expected?.related !== undefined ? { related: finding.related.map((related) => `${related.file}:${related.range.start.line}:${related.range.start.column}`) } : {}),
              };
            });
            const expected = testCase.errors.map((error) => {
              const { data: _data, ...rest } = error;
              return rest;
            });
            expect(actual).toEqual(expected);
            testCase.errors.forEach((error, index) => {
              if (!error.data) return;
              const template = rule.meta.messages[error.messageId] as string;
              const rendered = template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => (name in error.data! ? String(error.data![name]) : whole));
              expect(findings[index]?.message).toBe(rendered);
            });
            if (testCase.output !== undefined) {
              const files = caseFiles(testCase);
              if (files.length !== 1) throw new Error("`output` needs a single-file case");
              const fixes = findings.flatMap((finding) => (finding.fix ? [finding.fix] : []));
              if (testCase.output === null) expect(fixes).toEqual([]);
              else expect(applyFixes(files[0]!.text, fixes).text).toBe(testCase.output);
            }
          });
        }
      });
    });
  }
}
