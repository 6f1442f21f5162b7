const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

/**
 * Each template split once (messages are filled thousands of times in a large run): its leading
 * text, then per placeholder the whole placeholder, its name and the text that follows it.
 */
const compiled = new Map<string, readonly string[]>();

function partsOf(template: string): readonly string[] {
  let parts = compiled.get(template);
  if (parts) return parts;
  const list: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    list.push(template.slice(last, match.index), match[0], match[1]!);
    last = match.index + match[0].length;
  }
  list.push(template.slice(last));
  parts = list;
  compiled.set(template, parts);
  return parts;
}

/**
 * Fills `{{name}}` placeholders; a placeholder without data is left as written so tests catch it.
 * Joined rather than concatenated: `+=` leaves a tree of string pieces per message, kept as long
 * as the finding is (a large run keeps tens of thousands).
 */
export function interpolate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  const parts = partsOf(template);
  // Fix titles mostly have no placeholder.
  if (parts.length === 1) return template;
  // Made at its final size: grown by push, each message left a larger array behind as garbage.
  const pieces = new Array<string>(1 + ((parts.length - 1) / 3) * 2);
  pieces[0] = parts[0]!;
  for (let index = 1, at = 1; index < parts.length; index += 3, at += 2) {
    const name = parts[index + 1]!;
    pieces[at] = name in data ? String(data[name]) : parts[index]!;
    pieces[at + 1] = parts[index + 2]!;
  }
  return pieces.join("");
}

export function hasPlaceholders(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(text);
}
