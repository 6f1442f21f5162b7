const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

/**
 * A template split once (messages are filled thousands of times in a large run). `pieces` is
 * the message being written: its texts stay in place at even indexes and each fill writes the
 * data at the odd ones, so a message costs no array of its own. Fills run one at a time.
 */
interface CompiledTemplate {
  readonly pieces: string[];
  /** Per placeholder, the name it asks for and the placeholder as written. */
  readonly names: readonly string[];
  readonly written: readonly string[];
}

const compiled = new Map<string, CompiledTemplate | null>();

/** The compiled template, or null when it has no placeholder. */
function compile(template: string): CompiledTemplate | null {
  let known = compiled.get(template);
  if (known !== undefined) return known;
  const pieces: string[] = [];
  const names: string[] = [];
  const written: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    pieces.push(template.slice(last, match.index), match[0]);
    names.push(match[1]!);
    written.push(match[0]);
    last = match.index + match[0].length;
  }
  pieces.push(template.slice(last));
  known = names.length === 0 ? null : { pieces, names, written };
  compiled.set(template, known);
  return known;
}

/**
 * Fills `{{name}}` placeholders; a placeholder without data is left as written so tests catch it.
 * Joined rather than concatenated: `+=` leaves a tree of string pieces per message, kept as long
 * as the finding is (a large run keeps tens of thousands).
 */
export function interpolate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  // Fix titles mostly have no placeholder.
  const filled = compile(template);
  if (filled === null) return template;
  const { pieces, names, written } = filled;
  for (let index = 0; index < names.length; index++) {
    // One lookup of the data (records of many shapes) where `in` and a read made two.
    const value = data[names[index]!];
    pieces[2 * index + 1] = typeof value === "string" ? value : value !== undefined ? String(value) : names[index]! in data ? "undefined" : written[index]!;
  }
  return pieces.join("");
}

export function hasPlaceholders(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(text);
}
