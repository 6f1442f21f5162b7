import type { Finding, K8sObject } from "@statelint/core";
import type { DraftEdge, GraphBuilder } from "./builder.js";
import type { GraphFinding } from "./model.js";
import { objectNode } from "./objects.js";

export function toGraphFindings(findings: readonly Finding[]): GraphFinding[] {
  return findings.map((finding, index) => ({
    id: `f${index + 1}`,
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    line: finding.range.start.line,
    column: finding.range.start.column,
    ...(finding.object ? { object: finding.object.id } : {}),
    ...(finding.path !== undefined ? { path: finding.path } : {}),
  }));
}

/** `spec.volumeClaimTemplates[0].spec.storageClassName` → 0: a finding about one claim template. */
function claimTemplateIndex(path: string | undefined): number | undefined {
  const match = path === undefined ? null : /^spec\.volumeClaimTemplates\[(\d+)\]/.exec(path);
  return match ? Number(match[1]) : undefined;
}

function within(path: string | undefined, prefix: string): boolean {
  return path !== undefined && (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`));
}

/**
 * Marks what each finding concerns: the object's node (or the PVCs of the claim template it is
 * about), an edge made by the field it reports (an env entry naming a missing Secret), and edges
 * between its object and an object it relates (the load-balanced Service's edges to the pods).
 * An object with findings that is not drawn yet gets a node of its own, so no finding on an
 * object is left off the picture.
 */
export function overlayFindings(builder: GraphBuilder, findings: readonly Finding[], graphFindings: readonly GraphFinding[]): void {
  const objects = new Map<string, K8sObject>();
  for (const object of builder.bundle.objects) if (!objects.has(object.id)) objects.set(object.id, object);
  // Edges by the objects at their ends: a field's edge starts at its object, a relation's ends at both.
  const edgesOf = new Map<string, DraftEdge[]>();
  for (const edge of builder.edges) {
    for (const end of new Set([edge.fromObject, edge.toObject])) {
      if (end === undefined) continue;
      const list = edgesOf.get(end);
      if (list) list.push(edge);
      else edgesOf.set(end, [edge]);
    }
  }
  findings.forEach((finding, index) => {
    const id = graphFindings[index]!.id;
    const objectId = finding.object?.id;
    if (objectId === undefined) return;
    if (!builder.has(objectId)) {
      const object = objects.get(objectId);
      if (object) objectNode(builder, object);
    }
    const claimIndex = claimTemplateIndex(finding.path);
    const claimNodes = claimIndex === undefined ? undefined : builder.claimNodes.get(`${objectId}\u0000${claimIndex}`);
    for (const nodeId of claimNodes ?? [objectId]) builder.nodes.get(nodeId)?.findings.push(id);
    for (const field of builder.fieldNodes) {
      if (field.object === objectId && within(finding.path, field.path)) for (const nodeId of field.nodes) builder.nodes.get(nodeId)?.findings.push(id);
    }

    const related = new Set(finding.related.map((location) => location.object?.id).filter((value): value is string => value !== undefined));
    for (const edge of edgesOf.get(objectId) ?? []) {
      const byField = edge.origin !== undefined && edge.origin.object === objectId && within(finding.path, edge.origin.path);
      const between = (edge.fromObject === objectId && edge.toObject !== undefined && related.has(edge.toObject)) || (edge.toObject === objectId && edge.fromObject !== undefined && related.has(edge.fromObject));
      if (byField || between) edge.findings.push(id);
    }
  });
}
