import { ALL_CONTAINER_KINDS, asArray, asRecord, asString, childPath, containersOf, defineRule, podTemplateOf, POD_TEMPLATE_PATHS, type ContainerRef, type FieldPath } from "@statelint/core";
import { isShellLiteral, NAME_PATTERN_OPTIONS, normaliseName, secretNameMatcher, urlPassword, type NameMatcher } from "../secret-patterns.js";

export type MessageIds = "literalFlag" | "urlPassword" | "literalAssignment";

export interface Options {
  readonly namePatterns: readonly string[];
}

/** One string of a command list, with where it sits and how to name it in a message (worked out only for a finding). */
interface Item {
  readonly text: string;
  readonly index: number;
  readonly listPath: FieldPath;
  readonly listLabel: string;
}

interface Token {
  readonly text: string;
  readonly item: Item;
}

interface Hit {
  readonly item: Item;
  readonly messageId: MessageIds;
  readonly data: Readonly<Record<string, string>>;
}

/** MySQL clients take `-p<password>` glued to the flag; `-p password` prompts and reads `password` as a database name. */
const MYSQL_CLIENTS = new Set(["mysql", "mysqladmin", "mysqldump", "mysqlcheck", "mysqlimport", "mysqlpump", "mysqlshow", "mariadb", "mariadb-admin", "mariadb-dump", "mariadb-check", "mariadb-import"]);
/** Clients whose `-p` takes the password as the next word. */
const SPACED_P_CLIENTS = new Set(["mongo", "mongosh", "mongodump", "mongorestore", "mongoexport", "mongoimport", "mongostat", "mongotop", "cqlsh", "rabbitmqadmin"]);
const REDIS_CLIENTS = new Set(["redis-cli", "valkey-cli"]);
/** Programs whose long password flags take a separate value (`--password secret`); for psql and pg_dump `--password` only forces a prompt. */
const SPACED_FLAG_PROGRAMS = new Set([...SPACED_P_CLIENTS, ...REDIS_CLIENTS, "redis-server", "valkey-server", "redis-sentinel", "clickhouse-client", "etcdctl", "influx", "nats", "mc"]);
/** `-u user:password` basic-auth clients. */
const USER_PASSWORD_CLIENTS = new Set(["curl", "etcdctl"]);
/** redis-server directives passed as flags: their argument is a password although the name does not say so. */
const REDIS_PASSWORD_FLAGS = new Set(["requirepass", "masterauth"]);
const WRAPPERS = new Set(["exec", "sudo", "env", "time", "nice", "nohup", "command", "export"]);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/** Splits command lists into commands: list items are words, and an item with spaces is a shell script of its own commands. */
function commandsOf(items: readonly Item[]): Token[][] {
  const listLevel: Token[] = [];
  // The list's own words come first, then each script's commands.
  const commands: Token[][] = [listLevel];
  for (let at = 0; at < items.length; at++) {
    const item = items[at]!;
    if (!/\s/.test(item.text.trim())) {
      listLevel.push({ text: item.text, item });
      continue;
    }
    for (const segment of item.text.split(/;|&&|\|\||\||\n|\$\(|`/)) {
      const tokens = segment.trim().split(/\s+/).filter(Boolean).map((text) => ({ text: text.replace(/^\(+|\)+$/g, ""), item }));
      if (tokens.length > 0) commands.push(tokens);
    }
  }
  return commands;
}

function programOf(tokens: readonly Token[]): string {
  for (let at = 0; at < tokens.length; at++) {
    const text = tokens[at]!.text;
    if (WRAPPERS.has(text) || isAssignment(text)) continue;
    return withoutOuterQuotes(text.slice(text.lastIndexOf("/") + 1));
  }
  return "";
}

/** `NAME=value` (tested for `=` first: most words are not assignments). */
function isAssignment(text: string): boolean {
  return text.includes("=") && ASSIGNMENT.test(text);
}

/** Without one leading and one trailing quote character. */
function withoutOuterQuotes(text: string): string {
  const start = isQuote(text.charCodeAt(0)) ? 1 : 0;
  const end = text.length > start && isQuote(text.charCodeAt(text.length - 1)) ? text.length - 1 : text.length;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

const [SINGLE_QUOTE, DOUBLE_QUOTE] = ["'", '"'].map((quote) => quote.charCodeAt(0));

function isQuote(code: number): boolean {
  return code === SINGLE_QUOTE || code === DOUBLE_QUOTE;
}

function flagName(flag: string): string {
  if (flag.startsWith("--")) return flag.slice(2);
  return flag.startsWith("-") ? flag.slice(1) : flag;
}

/** The lengths of REDIS_PASSWORD_FLAGS: most flags have another, and need no lower-cased copy. */
const REDIS_PASSWORD_FLAG_LENGTHS = new Set([...REDIS_PASSWORD_FLAGS].map((flag) => flag.length));

function isSecretFlag(name: string, isSecretName: NameMatcher): boolean {
  return (REDIS_PASSWORD_FLAG_LENGTHS.has(name.length) && REDIS_PASSWORD_FLAGS.has(name.toLowerCase())) || isSecretName(normaliseName(name));
}

/** The first hit of each item, in the order found; the map is made only when something is found. */
class Hits {
  private found: Map<Item, Hit> | undefined;

  add(item: Item, messageId: MessageIds, data: Record<string, string>): void {
    this.found ??= new Map();
    if (!this.found.has(item)) this.found.set(item, { item, messageId, data });
  }

  /** The hits in the order found, or undefined when there are none (nearly always): nothing to walk then. */
  all(): Iterable<Hit> | undefined {
    return this.found?.values();
  }
}

function scanCommand(tokens: readonly Token[], isSecretName: NameMatcher, hits: Hits): void {
  const program = programOf(tokens);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const text = token.text;
    const next = tokens[index + 1];
    const assignment = text.includes("=") ? ASSIGNMENT.exec(text) : null;
    if (assignment) {
      const [, name = "", value = ""] = assignment;
      if (isSecretName(name) && isShellLiteral(value)) hits.add(token.item, "literalAssignment", { name });
      continue;
    }
    if (text.startsWith("--")) {
      const equals = text.indexOf("=");
      const name = flagName(equals === -1 ? text : text.slice(0, equals));
      if (USER_PASSWORD_CLIENTS.has(program) && name === "user") {
        const value = equals === -1 ? next : { ...token, text: text.slice(equals + 1) };
        if (value && userPasswordIsLiteral(value.text)) hits.add(value.item, "literalFlag", { flag: "--user" });
        continue;
      }
      if (!isSecretFlag(name, isSecretName)) continue;
      if (equals !== -1) {
        if (isShellLiteral(text.slice(equals + 1))) hits.add(token.item, "literalFlag", { flag: `--${name}` });
      } else if (SPACED_FLAG_PROGRAMS.has(program) && next && !next.text.startsWith("-") && isShellLiteral(next.text)) {
        hits.add(next.item, "literalFlag", { flag: `--${name}` });
      }
      continue;
    }
    if (MYSQL_CLIENTS.has(program) && /^-p./.test(text) && isShellLiteral(text.slice(2))) hits.add(token.item, "literalFlag", { flag: "-p" });
    else if (SPACED_P_CLIENTS.has(program) && text === "-p" && next && isShellLiteral(next.text)) hits.add(next.item, "literalFlag", { flag: "-p" });
    else if (REDIS_CLIENTS.has(program) && text === "-a" && next && isShellLiteral(next.text)) hits.add(next.item, "literalFlag", { flag: "-a" });
    else if (USER_PASSWORD_CLIENTS.has(program) && text === "-u" && next && userPasswordIsLiteral(next.text)) hits.add(next.item, "literalFlag", { flag: "-u" });
  }
}

function userPasswordIsLiteral(value: string): boolean {
  const unquoted = value.replace(/^['"]|['"]$/g, "");
  const colon = unquoted.indexOf(":");
  return colon !== -1 && isShellLiteral(unquoted.slice(colon + 1));
}

/** What `stringItems` gives for a list without items; never added to. */
const NO_ITEMS: readonly Item[] = [];

/** The strings of a command list at `base` + `under`; the path is built only for a list that has items (most containers have no command). */
function stringItems(list: unknown, base: FieldPath, under: FieldPath, label: string): readonly Item[] {
  const values = asArray(list);
  if (values.length === 0) return NO_ITEMS;
  const listPath = childPath(base, ...under);
  const items: Item[] = [];
  for (let index = 0; index < values.length; index++) {
    const text = asString(values[index]);
    if (text !== undefined) items.push({ text, index, listPath, listLabel: label });
  }
  return items;
}

const COMMAND_PATH: FieldPath = ["command"];
const ARGS_PATH: FieldPath = ["args"];
const PROBES = ["startupProbe", "readinessProbe", "livenessProbe"] as const;
const HOOKS = ["postStart", "preStop"] as const;

/** Adds a command list that has items. */
function addList(lists: (readonly Item[])[], items: readonly Item[]): void {
  if (items.length > 0) lists.push(items);
}

/** Each command list of a container that has items: command + args together, then each probe and lifecycle hook. */
function commandListsOf(ref: ContainerRef): (readonly Item[])[] {
  const container = ref.container;
  const command = stringItems(container["command"], ref.path, COMMAND_PATH, "command");
  const args = stringItems(container["args"], ref.path, ARGS_PATH, "args");
  const lists: (readonly Item[])[] = [];
  addList(lists, command.length === 0 ? args : args.length === 0 ? command : command.concat(args));
  // Most probes and hooks run no command: their paths are not built for nothing.
  for (const probe of PROBES) {
    const command = asRecord(asRecord(container[probe])["exec"])["command"];
    if (command !== undefined) addList(lists, stringItems(command, ref.path, [probe, "exec", "command"], `${probe}.exec.command`));
  }
  const lifecycle = asRecord(container["lifecycle"]);
  for (const hook of HOOKS) {
    const command = asRecord(asRecord(lifecycle[hook])["exec"])["command"];
    if (command !== undefined) addList(lists, stringItems(command, ref.path, ["lifecycle", hook, "exec", "command"], `lifecycle.${hook}.exec.command`));
  }
  return lists;
}

const FIX_HINT = "pass it through an env var set from a Secret ($(VAR) or \"$VAR\") or a mounted file";

export default defineRule<MessageIds, Options>({
  id: "secret-literal-args",
  kinds: Object.keys(POD_TEMPLATE_PATHS),
  meta: {
    category: "secrets",
    severity: "warning",
    description: "A container's command, args or exec probe carries a literal credential.",
    rationale:
      "Command lines end up in Git, in `kubectl describe pod`, in `ps` output of every process on the node and in crash reports; " +
      "a password written there cannot be rotated without editing the workload.",
    remediation:
      "Put the credential in a Secret, expose it as an env var with `secretKeyRef`, and reference it as `$(VAR)` in args or `\"$VAR\"` in a shell script, or have the tool read a mounted file.",
    messages: {
      literalFlag: `Container "{{container}}" passes a literal password with {{flag}} in {{where}}; ${FIX_HINT}.`,
      urlPassword: `Container "{{container}}" has a password in a {{scheme}} connection URL in {{where}}; ${FIX_HINT}.`,
      literalAssignment: `Container "{{container}}" sets {{name}} to a literal value in {{where}}; ${FIX_HINT}.`,
    },
    since: "0.1.0",
    sources: ["https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/", "https://dev.mysql.com/doc/refman/8.0/en/password-security-user.html"],
    ...NAME_PATTERN_OPTIONS,
  },
  check({ object, options, report }) {
    const template = podTemplateOf(object);
    if (!template) return;
    const isSecretName = secretNameMatcher(options.namePatterns);
    // Indexed loops: a check runs once per workload, mostly before it is optimized, where for…of
    // allocates an iterator and a result per step.
    const containers = containersOf(template, ALL_CONTAINER_KINDS);
    for (let at = 0; at < containers.length; at++) {
      const container = containers[at]!;
      const lists = commandListsOf(container);
      if (lists.length === 0) continue;
      const hits = new Hits();
      for (let list = 0; list < lists.length; list++) {
        const items = lists[list]!;
        for (let index = 0; index < items.length; index++) {
          const item = items[index]!;
          const url = urlPassword(item.text);
          if (url) hits.add(item, "urlPassword", { scheme: url.scheme });
        }
        const commands = commandsOf(items);
        for (let command = 0; command < commands.length; command++) scanCommand(commands[command]!, isSecretName, hits);
      }
      const found = hits.all();
      if (!found) continue;
      for (const { item, messageId, data } of found) {
        report({ messageId, data: { ...data, container: container.name, where: `${item.listLabel}[${item.index}]` }, path: [...item.listPath, item.index] });
      }
    }
  },
});
