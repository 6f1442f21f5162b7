/** 1-based line and column (columns count UTF-16 code units, as LSP and JavaScript strings do). */
export interface Position {
  readonly line: number;
  readonly column: number;
  /** 0-based offset into the file text. */
  readonly offset: number;
}

/** A source range; `end` is exclusive. */
export interface SourceRange {
  readonly start: Position;
  readonly end: Position;
}

/** Where lines start while a file is indexed; a file of more lines grows a buffer of its own. */
const SCRATCH_STARTS = new Int32Array(16_384);

/** Maps offsets to line/column with a binary search over line starts, built once per file. */
export class LineIndex {
  /**
   * Typed and at their exact count: every file of a run keeps its index, and a pushed array of
   * numbers took about three times the memory.
   */
  private readonly lineStarts: Int32Array;

  constructor(readonly text: string) {
    let starts = SCRATCH_STARTS;
    let count = 1;
    starts[0] = 0;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
      if (count === starts.length) {
        const grown = new Int32Array(count * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = i + 1;
    }
    this.lineStarts = starts.slice(0, count);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - (this.lineStarts[low] ?? 0) + 1, offset: clamped };
  }

  range(start: number, end: number): SourceRange {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))] ?? 0;
  }

  /** Offset just past the last character of a 1-based line, before its newline. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line];
    if (next === undefined) return this.text.length;
    return this.text[next - 2] === "\r" ? next - 2 : next - 1;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}
