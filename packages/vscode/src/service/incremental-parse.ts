import { LineIndex, parseSource, type SourceDocument, type SourceFile, type SourceProblem } from "@statelint/core";

/** A `---` document marker at the start of a line. */
const MARKER = /^---(?=[ \t\r\n]|$)/gm;
/** Directives (`%YAML`) and document end markers (`...`) tie documents together; such files are parsed whole. */
const CROSS_DOCUMENT = /^(?:%|\.\.\.(?:[ \t\r\n]|$))/m;
/** Core's default limit: longer files get its single "too-large" problem. */
const MAX_LENGTH = 16 * 1024 * 1024;
/** Below this many documents a whole parse is as fast as reuse. */
const MIN_DOCUMENTS = 8;

/** A document parsed alone, placed at `start` of the whole file as its `index`-th document. */
function placed(document: SourceDocument, start: number, index: number): SourceDocument {
  return {
    index,
    start: document.start + start,
    end: document.end + start,
    value: document.value,
    // Span offsets are relative to the document's start: moving the document moves them.
    spans: document.spans,
    span: document.span && { start: document.span.start + start, end: document.span.end + start },
  };
}

/** One document's text parsed alone, and its documents as placed in the last version of the file. */
interface Chunk {
  readonly part: SourceFile;
  readonly start: number;
  readonly firstIndex: number;
  readonly documents: readonly SourceDocument[];
}

/**
 * Re-parses only the documents of a multi-document file that changed. A `---` at the start of a
 * line always begins a new document in YAML (no scalar may contain one), so each document can be
 * parsed alone and moved into place: its offsets are shifted and its line/column positions
 * recomputed against the whole file. Anything that could make documents depend on each other
 * (directives, `...`, Helm actions, binary or huge text) takes core's whole-file parse instead.
 * One instance per file: it keeps the documents of the previous version.
 */
export class IncrementalParser {
  private chunks = new Map<string, Chunk>();

  parse(path: string, text: string): SourceFile {
    const starts = this.chunkStarts(text);
    if (!starts) {
      this.chunks.clear();
      return parseSource(path, text);
    }
    const lines = new LineIndex(text);
    const documents: SourceDocument[] = [];
    const problems: SourceProblem[] = [];
    const next = new Map<string, Chunk>();
    let syntaxError = false;
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i] ?? 0;
      const chunkText = text.slice(start, starts[i + 1] ?? text.length);
      const known = next.get(chunkText) ?? this.chunks.get(chunkText);
      const part = known?.part ?? parseSource(path, chunkText);
      syntaxError ||= part.problems.some((problem) => problem.kind === "syntax");
      const firstIndex = documents.length;
      // A document the edit neither touched nor moved stays the same instance.
      const chunk: Chunk = known && known.start === start && known.firstIndex === firstIndex
        ? known
        : { part, start, firstIndex, documents: part.documents.map((document) => placed(document, start, firstIndex + document.index)) };
      if (!next.has(chunkText)) next.set(chunkText, chunk);
      documents.push(...chunk.documents);
      const range = (problem: { start: { offset: number }; end: { offset: number } }) => lines.range(problem.start.offset + start, problem.end.offset + start);
      for (const problem of part.problems) {
        problems.push({
          kind: problem.kind,
          message: problem.message,
          range: range(problem.range),
          ...(problem.docIndex !== undefined ? { docIndex: firstIndex + problem.docIndex } : {}),
          ...(problem.firstRange ? { firstRange: range(problem.firstRange) } : {}),
        });
      }
    }
    this.chunks = next;
    // A parser error near the end of a document may point into the next one's marker, which the
    // document alone cannot see; such positions come from the whole file, like the CLI's.
    if (syntaxError) return parseSource(path, text);
    return { path, text, lines, documents, problems };
  }

  /** Where each document's text starts, or `undefined` when the file must be parsed whole. */
  private chunkStarts(text: string): number[] | undefined {
    if (text.length > MAX_LENGTH || text.includes("\u0000") || text.includes("{{") || CROSS_DOCUMENT.test(text)) return undefined;
    const markers = [...text.matchAll(MARKER)].map((match) => match.index);
    // Text before the first marker holding only comments belongs to the first document.
    const leading = markers[0] === undefined ? "" : text.slice(0, markers[0]);
    const commentsOnly = leading.split("\n").every((line) => /^\s*(?:#.*)?$/.test(line));
    const starts = commentsOnly ? [0, ...markers.slice(1)] : [0, ...markers];
    return starts.length >= MIN_DOCUMENTS ? starts : undefined;
  }
}
