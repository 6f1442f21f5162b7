const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** Fills `{{name}}` placeholders; a placeholder without data is left as written so tests catch it. */
export function interpolate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

export function hasPlaceholders(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(text);
}
