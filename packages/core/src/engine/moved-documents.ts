import type { Position, SourceRange } from "../source/position.js";
import type { Finding, RelatedLocation } from "./finding.js";
import type { TextEdit } from "./fix.js";

/**
 * A document of an edited file whose text the edit left alone, in the old file's coordinates
 * `[start, end]`, and how far it moved (0 and 0 for one that stayed in place). A position
 * inside it moves by `offset` and `line` and keeps its column.
 */
export interface DocumentShift {
  readonly start: number;
  readonly end: number;
  readonly offset: number;
  readonly line: number;
}

/** The untouched documents of each edited file that had some document move, in file order. */
export type FileShifts = ReadonlyMap<string, readonly DocumentShift[]>;

/** Unshiftable: the position lies in text the edit changed, so the finding must be computed again. */
const CHANGED = Symbol("changed");

/** The untouched document holding an old offset (the first, where two touch), by bisection: a finding is shifted per position. */
function shiftAt(offset: number, shifts: readonly DocumentShift[]): DocumentShift | undefined {
  let low = 0;
  let high = shifts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((shifts[middle] as DocumentShift).end < offset) low = middle + 1;
    else high = middle;
  }
  const shift = shifts[low];
  return shift && shift.start <= offset ? shift : undefined;
}

function moved(position: Position, shift: DocumentShift): Position {
  // Built as LineIndex builds positions, so every position keeps one shape.
  return { line: position.line + shift.line, column: position.column, offset: position.offset + shift.offset };
}

function shiftRange(range: SourceRange, shifts: readonly DocumentShift[] | undefined): SourceRange | typeof CHANGED {
  if (!shifts) return range;
  const shift = shiftAt(range.start.offset, shifts);
  if (!shift) return CHANGED;
  // A range nearly always lies in one document: its end moves with its start, found by one bisection.
  const endShift = range.end.offset <= shift.end ? shift : shiftAt(range.end.offset, shifts);
  if (!endShift) return CHANGED;
  const still = shift.offset === 0 && shift.line === 0;
  const endStill = endShift.offset === 0 && endShift.line === 0;
  if (still && endStill) return range;
  return { start: still ? range.start : moved(range.start, shift), end: endStill ? range.end : moved(range.end, endShift) };
}

function shiftEdit(edit: TextEdit, shifts: readonly DocumentShift[]): TextEdit | typeof CHANGED {
  const shift = shiftAt(edit.start, shifts);
  if (!shift) return CHANGED;
  const endShift = edit.end <= shift.end ? shift : shiftAt(edit.end, shifts);
  if (!endShift) return CHANGED;
  if (shift.offset === 0 && endShift.offset === 0) return edit;
  return { ...edit, start: edit.start + shift.offset, end: edit.end + endShift.offset };
}

/**
 * A finding computed against the old text, placed in the new one: every range, related range and
 * fix edit that lies in a moved document moves with it. `undefined` when some position lies in
 * text the edit changed (the check that made it must run again).
 */
export function shiftFinding(finding: Finding, shifts: FileShifts): Finding | undefined {
  const own = shifts.get(finding.file);
  if (!own && !finding.related.some((location) => shifts.has(location.file))) return finding;
  const range = shiftRange(finding.range, own);
  if (range === CHANGED) return undefined;
  let related = finding.related;
  for (let index = 0; index < finding.related.length; index++) {
    const location = finding.related[index] as RelatedLocation;
    const moved = shiftRange(location.range, shifts.get(location.file));
    if (moved === CHANGED) return undefined;
    if (moved === location.range) continue;
    if (related === finding.related) related = [...finding.related];
    (related as RelatedLocation[])[index] = { ...location, range: moved };
  }
  let fix = finding.fix;
  if (fix && own) {
    let edits = fix.edits;
    for (let index = 0; index < fix.edits.length; index++) {
      const edit = fix.edits[index] as TextEdit;
      const shifted = shiftEdit(edit, own);
      if (shifted === CHANGED) return undefined;
      if (shifted === edit) continue;
      if (edits === fix.edits) edits = [...fix.edits];
      (edits as TextEdit[])[index] = shifted;
    }
    if (edits !== fix.edits) fix = { ...fix, edits };
  }
  if (range === finding.range && fix === finding.fix && related === finding.related) return finding;
  // Copied whole and then placed, so a moved finding keeps the shape of the one it replaces.
  const moved: { -readonly [K in keyof Finding]: Finding[K] } = { ...finding };
  moved.range = range;
  moved.related = related;
  if (fix && fix !== finding.fix) moved.fix = fix;
  return moved;
}

/**
 * `shiftFinding` over a check's findings: the same array when none moved, `undefined` when one
 * points into changed text.
 */
export function shiftFindings(findings: readonly Finding[], shifts: FileShifts): readonly Finding[] | undefined {
  let shifted: Finding[] | undefined;
  for (let index = 0; index < findings.length; index++) {
    const finding = findings[index] as Finding;
    const moved = shiftFinding(finding, shifts);
    if (moved === undefined) return undefined;
    if (moved !== finding) shifted ??= findings.slice(0, index);
    shifted?.push(moved);
  }
  return shifted ?? findings;
}

/** A position moved with its document: `offset` characters and `line` lines, the same column. */
function displaced(position: Position, offset: number, line: number): Position {
  return { line: position.line + line, column: position.column, offset: position.offset + offset };
}

function displacedRange(range: SourceRange, offset: number, line: number): SourceRange {
  return { start: displaced(range.start, offset, line), end: displaced(range.end, offset, line) };
}

/**
 * A finding that lies wholly in one document (its range, related ranges and fix edits), placed
 * where that document moved: every position moves by the same amount.
 */
export function displaceFinding(finding: Finding, offset: number, line: number): Finding {
  if (offset === 0 && line === 0) return finding;
  const moved: { -readonly [K in keyof Finding]: Finding[K] } = { ...finding };
  moved.range = displacedRange(finding.range, offset, line);
  if (finding.related.length > 0) moved.related = finding.related.map((location) => ({ ...location, range: displacedRange(location.range, offset, line) }));
  if (finding.fix) moved.fix = { ...finding.fix, edits: finding.fix.edits.map((edit) => ({ ...edit, start: edit.start + offset, end: edit.end + offset })) };
  return moved;
}

/** `displaceFinding` over a list: the same list when nothing moved. */
export function displaceFindings(findings: readonly Finding[], offset: number, line: number): readonly Finding[] {
  return offset === 0 && line === 0 ? findings : findings.map((finding) => displaceFinding(finding, offset, line));
}
