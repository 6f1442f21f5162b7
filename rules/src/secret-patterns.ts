/**
 * What looks like a secret: names (env vars, ConfigMap keys, CLI flags, config-file keys) and
 * values (connection URLs, PEM keys, cloud keys). Shared by every secrets rule so they agree on
 * what a credential is, and so a fix to one false positive fixes them all.
 */

/**
 * Default `namePatterns`: case-insensitive regular expressions tested against a name normalised
 * to UPPER_SNAKE (`dbPassword` → `DB_PASSWORD`, `ssl.keystore.password` → `SSL_KEYSTORE_PASSWORD`).
 * Long words match inside a token (`PGPASSWORD`); short ones only as a whole token (`DB_PASS`).
 */
export const DEFAULT_SECRET_NAME_PATTERNS: readonly string[] = [
  "PASSW(OR)?D",
  "PASSPHRASE",
  "(^|_)PWD(_|$)",
  "(^|_)PASS(_|$)",
  "SECRET",
  "TOKENS?(_|$)",
  "API_?KEY",
  "PRIVATE_?KEY",
  "CREDENTIALS?",
  "ACCESS_?KEY",
  "AUTH_?KEY",
  "(ENCRYPTION|SIGNING)_KEY",
];

export const NAME_PATTERNS_SCHEMA = {
  type: "array",
  items: { type: "string", minLength: 1 },
  description: "Regular expressions (case-insensitive) matched against names normalised to UPPER_SNAKE.",
} as const;

/**
 * A name ending in one of these token sequences points at or describes a secret rather than
 * holding one: `POSTGRES_PASSWORD_FILE`, `AWS_ACCESS_KEY_ID`, `TOKEN_TTL`, `password_encryption`.
 */
const NON_SECRET_SUFFIXES: readonly string[] = [
  "FILE", "FILES", "PATH", "DIR", "DIRECTORY", "NAME", "REF", "ID", "KEY_ID", "USER", "USERNAME", "LOGIN",
  "TTL", "EXPIRY", "EXPIRES", "EXPIRATION", "TIMEOUT", "LENGTH", "SIZE", "COUNT", "MIN", "MAX", "AGE",
  "ENCRYPTION", "METHOD", "POLICY", "MODE", "TYPE", "ENABLED", "ENABLE", "DISABLED", "REQUIRED", "ALGORITHM",
  "URL", "URI", "ENDPOINT", "HOST", "PORT", "HEADER", "FORMAT", "PREFIX", "SUFFIX", "VERSION", "SOURCE",
  "PROVIDER", "STORE", "AUDIENCE", "ISSUER", "SCOPE", "SCOPES", "STDIN", "PROMPT", "KEY_NAME", "LOCATION",
  "MOUNT", "ROTATION", "INTERVAL", "REFRESH", "RETRIES", "STRENGTH", "VALIDITY", "COMMAND", "HISTORY", "LIFETIME",
  "CURRENT", "MS", "SECONDS",
];

/** `PWD` alone is the shell's working directory, not a password. */
const NON_SECRET_NAMES = new Set(["PWD", "OLDPWD"]);

/** Switches about a secret rather than the secret: `MYSQL_ALLOW_EMPTY_PASSWORD`, `MYSQL_RANDOM_ROOT_PASSWORD`, `SKIP_TOKEN_CHECK`. */
const SWITCH_TOKENS = new Set(["ALLOW", "RANDOM", "ONETIME", "EMPTY", "GENERATE", "SKIP", "DISABLE", "USE"]);

/** Values that configure rather than authenticate: `ALLOW_EMPTY_PASSWORD=yes`, `password_encryption = scram-sha-256`. */
const SETTING_KEYWORDS = new Set([
  "yes", "no", "true", "false", "on", "off", "y", "n", "0", "1", "enabled", "disabled", "enable", "disable", "none", "null", "nil",
  "md5", "scram-sha-256", "scram-sha-1", "sha256", "sha512", "bcrypt", "argon2", "trust", "reject", "peer", "ident", "cert", "plain",
  "required", "require", "optional", "prefer", "preferred", "allow", "verify-ca", "verify-full", "auto", "default", "random", "generate",
]);

/** Names normalised so far: the same flags and keys recur in every workload of a run. */
const normalisedNames = new Map<string, string>();
/** A cache of normalised names and one of verdicts hold up to this many names each. */
const MAX_REMEMBERED_NAMES = 10_000;

/** `dbPassword`, `db.password`, `db-password` → `DB_PASSWORD`. */
export function normaliseName(name: string): string {
  let normalised = normalisedNames.get(name);
  if (normalised === undefined) {
    normalised = name
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "");
    // An editor session sees every half-typed name: start over rather than grow without end.
    if (normalisedNames.size >= MAX_REMEMBERED_NAMES) normalisedNames.clear();
    normalisedNames.set(name, normalised);
  }
  return normalised;
}

export type NameMatcher = (name: string) => boolean;

const matcherCache = new Map<string, NameMatcher>();
const NON_SECRET_TOKEN_SUFFIXES = NON_SECRET_SUFFIXES.map((suffix) => `_${suffix}`);

function looksSecret(name: string, regexes: readonly RegExp[]): boolean {
  const normalised = normaliseName(name);
  if (normalised === "" || NON_SECRET_NAMES.has(normalised)) return false;
  // `existingSecret: pg-credentials` names a Secret object; it holds nothing secret.
  if (normalised.startsWith("EXISTING_")) return false;
  if (normalised.split("_").some((token) => SWITCH_TOKENS.has(token))) return false;
  if (NON_SECRET_SUFFIXES.includes(normalised) || NON_SECRET_TOKEN_SUFFIXES.some((suffix) => normalised.endsWith(suffix))) return false;
  // Glued suffixes name a location too: `STKEEPER_PG_SU_PASSWORDFILE=/etc/secrets/stolon/password`, `TOKENPATH`.
  if (/(?:FILE|FILES|PATH|DIR)$/.test(normalised.slice(normalised.lastIndexOf("_") + 1))) return false;
  return regexes.some((regex) => regex.test(normalised));
}

/** Matchers by the very list they were asked for: a rule asks with its options' list on every check. */
const matcherByList = new WeakMap<readonly string[], NameMatcher>();

/** A predicate for "this name looks like it holds a secret", built once per pattern list. */
export function secretNameMatcher(patterns: readonly string[] = DEFAULT_SECRET_NAME_PATTERNS): NameMatcher {
  let matcher = matcherByList.get(patterns);
  if (!matcher) matcherByList.set(patterns, (matcher = matcherFor(patterns)));
  return matcher;
}

function matcherFor(patterns: readonly string[]): NameMatcher {
  const cacheKey = patterns.join("\u0000");
  const cached = matcherCache.get(cacheKey);
  if (cached) return cached;
  const regexes = patterns.flatMap((pattern) => {
    try {
      return [new RegExp(pattern, "i")];
    } catch {
      // An invalid user pattern matches nothing rather than crashing the run.
      return [];
    }
  });
  const verdicts = new Map<string, boolean>();
  const matcher: NameMatcher = (name) => {
    let verdict = verdicts.get(name);
    if (verdict === undefined) {
      verdict = looksSecret(name, regexes);
      // An editor session sees every half-typed name: start over rather than grow without end.
      if (verdicts.size >= MAX_REMEMBERED_NAMES) verdicts.clear();
      verdicts.set(name, verdict);
    }
    return verdict;
  };
  matcherCache.set(cacheKey, matcher);
  return matcher;
}

/**
 * A value made only of references that Kubernetes (`$(VAR)`) or a templating step (`${VAR}`)
 * substitutes later; nothing secret is written down.
 */
export function isReferenceOnly(value: string): boolean {
  // Both kinds of reference start with `$`: most values have none, and need no copy made without them.
  if (!value.includes("$")) return false;
  const rest = value.replace(/\$\([A-Za-z_][\w.-]*\)|\$\{[^}]*\}/g, "");
  return rest !== value && !/[A-Za-z0-9]/.test(rest);
}

/** A literal value that may be a credential: non-empty, not a reference, a placeholder or a setting keyword. */
export function isCredentialValue(value: unknown): boolean {
  if (typeof value === "number") return true;
  if (typeof value !== "string") return false;
  const trimmed = value.trim();
  if (trimmed === "" || isReferenceOnly(trimmed)) return false;
  if (SETTING_KEYWORDS.has(trimmed.toLowerCase())) return false;
  // Documentation placeholders (`<password>`) and masked values (`****`) are not credentials.
  if (/^<[^<>]*>$/.test(trimmed) || /^\*+$/.test(trimmed)) return false;
  return true;
}

/** A credential written in shell or flag syntax: not `$VAR`, `"${VAR}"`, `$(cat /run/secrets/pw)`, nor a file path. */
export function isShellLiteral(raw: string): boolean {
  // Trailing separators belong to the surrounding SQL or shell (`MASTER_PASSWORD='',`), not to the value.
  const value = raw.replace(/[,;)]+$/, "").replace(/^['"]+|['"]+$/g, "");
  if (value.startsWith("$") || value.startsWith("/") || value.startsWith("@")) return false;
  return isCredentialValue(value);
}

/** What a credential-looking value holds, for messages. */
export type CredentialKind = "url-password" | "private-key" | "aws-access-key" | "config-password";

export interface CredentialMatch {
  readonly kind: CredentialKind;
  /** 1-based line within the value, for multi-line config files. */
  readonly line: number;
  readonly detail: string;
}

const URL_WITH_PASSWORD = /\b([a-z][a-z0-9+.-]*):\/\/([^\s:@/'"]*):([^\s@/'"]+)@/gi;
const URL_PASSWORD_PARAM = /[?&;](?:password|pwd|pass)=([^&;\s'"]+)/gi;
/** What every match of URL_PASSWORD_PARAM holds. */
const PASSWORD_WORD = /pass|pwd/i;

/** A password inside a connection URL: `postgresql://app:s3cret@db:5432/app`, `redis://:pw@redis:6379`, `…?password=x`. */
export function urlPassword(text: string): { scheme: string } | undefined {
  // Nearly no text holds a URL: both patterns need characters that are tested for far faster than the patterns run.
  if (text.includes("://")) {
    for (const match of text.matchAll(URL_WITH_PASSWORD)) {
      if (isShellLiteral(match[3] ?? "")) return { scheme: (match[1] ?? "").toLowerCase() };
    }
  }
  if (text.includes("=") && PASSWORD_WORD.test(text)) {
    for (const match of text.matchAll(URL_PASSWORD_PARAM)) {
      if (isShellLiteral(match[1] ?? "")) return { scheme: "url" };
    }
  }
  return undefined;
}

const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;
const AWS_ACCESS_KEY = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/;
/** redis.conf / valkey.conf directives whose argument is a password. */
const REDIS_PASSWORD_DIRECTIVE = /^\s*(requirepass|masterauth)\s+(\S+)/;
/** `key = value` / `key: value` in ini, cnf, properties and flat YAML files. */
const ASSIGNMENT = /^\s*([A-Za-z_][\w.-]*)\s*[=:]\s*(.*?)\s*[;,]?\s*$/;

function unquote(value: string): string {
  return value.replace(/^(['"])(.*)\1$/, "$2");
}

/**
 * The first credential inside a value: a PEM private key, an AWS access key id, a password in a
 * connection URL, or (in a config file) a secret-looking setting with a literal value.
 */
export function findCredential(value: string, isSecretName: NameMatcher): CredentialMatch | undefined {
  if (PRIVATE_KEY.test(value)) return { kind: "private-key", line: lineOf(value, PRIVATE_KEY), detail: "a PEM private key" };
  if (AWS_ACCESS_KEY.test(value)) return { kind: "aws-access-key", line: lineOf(value, AWS_ACCESS_KEY), detail: "an AWS access key id" };
  const lines = value.split("\n");
  for (const [index, text] of lines.entries()) {
    if (/^\s*(#|;|\/\/)/.test(text)) continue;
    const url = urlPassword(text);
    if (url) return { kind: "url-password", line: index + 1, detail: `a password in a ${url.scheme} connection URL` };
  }
  if (lines.length < 2) return undefined;
  for (const [index, text] of lines.entries()) {
    if (/^\s*(#|;|\/\/)/.test(text)) continue;
    const redis = REDIS_PASSWORD_DIRECTIVE.exec(text);
    if (redis && isShellLiteral(redis[2] ?? "")) return { kind: "config-password", line: index + 1, detail: `a literal \`${redis[1]}\`` };
    const assignment = ASSIGNMENT.exec(text);
    if (!assignment) continue;
    const [, key = "", raw = ""] = assignment;
    const literal = unquote(raw);
    // Numbers in config files are limits and counts (`password_history = 5`), not passwords.
    if (isSecretName(key) && isShellLiteral(literal) && !/^[[{|>]/.test(raw) && !/^\d+$/.test(literal)) {
      return { kind: "config-password", line: index + 1, detail: `a literal \`${key}\`` };
    }
  }
  return undefined;
}

function lineOf(text: string, pattern: RegExp): number {
  const index = text.search(pattern);
  return index < 0 ? 1 : text.slice(0, index).split("\n").length;
}

/** The options every name-matching secret rule takes: the same list, the same schema. */
export const NAME_PATTERN_OPTIONS = {
  defaultOptions: { namePatterns: DEFAULT_SECRET_NAME_PATTERNS },
  optionsSchema: {
    type: "object",
    properties: { namePatterns: NAME_PATTERNS_SCHEMA },
    additionalProperties: false,
  },
} as const;
