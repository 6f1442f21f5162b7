import type { SourceFile } from "../source/parse.js";

/** `# Source: chart/templates/statefulset.yaml`, the comment `helm template` writes above every document it renders. */
const SOURCE_COMMENT = /^#\s*Source:\s*(\S.*?)\s*$/;
const DOCUMENT_MARKER = /^---\s*$/;

/**
 * The chart template a rendered document came from: the `# Source:` comment in the comment and
 * blank lines just above its first node. Only the header of a document counts, so a quoted
 * `# Source:` in a ConfigMap's data does not.
 */
function templateAbove(file: SourceFile, firstNodeLine: number): string | undefined {
  for (let line = firstNodeLine - 1; line >= 1; line--) {
    const text = file.lines.lineText(line).trim();
    const match = SOURCE_COMMENT.exec(text);
    if (match) return match[1];
    if (text === "" || (text.startsWith("#") && !DOCUMENT_MARKER.test(text))) continue;
    return undefined;
  }
  return undefined;
}

/** A document's extent and the Helm template it was rendered from. */
export interface RenderedDocument {
  readonly start: number;
  readonly end: number;
  readonly template: string;
}

/** The documents of `helm template` output that name their chart template; empty for hand-written files. */
export function renderedDocuments(file: SourceFile): RenderedDocument[] {
  if (!file.text.includes("# Source:")) return [];
  const result: RenderedDocument[] = [];
  for (const document of file.documents) {
    if (!document.span) continue;
    const template = templateAbove(file, file.lines.position(document.span.start).line);
    if (template !== undefined) result.push({ start: Math.min(document.start, document.span.start), end: document.end, template });
  }
  return result;
}
