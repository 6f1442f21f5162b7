import { asArray, asRecord, configReferencesOf, containersOf, envOf, formatFieldPath, type Bundle, type FieldPath, type PodTemplate } from "@statelint/core";

/** A host name a workload's configuration points at, and where it is written. */
export interface HostMention {
  readonly host: string;
  readonly port?: number;
  /** For labels: `env DATABASE_HOST`, `args`. */
  readonly via: string;
  readonly path: string;
}

/** Env vars whose whole value is a host (or host:port) by their name; `POSTGRES_USER=postgres` is not. */
const HOST_ENV_NAME = /HOST|ADDR|SERVER|ENDPOINT|SERVICE|URL|URI|DSN|BROKER|PEER|SEED|CONN/i;
const HOST = "[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*";
const URL_HOST = new RegExp(`[a-z][a-z0-9+.-]*://(?:[^@/\\s]*@)?(${HOST})(?::(\\d+))?`, "gi");
/** libpq keyword strings (`host=db port=5432`), `--host=db`, `--host db`, `-h db`. */
const HOST_OPTION = new RegExp(`(?:^|[\\s;])(?:--?host(?:name)?|-h|host|server)(?:=|\\s+)(${HOST})(?::(\\d+))?`, "gi");
const WHOLE_HOST = new RegExp(`^(${HOST})(?::(\\d+))?$`, "i");

function mentionsIn(text: string, wholeValueIsHost: boolean): { host: string; port?: number }[] {
  const found: { host: string; port?: number }[] = [];
  const add = (host: string | undefined, port: string | undefined) => {
    if (host) found.push({ host: host.toLowerCase(), ...(port ? { port: Number(port) } : {}) });
  };
  for (const match of text.matchAll(URL_HOST)) add(match[1], match[2]);
  for (const match of text.matchAll(HOST_OPTION)) add(match[1], match[2]);
  if (wholeValueIsHost && found.length === 0) {
    const match = WHOLE_HOST.exec(text.trim());
    if (match) add(match[1], match[2]);
  }
  return found;
}

/** Host names in a pod template's env values, command and args (the seed's `postgres-lb:5432`). */
export function hostMentions(template: PodTemplate): HostMention[] {
  const result: HostMention[] = [];
  for (const container of containersOf(template)) {
    for (const env of envOf(container)) {
      if (typeof env.value !== "string") continue;
      for (const mention of mentionsIn(env.value, HOST_ENV_NAME.test(env.name))) result.push({ ...mention, via: `env ${env.name}`, path: formatFieldPath(env.path) });
    }
    for (const field of ["command", "args"] as const) {
      const words = asArray(container.container[field]).filter((word): word is string => typeof word === "string");
      // `-h db` splits over two words; joining them keeps the option and its value together.
      for (const mention of mentionsIn(words.join(" "), false)) result.push({ ...mention, via: field, path: formatFieldPath([...container.path, field] as FieldPath) });
    }
  }
  return result;
}

/**
 * Host names in the ConfigMaps a pod template reads into its environment (`DB_HOST: postgres-lb`
 * in an `envFrom` ConfigMap), judged by key name as env vars are.
 */
export function configMapHostMentions(template: PodTemplate, bundle: Bundle, namespace: string): HostMention[] {
  const result: HostMention[] = [];
  for (const reference of configReferencesOf(template)) {
    if (reference.kind !== "ConfigMap" || (reference.via !== "env" && reference.via !== "envFrom")) continue;
    const data = asRecord(bundle.find("ConfigMap", namespace, reference.name)?.raw["data"]);
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== "string" || (reference.key !== undefined && reference.key !== key)) continue;
      for (const mention of mentionsIn(value, HOST_ENV_NAME.test(key))) result.push({ ...mention, via: `ConfigMap ${reference.name} ${key}`, path: formatFieldPath(reference.namePath) });
    }
  }
  return result;
}

/** Words of command and args, for recognising backup tools (`pg_dump`, `mysqldump`). */
export function commandWords(template: PodTemplate): string[] {
  return containersOf(template).flatMap(({ container }) =>
    ["command", "args"].flatMap((field) => asArray(container[field]).filter((word): word is string => typeof word === "string").flatMap((word) => word.split(/[\s;|&]+/))),
  );
}

/** A cluster DNS name split into its parts, without `.svc` and `.svc.cluster.local`. */
export function dnsLabels(host: string): string[] {
  const trimmed = host.replace(/\.$/, "").replace(/\.svc\.cluster\.local$/, "").replace(/\.svc$/, "");
  return trimmed.split(".");
}
