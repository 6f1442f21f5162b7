import { asRecord, asString, defineRule, statefulSetsGovernedBy } from "@statelint/core";

export type MessageIds = "notHeadless" | "clusterIPMissing";

export default defineRule<MessageIds>({
  id: "sts-service-not-headless",
  kinds: ["Service"],
  meta: {
    category: "service",
    severity: "error",
    description: "The governing Service of a StatefulSet must be headless (`clusterIP: None`).",
    rationale:
      "A StatefulSet's pods get their stable DNS names (`postgres-0.postgres…`) only from a headless governing Service. " +
      "With a cluster IP the per-pod records are never created, so replicas cannot find the primary and peers cannot form a cluster.",
    remediation:
      "Set `spec.clusterIP: None` on the governing Service. The field is immutable on a live Service, so delete and re-create it; " +
      "keep a separate ClusterIP Service for clients.",
    messages: {
      notHeadless: 'Service "{{service}}" governs StatefulSet "{{statefulSet}}" but has clusterIP "{{clusterIP}}"; set it to None.',
      clusterIPMissing: 'Service "{{service}}" governs StatefulSet "{{statefulSet}}" but sets no clusterIP, so one is allocated; set clusterIP: None.',
    },
    fixable: true,
    fixTitles: { notHeadless: "Set clusterIP: None", clusterIPMissing: "Set clusterIP: None" },
    since: "0.1.0",
    sources: ["seed 003: Step 5, DNS records created by the headless Service"],
    defaultOptions: {},
  },
  check({ object, bundle, report }) {
    const governed = statefulSetsGovernedBy(bundle, object);
    const first = governed[0];
    if (!first) return;
    const spec = asRecord(object.raw["spec"]);
    const type = asString(spec["type"]) ?? "ClusterIP";
    // ExternalName Services have no pods behind them; another rule's concern, not this one's.
    if (type === "ExternalName") return;
    const clusterIP = spec["clusterIP"];
    if (clusterIP === "None") return;
    const related = governed.map((sts) => ({ object: sts, path: ["spec", "serviceName"], message: `StatefulSet "${sts.name}" names this Service as its serviceName` }));
    if (clusterIP === undefined || clusterIP === null || clusterIP === "") {
      report({
        messageId: "clusterIPMissing",
        data: { service: object.name, statefulSet: first.name },
        path: ["spec"],
        at: "key",
        related,
        fix: (fixer) => fixer.insertKey(["spec"], "clusterIP", "None"),
      });
      return;
    }
    report({
      messageId: "notHeadless",
      data: { service: object.name, statefulSet: first.name, clusterIP: String(clusterIP) },
      path: ["spec", "clusterIP"],
      related,
      fix: (fixer) => fixer.replaceValue(["spec", "clusterIP"], "None"),
    });
  },
});
