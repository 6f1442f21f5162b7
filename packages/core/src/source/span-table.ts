/**
 * Where a document's mappings and sequences sit in the text, as one typed array per document.
 * Objects and arrays per collection (keys, offsets, children) had been about 40 of the 55 MiB a
 * parse of the bench corpus keeps; this layout holds the same offsets in a fifth of that. Offsets
 * are relative to the document's start, so a document that moves within its file (an edit above
 * it) keeps its table. Plain data, so it crosses a worker-thread boundary.
 *
 * `nodes` holds the collections in the order they close, children before their parents. Each is a
 * header of {@link HEADER} ints (flags, start, end, entry count, index of its first key in `keys`)
 * followed by its entries: {@link MAP_ENTRY} ints per mapping entry (key start, key end, value
 * start, value end, child) or {@link SEQ_ITEM} ints per sequence item (start, end, child). `child`
 * is where the value's own collection begins in `nodes`, or -1 for a scalar. Ends are exclusive;
 * an entry with no value has its value start equal to its value end.
 */
export interface SpanTable {
  readonly nodes: Int32Array;
  /** The keys of every mapping entry, repeats included, each mapping's keys together in source order. */
  readonly keys: readonly string[];
  /** Where the document's top collection begins in `nodes`. */
  readonly root: number;
}

export const HEADER = 5;
export const MAP_ENTRY = 5;
export const SEQ_ITEM = 3;
/** Flag bits in a header's first int. */
export const SEQUENCE = 1;
export const FLOW = 2;
/** A value that is not a collection. */
export const NO_CHILD = -1;
/** Mappings with more keys than this are asked whether they hold a key rather than scanned. */
const MAX_SCANNED_KEYS = 8;
/** Documents' tables are views into slabs of this many ints (64 KiB). */
const SLAB_INTS = 16_384;

/**
 * A mapping or sequence of a document, read from its table. Made on demand (to locate a field,
 * to place a fix), never stored, so it may be a class.
 */
export class SpanCollection {
  constructor(
    private readonly table: SpanTable,
    private readonly at: number,
    /** The document's start: the table's offsets are relative to it. */
    private readonly base: number,
  ) {}

  get kind(): "map" | "seq" {
    return (this.table.nodes[this.at]! & SEQUENCE) === 0 ? "map" : "seq";
  }

  get flow(): boolean {
    return (this.table.nodes[this.at]! & FLOW) !== 0;
  }

  get start(): number {
    return this.base + this.table.nodes[this.at + 1]!;
  }

  get end(): number {
    return this.base + this.table.nodes[this.at + 2]!;
  }

  /** How many entries or items it has. */
  get size(): number {
    return this.table.nodes[this.at + 3]!;
  }

  /** The key of a mapping's entry. */
  key(index: number): string {
    return this.table.keys[this.table.nodes[this.at + 4]! + index]!;
  }

  /** Where an entry begins: its key in a mapping, the item in a sequence. */
  entryStart(index: number): number {
    return this.base + this.table.nodes[this.entry(index)]!;
  }

  /** Where a mapping entry's value (or a sequence item) ends. */
  valueEnd(index: number): number {
    return this.base + this.table.nodes[this.entry(index) + (this.kind === "map" ? 3 : 1)]!;
  }

  keyEnd(index: number): number {
    return this.base + this.table.nodes[this.entry(index) + 1]!;
  }

  /** Where a mapping entry's value (or a sequence item) begins. */
  valueStart(index: number): number {
    return this.base + this.table.nodes[this.entry(index) + (this.kind === "map" ? 2 : 0)]!;
  }

  /** The collection an entry's value is, if it is one. */
  child(index: number): SpanCollection | undefined {
    const child = this.table.nodes[this.entry(index) + (this.kind === "map" ? MAP_ENTRY : SEQ_ITEM) - 1]!;
    return child === NO_CHILD ? undefined : new SpanCollection(this.table, child, this.base);
  }

  private entry(index: number): number {
    return this.at + HEADER + index * (this.kind === "map" ? MAP_ENTRY : SEQ_ITEM);
  }
}

/** A document's top collection, if its content is one. */
export function rootCollection(document: { readonly spans: SpanTable | undefined; readonly start: number }): SpanCollection | undefined {
  return document.spans ? new SpanCollection(document.spans, document.spans.root, document.start) : undefined;
}

/**
 * Builds the tables of a file's documents as a parser closes collections. The entries of the
 * collections still open wait on a stack and are copied into the table, at their exact size, when
 * their collection closes. One writer serves every parse (see {@link sharedSpanTableWriter}).
 *
 * Its stacks keep their own sizes and never shrink: setting an array's length is a call into the
 * runtime, and shrinking one to zero at every document dropped its buffer, which the next document
 * grew again (two fifths of what a parse of the bench corpus allocated).
 */
export class SpanTableWriter {
  /** Where the document being written goes: the current slab, or `large` once it outgrows a slab's share. */
  private nodes = new Int32Array(SLAB_INTS);
  /** Where the document begins in `nodes`. */
  private origin = 0;
  private slab = this.nodes;
  private slabUsed = 0;
  /** The buffer of documents too large for a slab, kept for the next one. */
  private large = new Int32Array(0);
  private size = 0;
  private readonly keys: string[] = [];
  private keyCount = 0;
  private base = 0;
  private pending = new Int32Array(1024);
  private pendingSize = 0;
  private readonly pendingKeys: string[] = [];
  private pendingKeyCount = 0;

  /** Starts a document whose offsets will be kept relative to `base`, its start in the file. */
  beginDocument(base: number): void {
    this.base = base;
    this.nodes = this.slab;
    this.origin = this.slabUsed;
    this.size = 0;
    this.keyCount = 0;
    this.pendingSize = 0;
    this.pendingKeyCount = 0;
  }

  /** Marks where a collection's pending entries and keys begin; give both back to close it. */
  get entryMark(): number {
    return this.pendingSize;
  }

  get keyMark(): number {
    return this.pendingKeyCount;
  }

  addMapEntry(key: string, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number, child: number): void {
    const base = this.base;
    this.pendingKeys[this.pendingKeyCount++] = key;
    const at = this.reservePending(MAP_ENTRY);
    const pending = this.pending;
    pending[at] = keyStart - base;
    pending[at + 1] = keyEnd - base;
    pending[at + 2] = valueStart - base;
    pending[at + 3] = valueEnd - base;
    pending[at + 4] = child;
  }

  addSeqItem(start: number, end: number, child: number): void {
    const at = this.reservePending(SEQ_ITEM);
    const pending = this.pending;
    pending[at] = start - this.base;
    pending[at + 1] = end - this.base;
    pending[at + 2] = child;
  }

  /**
   * Whether the mapping whose keys are pending since `keyMark` already has `key`. A mapping holds
   * few keys, so comparing them (mostly the same shared strings) is cheaper than asking the object
   * being built, whose shape differs from mapping to mapping; a long one is asked.
   */
  hasPendingKey(keyMark: number, key: string, mapping: Readonly<Record<string, unknown>>): boolean {
    const count = this.pendingKeyCount;
    if (count - keyMark > MAX_SCANNED_KEYS) return Object.prototype.hasOwnProperty.call(mapping, key);
    const pendingKeys = this.pendingKeys;
    for (let at = keyMark; at < count; at++) if (pendingKeys[at] === key) return true;
    return false;
  }

  /** Where each key pending since `keyMark` was last added, by its place among the pending keys. */
  indexPendingKeys(keyMark: number): Map<string, number> {
    const index = new Map<string, number>();
    for (let at = keyMark; at < this.pendingKeyCount; at++) index.set(this.pendingKeys[at]!, at);
    return index;
  }

  /** Key start and end of a pending mapping entry, by its place among the pending keys. */
  pendingKeyRange(entryMark: number, keyMark: number, keyIndex: number): { start: number; end: number } {
    const at = entryMark + (keyIndex - keyMark) * MAP_ENTRY;
    return { start: this.base + this.pending[at]!, end: this.base + this.pending[at + 1]! };
  }

  /** Closes a mapping whose entries were added since the marks; returns where it begins in the table. */
  closeMap(entryMark: number, keyMark: number, start: number, end: number, flow: boolean): number {
    const at = this.close(entryMark, MAP_ENTRY, start, end, flow ? FLOW : 0);
    const keys = this.keys;
    const pendingKeys = this.pendingKeys;
    let count = this.keyCount;
    for (let index = keyMark; index < this.pendingKeyCount; index++) keys[count++] = pendingKeys[index]!;
    this.keyCount = count;
    this.pendingKeyCount = keyMark;
    return at;
  }

  closeSeq(entryMark: number, start: number, end: number, flow: boolean): number {
    return this.close(entryMark, SEQ_ITEM, start, end, SEQUENCE | (flow ? FLOW : 0));
  }

  /** The document's table, with `root` as its top collection (or none when the content is a scalar). */
  finishDocument(root: number): SpanTable | undefined {
    if (root === NO_CHILD) return undefined;
    const keys = this.keys.slice(0, this.keyCount);
    this.forgetKeys();
    return { nodes: this.finishNodes(), keys, root };
  }

  /**
   * Drops the stacks' references to the document's keys (every pending key has moved to `keys` by
   * now), which could be slices of a file's text and keep an edited file's old text alive.
   */
  private forgetKeys(): void {
    const keys = this.keys;
    const pendingKeys = this.pendingKeys;
    // Loops, not fill(): a document has a few dozen keys, fewer than a builtin call costs to set up.
    for (let index = 0; index < this.keyCount; index++) keys[index] = "";
    for (let index = 0; index < this.keyCount && index < pendingKeys.length; index++) pendingKeys[index] = "";
  }

  private close(entryMark: number, stride: number, start: number, end: number, flags: number): number {
    const pending = this.pending;
    const length = this.pendingSize - entryMark;
    const at = this.reserve(HEADER + length);
    const nodes = this.nodes;
    const from = this.origin + at;
    nodes[from] = flags;
    nodes[from + 1] = start - this.base;
    nodes[from + 2] = end - this.base;
    nodes[from + 3] = length / stride;
    nodes[from + 4] = this.keyCount;
    for (let index = 0; index < length; index++) nodes[from + HEADER + index] = pending[entryMark + index]!;
    this.pendingSize = entryMark;
    return at;
  }

  /** Room for `count` more ints of the document; returns where they go, relative to its start. */
  private reserve(count: number): number {
    const at = this.size;
    if (this.origin + at + count > this.nodes.length) this.makeRoom(at + count);
    this.size = at + count;
    return at;
  }

  /**
   * The document outgrew what is left of its slab: it moves to the start of a fresh slab, or to the
   * buffer of large documents once it needs more than a quarter of one.
   */
  private makeRoom(needed: number): void {
    const written = this.nodes.subarray(this.origin, this.origin + this.size);
    if (needed <= SLAB_INTS / 4) {
      this.slab = new Int32Array(SLAB_INTS);
      this.slabUsed = 0;
      this.slab.set(written);
      this.nodes = this.slab;
    } else {
      // `written` may be the old large buffer, outgrown.
      if (needed > this.large.length) this.large = new Int32Array(Math.max(this.large.length * 2, needed, SLAB_INTS));
      this.large.set(written);
      this.nodes = this.large;
    }
    this.origin = 0;
  }

  /**
   * The document's nodes: a view of the slab it was written into, so a document costs no buffer
   * of its own (an ArrayBuffer per document, a hundred thousand for a file of small objects, made
   * V8 track and sweep each one, which tripled the garbage collector's time on such a file) and
   * no copy. A large document gets a buffer of its own at its exact size.
   */
  private finishNodes(): Int32Array {
    const end = this.origin + this.size;
    if (this.nodes !== this.slab) return this.nodes.slice(this.origin, end);
    this.slabUsed = end;
    return this.slab.subarray(this.origin, end);
  }

  private reservePending(count: number): number {
    const at = this.pendingSize;
    if (at + count > this.pending.length) this.pending = grown(this.pending, at, at + count);
    this.pendingSize = at + count;
    return at;
  }
}

/** A buffer of at least `needed` ints holding the first `used` of `buffer`. */
function grown(buffer: Int32Array, used: number, needed: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(Math.max(buffer.length * 2, needed));
  larger.set(buffer.subarray(0, used));
  return larger;
}

let shared: SpanTableWriter | undefined;

/**
 * The writer parses share: parsing is synchronous and every document begins with
 * {@link SpanTableWriter.beginDocument}, so one writer's buffer, grown to the largest document
 * met, serves them all. A writer per file had cost a fresh buffer to fill with zeros per file.
 */
export function sharedSpanTableWriter(): SpanTableWriter {
  shared ??= new SpanTableWriter();
  return shared;
}
