import { asArray, asRecord, asString, definedKeys, type Bundle, type ConfigReference, type FieldPath, type K8sObject } from "@statelint/core";

/** An object in the bundle that makes a Secret or ConfigMap of some name exist at run time. */
export interface ConfigSource {
  readonly object: K8sObject;
  /** Keys it will hold; `undefined` when the manifest cannot tell (keys come from a secret store). */
  readonly keys: ReadonlySet<string> | undefined;
  /** Where its keys are listed, for related locations. */
  readonly keysPath: FieldPath;
}

/**
 * Sources by namespace, then name. Nested rather than keyed by a `namespace/name` string: every
 * reference of every workload is looked up, and each such key was built and hashed to be thrown away.
 */
type SourceIndex = ReadonlyMap<string, ReadonlyMap<string, ConfigSource>>;

function sourcesIn(index: Map<string, Map<string, ConfigSource>>, namespace: string): Map<string, ConfigSource> {
  let byName = index.get(namespace);
  if (!byName) index.set(namespace, (byName = new Map()));
  return byName;
}

function keysOf(...maps: unknown[]): Set<string> {
  const keys = new Set<string>();
  for (const map of maps) for (const key of Object.keys(asRecord(map))) keys.add(key);
  return keys;
}

function plainSource(object: K8sObject): ConfigSource {
  const raw = object.raw;
  const keysPath = raw["data"] !== undefined ? ["data"] : raw["stringData"] !== undefined ? ["stringData"] : raw["binaryData"] !== undefined ? ["binaryData"] : ["metadata", "name"];
  return { object, keys: definedKeys(object), keysPath };
}

/** Secret names an object provides, with their keys when the manifest shows them. */
function secretSourcesOf(object: K8sObject): { name: string; source: ConfigSource }[] {
  const spec = asRecord(object.raw["spec"]);
  switch (`${object.group}/${object.kind}`) {
    case "/Secret":
      return [{ name: object.name, source: plainSource(object) }];
    case "bitnami.com/SealedSecret": {
      const template = asRecord(spec["template"]);
      const source = { object, keys: keysOf(spec["encryptedData"], template["data"]), keysPath: ["spec", "encryptedData"] };
      const names = new Set([object.name, asString(asRecord(template["metadata"])["name"]) ?? object.name]);
      return [...names].map((name) => ({ name, source }));
    }
    case "external-secrets.io/ExternalSecret": {
      const target = asRecord(spec["target"]);
      const template = asRecord(target["template"]);
      // dataFrom and templateFrom pull keys from the store at run time; only an explicit list is checkable.
      const dynamic = asArray(spec["dataFrom"]).length > 0 || template["templateFrom"] !== undefined || !Array.isArray(spec["data"]);
      const keys = dynamic ? undefined : new Set([...asArray(spec["data"]).flatMap((item) => asString(asRecord(item)["secretKey"]) ?? []), ...keysOf(template["data"])]);
      return [{ name: asString(target["name"]) ?? object.name, source: { object, keys, keysPath: ["spec", "data"] } }];
    }
    case "secrets.hashicorp.com/VaultStaticSecret":
    case "secrets.hashicorp.com/VaultDynamicSecret":
    case "secrets.hashicorp.com/VaultPKISecret": {
      const name = asString(asRecord(spec["destination"])["name"]);
      return name ? [{ name, source: { object, keys: undefined, keysPath: ["spec", "destination"] } }] : [];
    }
    case "onepassword.com/OnePasswordItem":
      return [{ name: object.name, source: { object, keys: undefined, keysPath: ["metadata", "name"] } }];
    case "cert-manager.io/Certificate": {
      const name = asString(spec["secretName"]);
      return name ? [{ name, source: { object, keys: undefined, keysPath: ["spec", "secretName"] } }] : [];
    }
    case "secrets-store.csi.x-k8s.io/SecretProviderClass":
      return asArray(spec["secretObjects"]).flatMap((value, index) => {
        const item = asRecord(value);
        const name = asString(item["secretName"]);
        if (!name) return [];
        const keys = new Set(asArray(item["data"]).flatMap((entry) => asString(asRecord(entry)["key"]) ?? []));
        return [{ name, source: { object, keys, keysPath: ["spec", "secretObjects", index, "data"] } }];
      });
    default:
      return [];
  }
}

/** Kinds that can provide a Secret: the bundle is asked for these only. */
const SECRET_PROVIDER_KINDS = ["Secret", "SealedSecret", "ExternalSecret", "VaultStaticSecret", "VaultDynamicSecret", "VaultPKISecret", "OnePasswordItem", "Certificate", "SecretProviderClass"];

function secretIndex(bundle: Bundle): SourceIndex {
  const index = new Map<string, Map<string, ConfigSource>>();
  for (const kind of SECRET_PROVIDER_KINDS) {
    for (const object of bundle.ofKind(kind)) {
      for (const { name, source } of secretSourcesOf(object)) {
        const byName = sourcesIn(index, object.namespace);
        // A plain Secret is the most precise source of keys; it wins over generators of the same name.
        if (!byName.has(name) || kind === "Secret") byName.set(name, source);
      }
    }
  }
  return index;
}

/** ConfigMaps the cluster puts in every namespace (the API server's CA bundle). */
const IMPLICIT_CONFIGMAPS = new Set(["kube-root-ca.crt", "openshift-service-ca.crt"]);

function configMapIndex(bundle: Bundle): SourceIndex {
  const index = new Map<string, Map<string, ConfigSource>>();
  for (const object of bundle.ofKind("ConfigMap")) {
    if (object.group !== "") continue;
    const byName = sourcesIn(index, object.namespace);
    if (!byName.has(object.name)) byName.set(object.name, plainSource(object));
  }
  return index;
}

/** What provides the Secret or ConfigMap a reference names, or `undefined` when nothing in the bundle does. */
export function sourceOf(bundle: Bundle, namespace: string, reference: Pick<ConfigReference, "kind" | "name">): ConfigSource | "implicit" | undefined {
  if (reference.kind === "ConfigMap") {
    if (IMPLICIT_CONFIGMAPS.has(reference.name)) return "implicit";
    return bundle.cached("secrets:configmap-sources", configMapIndex).get(namespace)?.get(reference.name);
  }
  return bundle.cached("secrets:secret-sources", secretIndex).get(namespace)?.get(reference.name);
}

/** How a reference reads its target, for messages. */
export function describeVia(reference: ConfigReference): string {
  switch (reference.via) {
    case "env":
      return reference.kind === "Secret" ? "a secretKeyRef" : "a configMapKeyRef";
    case "envFrom":
      return "envFrom";
    case "volume":
      return `a ${reference.kind === "Secret" ? "secret" : "configMap"} volume`;
    case "projected":
      return "a projected volume";
    default:
      return reference.via;
  }
}

/** "it defines a, b" / "it defines no keys", shortened for long lists. */
export function describeKeys(keys: ReadonlySet<string>): string {
  if (keys.size === 0) return "it defines no keys";
  const list = [...keys].sort();
  const shown = list.slice(0, 6).join(", ");
  return `it defines ${shown}${list.length > 6 ? `, … (${list.length} keys)` : ""}`;
}
