import { serviceDnsName } from "../names.js";
import type { BundleGraph, GraphEdge, GraphFinding, GraphNode } from "../model.js";
import { findingIndex, findingLines, findingsOf, nodeTitle } from "./labels.js";

/** `Service postgres-lb` for prose. */
function named(node: GraphNode): string {
  return nodeTitle(node).replace(": ", " ");
}

function marks(ids: readonly string[], index: ReadonlyMap<string, GraphFinding>): string {
  const lines = findingLines(findingsOf(ids, index));
  return lines.length ? `   ${lines.join("  ")}` : "";
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

interface View {
  readonly byId: ReadonlyMap<string, GraphNode>;
  readonly findings: ReadonlyMap<string, GraphFinding>;
  readonly out: (from: string, kind: GraphEdge["kind"]) => GraphEdge[];
}

function startOrder(view: View, statefulSet: GraphNode, pods: readonly GraphNode[], lines: string[]): void {
  const policy = String(statefulSet.attributes["podManagementPolicy"] ?? "OrderedReady");
  const claimsOf = (pod: GraphNode) => view.out(pod.id, "mounts").map((edge) => view.byId.get(edge.to)!);
  const claimText = (pod: GraphNode) => {
    const claims = claimsOf(pod);
    return claims.length ? `PVC ${list(claims.map((claim) => `${claim.name} (${claim.details[0] ?? ""})`))} is created and bound, then ` : "";
  };
  if (pods.length === 0) {
    lines.push("    replicas 0: no pod is created.");
    return;
  }
  if (policy === "Parallel") {
    lines.push(`    Parallel: every pod is created at once, each with its own PVCs.`);
    for (const pod of pods) lines.push(`    - ${claimText(pod)}pod ${pod.name} starts.`);
    return;
  }
  pods.forEach((pod, index) => {
    const next = pods[index + 1];
    if (pod.count > 1) {
      lines.push(`    ${index + 1}. ${claimText(pod)}pods ${pod.name} start one at a time (${pod.count} pods): each waits until the one before it is Ready.`);
      return;
    }
    const wait = next ? ` ${next.count > 1 ? next.name.split(" … ")[0] : next.name} waits until ${pod.name} is Ready (readiness probe).` : "";
    lines.push(`    ${index + 1}. ${claimText(pod)}pod ${pod.name} starts.${wait}`);
  });
}

function statefulSetStory(view: View, statefulSet: GraphNode, lines: string[]): void {
  const { attributes } = statefulSet;
  lines.push("", `  StatefulSet ${statefulSet.name}: ${attributes["replicas"]} replicas, ${attributes["podManagementPolicy"]}, ${attributes["updateStrategy"]}${marks(statefulSet.findings, view.findings)}`);
  const pods = view.out(statefulSet.id, "creates").map((edge) => view.byId.get(edge.to)!).filter((node) => node.kind === "Pod");
  startOrder(view, statefulSet, pods, lines);
  const update = String(attributes["updateStrategy"] ?? "RollingUpdate");
  const first = pods[0]?.name.split(" … ")[0];
  const last = pods[pods.length - 1]?.name.split(" … ").pop();
  if (first && last && pods.length > 0) {
    if (update.startsWith("OnDelete")) lines.push(`    Updates: OnDelete — a changed template reaches a pod only when you delete that pod.`);
    else lines.push(`    Updates: ${update} replaces the pods one at a time in reverse order, ${last} first and ${first} last.`);
    lines.push(`    Scaling down removes ${last} first; its PVCs are ${attributes["whenScaled"] === "Delete" ? "deleted (whenScaled: Delete)" : "kept for a later scale-up (whenScaled: Retain)"}.`);
  }
}

/** What an operator creates for a cluster: members with their pods and PVCs, Services, proxies, and what a delete keeps. */
function clusterStory(view: View, cluster: GraphNode, lines: string[]): void {
  lines.push("", `  ${cluster.attributes["title"]}: its operator creates${marks(cluster.findings, view.findings)}`);
  const created = view.out(cluster.id, "creates").map((edge) => view.byId.get(edge.to)!);
  for (const group of created.filter((node) => node.kind === "MemberGroup")) {
    const pods = view.out(group.id, "creates").map((edge) => view.byId.get(edge.to)!);
    const podText = pods.some((pod) => pod.attributes["generatedNames"] === true)
      ? `: ${group.count} pods whose names the operator generates (${pods.map((pod) => pod.name).join(", ")})`
      : pods.length ? `: pods ${list(pods.map((pod) => pod.name))}` : "";
    lines.push(`    ${group.name} (${group.details.join(", ")})${podText}`);
    const claims = pods.flatMap((pod) => view.out(pod.id, "mounts")).map((edge) => view.byId.get(edge.to)!);
    if (claims.length) lines.push(`      PVCs ${list(claims.map((claim) => `${claim.name} (${claim.attributes["purpose"]}, ${claim.details[0] ?? ""})`))}`);
  }
  for (const node of created.filter((candidate) => candidate.kind === "Service")) {
    lines.push(`    Service ${node.name} → ${node.attributes["routesTo"]}${node.attributes["headless"] === true ? " (headless)" : ""}`);
  }
  for (const node of created.filter((candidate) => candidate.kind === "Object")) lines.push(`    ${named(node)}: ${node.details.slice(1).join(", ")}`);
  for (const detail of cluster.details.filter((text) => text.startsWith("StatefulSet "))) lines.push(`    ${detail}`);
  if (typeof cluster.attributes["onDelete"] === "string") lines.push(`    On delete: ${cluster.attributes["onDelete"]}.`);
}

function dnsStory(view: View, namespace: string, nodes: readonly GraphNode[], lines: string[]): void {
  const entries: string[] = [];
  for (const service of nodes.filter((node) => node.kind === "Service")) {
    const targets = view.out(service.id, "selects").map((edge) => view.byId.get(edge.to)!);
    const pods = list(targets.map((pod) => pod.name));
    const host = serviceDnsName(service.name, namespace);
    const mark = marks([...service.findings, ...view.out(service.id, "selects").flatMap((edge) => edge.findings)], view.findings);
    const routesTo = service.attributes["routesTo"];
    if (service.attributes["headless"] === true) entries.push(`    ${host} → the addresses of the Ready pods ${pods || "(it selects no pod)"} (headless: no virtual IP)${mark}`);
    else if (typeof routesTo === "string") entries.push(`    ${host} → one virtual IP → ${routesTo}${targets.length ? `, among ${pods}` : ""} (the operator's Service)${mark}`);
    else entries.push(`    ${host} → one virtual IP, ${targets.length ? `load-balanced over ${pods}` : "selecting no pod"}${mark}`);
  }
  for (const pod of nodes.filter((node) => node.kind === "Pod")) {
    const dns = pod.attributes["dnsName"];
    if (typeof dns !== "string") continue;
    if (pod.attributes["dnsResolves"] === true) entries.push(`    ${dns} → pod ${pod.name}`);
    else entries.push(`    ${dns} does NOT resolve: the governing Service is missing or not headless`);
  }
  if (entries.length === 0) return;
  lines.push("", "  Names that resolve (cluster DNS):", ...entries);
}

function clientStory(view: View, nodes: readonly GraphNode[], lines: string[]): void {
  const entries: string[] = [];
  for (const node of nodes) {
    for (const edge of [...view.out(node.id, "connects"), ...view.out(node.id, "backs-up")]) {
      if (node.kind !== "Client" && node.kind !== "Backup" && node.kind !== "StatefulSet") continue;
      const target = view.byId.get(edge.to)!;
      const verb = edge.kind === "backs-up" ? "backs up" : "connects to";
      entries.push(`    ${named(node)} ${verb} ${named(target)} (${edge.label})${marks(edge.findings, view.findings)}`);
    }
  }
  lines.push("", "  Where clients connect:", ...(entries.length ? entries : ["    no client workload in the bundle names a Service or pod of the database."]));
}

function deleteStory(view: View, nodes: readonly GraphNode[], lines: string[]): void {
  const applied = nodes.filter((node) => !node.created && node.attributes["missing"] !== true && node.kind !== "Backup" && node.kind !== "MemberGroup");
  const kept: string[] = [];
  const removed: string[] = [];
  const commands: string[] = [];
  for (const statefulSet of nodes.filter((node) => node.kind === "StatefulSet")) {
    const claims = view.out(statefulSet.id, "creates").flatMap((edge) => view.out(edge.to, "mounts")).map((edge) => view.byId.get(edge.to)!);
    if (claims.length === 0) continue;
    const names = list(claims.map((claim) => claim.name));
    if (statefulSet.attributes["whenDeleted"] === "Delete") removed.push(`PVCs ${names} (whenDeleted: Delete: the data is gone)`);
    else {
      kept.push(`PVCs ${names} (whenDeleted: Retain)`);
      const selector = statefulSet.attributes["selector"];
      if (typeof selector === "string" && selector !== "none") commands.push(`kubectl delete pvc -n ${statefulSet.namespace} -l ${selector}`);
    }
  }
  const operatorClaims = nodes.filter((node) => node.kind === "PersistentVolumeClaim" && typeof node.attributes["keptOnDelete"] === "boolean");
  const operatorKept = operatorClaims.filter((claim) => claim.attributes["keptOnDelete"] === true).map((claim) => claim.name);
  const operatorRemoved = operatorClaims.filter((claim) => claim.attributes["keptOnDelete"] === false).map((claim) => claim.name);
  if (operatorRemoved.length) removed.push(`PVCs ${list(operatorRemoved)} (deleted by their operator with the cluster: the data is gone)`);
  if (operatorKept.length) kept.push(`PVCs ${list(operatorKept)} (their operator keeps them)`);
  lines.push("", "  What `kubectl delete` of the bundle leaves behind:");
  lines.push(`    Deleted: ${list(applied.map(named)) || "nothing"}${nodes.some((node) => node.kind === "Pod") ? ", and every pod" : ""}${removed.length ? `, ${removed.join(", ")}` : ""}.`);
  if (kept.length) lines.push(`    NOT deleted: ${kept.join(", ")}; delete them by hand when the data is no longer needed${commands.length ? `: ${commands.join("; ")}` : "."}`);
}

/**
 * The seed's step-by-step narrative for any bundle: what `kubectl apply` creates and in which
 * order, which names resolve, where clients connect, what survives `kubectl delete`, and the
 * findings on the way.
 */
export function renderText(graph: BundleGraph): string {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const outgoing = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    const list = outgoing.get(edge.from);
    if (list) list.push(edge);
    else outgoing.set(edge.from, [edge]);
  }
  const out = (from: string, kind: GraphEdge["kind"]) => (outgoing.get(from) ?? []).filter((edge) => edge.kind === kind);
  const view: View = { byId, findings: findingIndex(graph), out };
  const lines = ["What `kubectl apply` of this bundle creates"];
  const clusterScoped = graph.nodes.filter((node) => node.namespace === "");
  if (clusterScoped.length) lines.push("", `Cluster-wide: ${list(clusterScoped.map(named))}.`);
  for (const namespace of graph.namespaces) {
    const nodes = namespace.nodes.map((id) => byId.get(id)!);
    lines.push("", `Namespace ${namespace.name}`);
    const applied = nodes.filter((node) => !node.created && node.attributes["missing"] !== true);
    lines.push(`  Applied: ${list(applied.map((node) => `${named(node)}${marks(node.findings, view.findings).trim() ? ` (${findingLines(findingsOf(node.findings, view.findings)).join(", ")})` : ""}`))}.`);
    const missing = nodes.filter((node) => node.attributes["missing"] === true);
    if (missing.length) lines.push(`  Referenced but not in the bundle: ${list(missing.map(named))}.`);
    for (const statefulSet of nodes.filter((node) => node.kind === "StatefulSet")) statefulSetStory(view, statefulSet, lines);
    for (const cluster of nodes.filter((node) => node.kind === "Cluster")) clusterStory(view, cluster, lines);
    for (const owner of nodes.filter((node) => node.kind === "Object" && !node.created)) {
      const made = out(owner.id, "creates").map((edge) => byId.get(edge.to)!);
      if (made.length === 0) continue;
      const describe = (node: GraphNode) => node.kind === "Service" ? `Service ${node.name} → ${node.attributes["routesTo"]}` : `${named(node)} (${node.details.slice(1).join(", ")})`;
      lines.push("", `  ${named(owner)}: its operator creates ${list(made.map(describe))}.`);
    }
    dnsStory(view, namespace.name, nodes, lines);
    clientStory(view, nodes, lines);
    deleteStory(view, nodes, lines);
  }
  const reported = graph.findings.filter((finding) => finding.severity !== "info");
  if (reported.length) {
    lines.push("", "Findings on this picture (errors and warnings):");
    for (const finding of reported) lines.push(`  ${finding.severity === "error" ? "✖" : "⚠"} ${finding.ruleId}  ${finding.file}:${finding.line}:${finding.column}  ${finding.message}`);
  }
  if (graph.nodes.length === 0) lines.push("", "Nothing to draw: the bundle has no StatefulSet, operator cluster or object with a finding.");
  return `${lines.join("\n")}\n`;
}
