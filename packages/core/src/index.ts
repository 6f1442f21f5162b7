export { childPath, parseFieldPath, formatFieldPath, type FieldPath } from "./source/path.js";
export { LineIndex, type Position, type SourceRange } from "./source/position.js";
export { parseSource, parseSourceQuickly, parseSourceWithYaml, type ParseOptions, type SourceDocument, type SourceFile, type SourceProblem, type SourceProblemKind } from "./source/parse.js";
export { locateField, type LocatableDocument, type LocatedField, type NodeSpan } from "./source/spans.js";
export { rootCollection, SpanCollection, type SpanTable } from "./source/span-table.js";
export { objectsOf, formatObjectId, type K8sObject, type ObjectIdentity } from "./model/object.js";
export { apiGroup, isClusterScoped, POD_TEMPLATE_PATHS } from "./model/kinds.js";
export * from "./model/extract.js";
export * from "./model/values.js";
export * from "./model/engines.js";
export * from "./model/volumes.js";
export { engineOf, parseImage, DEFAULT_DATABASE_IMAGES, DEFAULT_PRIMARY_REPLICA_IMAGES, DEFAULT_QUORUM_IMAGES, type ImageReference } from "./model/images.js";
export { Bundle, type PodSelectorOwner, type PodTemplateOwner } from "./graph/bundle.js";
export { formatLabels, formatSelector, labelSelector, mapSelector, selectorMatches, serviceSelectorOf, specLabelSelectorOf, type Labels, type Selector } from "./graph/selectors.js";
export { statefulSetsGovernedBy } from "./graph/statefulsets.js";
export { configReferencesOf, definedKeys, type ConfigReference, type ReferencedKind, type ReferenceVia } from "./graph/references.js";
export * from "./engine/rule.js";
export { compareFindings, type Finding, type RelatedLocation, type Suppression, type SuppressionKind } from "./engine/finding.js";
export { applyFixes, createFixer, type Fix, type Fixer, type TextEdit } from "./engine/fix.js";
export { interpolate } from "./engine/interpolate.js";
export { rangeOfField } from "./engine/locate-object.js";
export { commentDirectives, type CommentDirective } from "./engine/directives.js";
export { CheckCache } from "./engine/check-cache.js";
export { IncrementalLinter } from "./engine/incremental-linter.js";
export {
  lintFiles, lintFilesSync, lintTexts, lintTextsSync, INTERNAL_ERROR, UNUSED_SUPPRESSION,
  type ExternalReport, type FindingProvider, type LintOptions, type LintResult, type LintSource,
} from "./engine/lint.js";
export { CONFIG_SCHEMA, type Config, type PolicyConfig, type RuleSetting } from "./config/config.js";
export { parseConfig, type ConfigProblem, type ParsedConfig } from "./config/parse-config.js";
export { createRegistry, resolveConfig, withRuleLevels, PRESETS, type PresetName, type ResolvedConfig, type ResolveResult, type RuleRegistry } from "./config/resolve.js";
export { findConfigFile, CONFIG_FILE_NAMES, type ConfigFileSystem } from "./config/discover.js";
export { DEFAULT_SETTINGS, type Settings } from "./config/settings.js";
export { getAjv, validatorFor, describeAjvError, instancePathSegments } from "./schema/ajv.js";
export { closestMatch } from "./util/suggest.js";
export { decodeText, detectEncoding, encodeText, type DecodedText, type TextEncoding } from "./text/decode.js";
export { appliesTo, CLUSTER_ADAPTERS, CLUSTER_KINDS, OPERATOR_CLUSTER_KINDS, clusterAdapterFor, clusterOf, kindLabel, operatorClustersIn } from "./model/cluster/index.js";
export { isOperatorManaged } from "./model/cluster/managed.js";
export type * from "./model/cluster/view.js";
