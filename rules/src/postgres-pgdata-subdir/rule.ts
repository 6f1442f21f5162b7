import {
  asArray, asRecord, asString, childPath, claimVolumeNamesOf, defineRule, envOf, isOperatorManaged, mainContainersOf, parseImage, statefulSetOf, volumeMountsOf,
  type Bundle, type ContainerRef, type FieldPath, type K8sObject, type RelatedReport,
} from "@statelint/core";

export type MessageIds = "mountIsDataDirectory" | "pgdataIsMountPoint";
export interface Options {
  /** Image names (last path segment) built like the official postgres image, whose entrypoint runs initdb on PGDATA. */
  readonly images: readonly string[];
}

/** Where PGDATA points, and where that was written. */
interface DataDirectory {
  readonly path: string;
  readonly source: { readonly kind: "env"; readonly path: FieldPath } | { readonly kind: "configMap"; readonly object: K8sObject; readonly key: string } | { readonly kind: "default" };
}

function normalize(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

/**
 * The image's default PGDATA: from PostgreSQL 18 the official images keep the data in a
 * versioned directory under `/var/lib/postgresql`; before that in `/var/lib/postgresql/data`.
 */
function defaultDataDirectory(tag: string | undefined): string {
  const match = /(?:^|-)pg(\d+)/.exec(tag ?? "") ?? /^(\d+)/.exec(tag ?? "");
  const major = match ? Number(match[1]) : undefined;
  return major !== undefined && major >= 18 ? `/var/lib/postgresql/${major}/docker` : "/var/lib/postgresql/data";
}

/** PGDATA as the container will see it, or undefined when it comes from somewhere the bundle cannot tell. */
function dataDirectoryOf(container: ContainerRef, object: K8sObject, bundle: Bundle): DataDirectory | undefined {
  const pgdata = envOf(container).findLast((env) => env.name === "PGDATA");
  if (pgdata) {
    const value = asString(pgdata.value);
    return pgdata.valueFrom || !value ? undefined : { path: value, source: { kind: "env", path: childPath(pgdata.path, "value") } };
  }
  let found: DataDirectory | undefined = { path: "", source: { kind: "default" } };
  for (const entry of asArray(container.container["envFrom"])) {
    const record = asRecord(entry);
    const key = `${asString(record["prefix"]) ?? ""}PGDATA`;
    const configMapName = asString(asRecord(record["configMapRef"])["name"]);
    const secretName = asString(asRecord(record["secretRef"])["name"]);
    const referenced = configMapName ? bundle.find("ConfigMap", object.namespace, configMapName) : secretName ? bundle.find("Secret", object.namespace, secretName) : undefined;
    if (!referenced) return undefined;
    const data = { ...asRecord(referenced.raw["data"]), ...asRecord(referenced.raw["stringData"]) };
    if (!(key in data)) continue;
    const value = asString(data[key]);
    // Secret data is base64: rather than decode it, treat a PGDATA kept in a Secret as unknown.
    found = referenced.kind === "ConfigMap" && value ? { path: value, source: { kind: "configMap", object: referenced, key } } : undefined;
  }
  return found;
}

/** postgres run with `-D` or `-c data_directory=` ignores PGDATA for the server, so the rule cannot tell. */
function overridesDataDirectory(container: ContainerRef): boolean {
  const words = [...asArray(container.container["command"]), ...asArray(container.container["args"])].map((part) => asString(part) ?? "");
  return words.some((word) => /(^|\s)-D\b|data_directory/.test(word));
}

/** `subPathExpr` (e.g. `$(POD_NAME)`) also puts the data below the mount point; the extractor only reads `subPath`. */
function hasSubPathExpr(container: ContainerRef, mountPath: FieldPath): boolean {
  const index = mountPath.at(-1);
  return typeof index === "number" && "subPathExpr" in asRecord(asArray(container.container["volumeMounts"])[index]);
}

export default defineRule<MessageIds, Options>({
  id: "postgres-pgdata-subdir",
  kinds: ["StatefulSet"],
  meta: {
    category: "storage",
    severity: "warning",
    description: "A postgres image mounts a claim at its data directory instead of pointing PGDATA into a subdirectory of it.",
    rationale:
      "A freshly formatted volume's root holds `lost+found`. initdb refuses a non-empty data directory, so a postgres pod whose " +
      "PGDATA is the mount point itself crash-loops on its first start with \"directory exists but is not empty\".",
    remediation:
      "Point `PGDATA` at a subdirectory of the mount (the seed uses `PGDATA=/var/lib/postgresql/data/pgdata`), or mount the claim with a `subPath`.",
    messages: {
      mountIsDataDirectory:
        'Container "{{container}}" of StatefulSet "{{statefulSet}}" mounts claim "{{claim}}" at {{mountPath}}, which is its PGDATA (the data directory), so initdb fails on lost+found; set PGDATA to a subdirectory such as {{suggestion}}.',
      pgdataIsMountPoint:
        'PGDATA of container "{{container}}" in StatefulSet "{{statefulSet}}" is {{mountPath}}, the mount point of claim "{{claim}}", so initdb fails on lost+found; set it to a subdirectory such as {{suggestion}}.',
    },
    since: "0.1.0",
    sources: ["seed 003: Step 4, PGDATA=/var/lib/postgresql/data/pgdata", "https://hub.docker.com/_/postgres (PGDATA)"],
    optionsSchema: {
      type: "object",
      properties: { images: { type: "array", items: { type: "string" }, uniqueItems: true } },
      additionalProperties: false,
    },
    defaultOptions: { images: ["postgres", "postgis", "timescaledb"] },
  },
  check({ object, bundle, options, report }) {
    if (isOperatorManaged(object)) return;
    const statefulSet = statefulSetOf(object);
    const template = statefulSet?.template;
    if (!template) return;
    const claims = claimVolumeNamesOf(statefulSet);
    const mounts = volumeMountsOf(template);
    for (const container of mainContainersOf(template)) {
      const image = asString(container.container["image"]);
      if (!image) continue;
      const { name, tag } = parseImage(image);
      if (!options.images.includes(name) || overridesDataDirectory(container)) continue;
      const dataDirectory = dataDirectoryOf(container, object, bundle);
      if (!dataDirectory) continue;
      const dataPath = normalize(dataDirectory.path || defaultDataDirectory(tag));
      for (const mount of mounts) {
        if (mount.container.kind !== "container" || mount.container.index !== container.index) continue;
        if (!claims.has(mount.name) || mount.subPath || hasSubPathExpr(container, mount.path)) continue;
        if (normalize(mount.mountPath) !== dataPath) continue;
        const data = { container: container.name, statefulSet: object.name, claim: mount.name, mountPath: dataPath, suggestion: `${dataPath}/pgdata` };
        const source = dataDirectory.source;
        if (source.kind === "env") {
          report({ messageId: "pgdataIsMountPoint", data, path: source.path, related: [{ object, path: childPath(mount.path, "mountPath"), message: `claim "${mount.name}" is mounted here` }] });
          continue;
        }
        const related: RelatedReport[] =
          source.kind === "configMap" ? [{ object: source.object, path: ["data", source.key], message: `ConfigMap "${source.object.name}" sets PGDATA to the mount point` }] : [];
        report({ messageId: "mountIsDataDirectory", data, path: childPath(mount.path, "mountPath"), related });
      }
    }
  },
});
