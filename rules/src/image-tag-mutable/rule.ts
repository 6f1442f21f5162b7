import { asString, childPath, containersOf, defineRule, formatFieldPath, OPERATOR_CLUSTER_KINDS, parseImage, POD_TEMPLATE_PATHS, podTemplateOf, type ObjectContext } from "@statelint/core";
import { operatorClusterOf } from "../cluster-view.js";

export type MessageIds = "untagged" | "latest" | "operatorUntagged" | "operatorLatest";

/** Why an image reference is mutable, if it is. */
function mutability(image: string): "untagged" | "latest" | undefined {
  // `$(IMAGE)` / `${IMAGE}` placeholders are filled in by a later pipeline step.
  if (!image || image.includes("$")) return undefined;
  const { tag, digest } = parseImage(image);
  // A digest pins the content whatever the tag says.
  if (digest) return undefined;
  if (tag === undefined) return "untagged";
  return tag === "latest" ? "latest" : undefined;
}

function checkPodTemplate({ object, report }: ObjectContext<MessageIds, object>): void {
  const template = podTemplateOf(object);
  if (!template) return;
  for (const ref of containersOf(template)) {
    const image = asString(ref.container["image"])?.trim() ?? "";
    const problem = mutability(image);
    if (problem) report({ messageId: problem, data: { container: ref.name, image }, path: childPath(ref.path, "image") });
  }
}

/** The images an operator cluster names (CloudNativePG `imageName`, PGO `image`, Zalando `dockerImage`); unset ones are the operator's pinned defaults. */
function checkOperatorCluster({ object, bundle, settings, report }: ObjectContext<MessageIds, object>): void {
  const view = operatorClusterOf(object, bundle, settings);
  for (const { image, name, at } of view?.images ?? []) {
    const problem = mutability(image.trim());
    if (!problem || !view) continue;
    const data = { cluster: view.title, component: name ?? view.engine, image: image.trim(), field: formatFieldPath(at.path) };
    report({ messageId: problem === "untagged" ? "operatorUntagged" : "operatorLatest", data, object: at.object, path: at.path });
  }
}

export default defineRule<MessageIds>({
  id: "image-tag-mutable",
  kinds: [...Object.keys(POD_TEMPLATE_PATHS), ...OPERATOR_CLUSTER_KINDS],
  meta: {
    category: "hygiene",
    severity: "warning",
    description: "A container image (or an operator cluster's image) has no tag or digest, or uses the `latest` tag.",
    rationale:
      "A mutable tag resolves to whatever was pushed last: a rescheduled replica can start a different database version than its peers, " +
      "a major-version jump can hit a data directory initialised by the old version, and a rollback does not bring the old image back.",
    remediation:
      "Pin every image to an explicit version tag (`postgres:16.4`), or better to a digest (`postgres:16.4@sha256:…`), and upgrade by changing it on purpose.",
    messages: {
      untagged: 'Container "{{container}}" uses image "{{image}}" without a tag or digest, which pulls whatever "latest" is; pin a version tag or a digest.',
      latest: 'Container "{{container}}" uses image "{{image}}" with the mutable tag "latest"; pin a version tag or a digest.',
      operatorUntagged:
        '{{cluster}} runs {{component}} from image "{{image}}" ({{field}}) without a tag or digest, so each new pod the operator starts may run another version; pin a version tag or a digest.',
      operatorLatest:
        '{{cluster}} runs {{component}} from image "{{image}}" ({{field}}) with the mutable tag "latest", so each new pod the operator starts may run another version; pin a version tag or a digest.',
    },
    since: "0.1.0",
    sources: ["Kubernetes docs: Images (avoid the :latest tag in production)", "seed 003: image postgres:15"],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  check(context) {
    if (POD_TEMPLATE_PATHS[context.object.kind]) checkPodTemplate(context);
    else checkOperatorCluster(context);
  },
});
