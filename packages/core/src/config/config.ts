import type { RuleLevel } from "../engine/rule.js";
import type { Settings } from "./settings.js";

export type RuleSetting = RuleLevel | readonly [RuleLevel] | readonly [RuleLevel, Record<string, unknown>];

export interface PolicyConfig {
  /** `policy.wasm` or the `bundle.tar.gz` written by `opa build -t wasm`, relative to the config file. */
  readonly path: string;
  /** Entrypoints evaluated once per object (`input` = the object); all of the module's when absent. */
  readonly entrypoints?: readonly string[];
  /** Entrypoints evaluated once with the whole bundle (`input.objects`). */
  readonly bundleEntrypoints?: readonly string[];
  /** Time limit of one evaluation in milliseconds (default 2000). */
  readonly timeoutMs?: number;
}

/** `.statelint.yaml` as written. */
export interface Config {
  readonly extends?: string | readonly string[];
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly ignore?: readonly string[];
  readonly kubernetesVersion?: string;
  /** The namespace of objects that declare none (default `default`). */
  readonly namespace?: string;
  readonly policies?: readonly PolicyConfig[];
  readonly settings?: Partial<Settings>;
}

const LEVEL = { enum: ["off", "info", "warning", "error"] } as const;

/** The published JSON Schema of `.statelint.yaml` (also written to `schemas/statelint-config.schema.json`). */
export const CONFIG_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "statelint configuration",
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    extends: {
      description: "Presets to start from, later ones winning: recommended (every rule at its default severity) or strict (info rules raised to warning).",
      anyOf: [{ enum: ["recommended", "strict"] }, { type: "array", items: { enum: ["recommended", "strict"] } }],
    },
    rules: {
      description: "Rule levels and options: <id>: off | info | warning | error | [<level>, {options}].",
      type: "object",
      additionalProperties: {
        anyOf: [LEVEL, { type: "array", minItems: 1, maxItems: 2, items: [LEVEL, { type: "object" }] }],
      },
    },
    ignore: { description: "Globs of files not to lint, relative to the config file.", type: "array", items: { type: "string" } },
    kubernetesVersion: { description: "Kubernetes minor version the manifests target, e.g. \"1.30\".", type: "string", pattern: "^1\\.\\d+$" },
    namespace: { description: "Namespace of objects that declare none.", type: "string", minLength: 1 },
    policies: {
      description: "Rego policies compiled to WebAssembly.",
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["path"],
        properties: {
          path: { type: "string", minLength: 1 },
          entrypoints: { type: "array", items: { type: "string" } },
          bundleEntrypoints: { type: "array", items: { type: "string" } },
          timeoutMs: { type: "integer", minimum: 1 },
        },
      },
    },
    settings: {
      description: "Options shared by several rules.",
      type: "object",
      additionalProperties: false,
      properties: {
        databaseImages: { type: "array", items: { type: "string" } },
        primaryReplicaImages: { type: "array", items: { type: "string" } },
        quorumImages: { type: "array", items: { type: "string" } },
      },
    },
  },
} as const;
