import { derivedOnce } from "../model/memo.js";
import type { ObjectIdentity } from "../model/object.js";
import type { SourceRange } from "../source/position.js";
import type { Fix } from "./fix.js";
import type { Severity } from "./rule.js";

export interface RelatedLocation {
  readonly file: string;
  readonly range: SourceRange;
  readonly message: string;
  readonly object?: ObjectIdentity;
}

export type SuppressionKind = "annotation" | "comment";

export interface Suppression {
  readonly kind: SuppressionKind;
  /** The reason written after `--` (comments) or as the annotation value. */
  readonly reason?: string;
}

/** One problem, with everything a front-end needs to show it. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** The message template id, for tests and quick-fix lookup; absent for policy findings. */
  readonly messageId?: string;
  readonly file: string;
  readonly range: SourceRange;
  readonly object?: ObjectIdentity;
  /** Field path of the reported node, `spec.template.spec.containers[0].image`. */
  readonly path?: string | undefined;
  readonly related: readonly RelatedLocation[];
  readonly fix?: Fix | undefined;
  /** The Helm chart template the document was rendered from (`# Source:` of `helm template` output). */
  readonly template?: string;
  /** Present when a suppression silenced the finding; reporters show it apart. */
  readonly suppression?: Suppression;
}

/** Who a finding is about, without the source it was read from; one shared copy per object (a large run has thousands of findings on few objects). */
export const identityOf: (object: ObjectIdentity) => ObjectIdentity = derivedOnce((object) => ({
  apiVersion: object.apiVersion,
  kind: object.kind,
  namespace: object.namespace,
  name: object.name,
  id: object.id,
}));

/** Deterministic order: file, position, rule id, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start.offset - b.range.start.offset ||
    a.range.end.offset - b.range.end.offset ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
