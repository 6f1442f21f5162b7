/** How a message explains a name format Kubernetes validates (the patterns live in the schema data). */
export interface NameFormat {
  /** "a DNS-1123 label" */
  readonly title: string;
  /** What a valid value looks like. */
  readonly rule: string;
}

export const NAME_FORMATS = {
  "dns1123-label": {
    title: "a DNS-1123 label",
    rule: "at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
  },
  "dns1123-subdomain": {
    title: "a DNS-1123 subdomain",
    rule: "at most 253 lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit",
  },
  "dns1035-label": {
    title: "a DNS-1035 label",
    rule: "at most 63 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit",
  },
  "iana-svc-name": {
    title: "an IANA service name",
    rule: "at most 15 lowercase letters, digits and '-', with at least one letter and no '--'",
  },
} as const satisfies Record<string, NameFormat>;

export type NameFormatId = keyof typeof NAME_FORMATS;

export function isNameFormat(format: string): format is NameFormatId {
  return Object.hasOwn(NAME_FORMATS, format);
}

/**
 * The quantity a user most likely meant by an invalid one: units spelled the way other tools
 * write them (`2GB`, `512mb`, `1.5 GiB`, `2g`) map to the binary-SI suffix Kubernetes uses.
 */
export function suggestQuantity(value: string): string | undefined {
  const match = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([kKmMgGtTpPeE])(?:i?[bB]|i)?\s*$/.exec(value);
  if (!match) return undefined;
  const [, number, unit] = match as unknown as [string, string, string];
  const suggestion = `${number}${unit.toUpperCase() === "K" ? "Ki" : `${unit.toUpperCase()}i`}`;
  return suggestion === value ? undefined : suggestion;
}
