import { asString, containersOf, defineRule, parseImage, podTemplateOf, POD_TEMPLATE_PATHS } from "@statelint/core";

export type MessageIds = "untagged" | "latest";

export default defineRule<MessageIds>({
  id: "image-tag-mutable",
  kinds: Object.keys(POD_TEMPLATE_PATHS),
  meta: {
    category: "hygiene",
    severity: "warning",
    description: "A container image has no tag or digest, or uses the `latest` tag.",
    rationale:
      "A mutable tag resolves to whatever was pushed last: a rescheduled replica can start a different database version than its peers, " +
      "a major-version jump can hit a data directory initialised by the old version, and a rollback does not bring the old image back.",
    remediation:
      "Pin every image to an explicit version tag (`postgres:16.4`), or better to a digest (`postgres:16.4@sha256:…`), and upgrade by changing it on purpose.",
    messages: {
      untagged: 'Container "{{container}}" uses image "{{image}}" without a tag or digest, which pulls whatever "latest" is; pin a version tag or a digest.',
      latest: 'Container "{{container}}" uses image "{{image}}" with the mutable tag "latest"; pin a version tag or a digest.',
    },
    since: "0.1.0",
    sources: ["Kubernetes docs: Images (avoid the :latest tag in production)", "seed 003: image postgres:15"],
    defaultOptions: {},
    optionsSchema: { type: "object", additionalProperties: false, properties: {} },
  },
  check({ object, report }) {
    const template = podTemplateOf(object);
    if (!template) return;
    for (const ref of containersOf(template)) {
      const image = asString(ref.container["image"])?.trim();
      // `$(IMAGE)` / `${IMAGE}` placeholders are filled in by a later pipeline step.
      if (!image || image.includes("$")) continue;
      const { tag, digest } = parseImage(image);
      // A digest pins the content whatever the tag says.
      if (digest) continue;
      if (tag === undefined) report({ messageId: "untagged", data: { container: ref.name, image }, path: [...ref.path, "image"] });
      else if (tag === "latest") report({ messageId: "latest", data: { container: ref.name, image }, path: [...ref.path, "image"] });
    }
  },
});
