/** Items stringified together: each call of JSON.stringify costs about as much again as a small item. */
const BATCH_SIZE = 64;

/** Stands in the document for a list written item by item; JSON.stringify writes it as `"\u0000name"`. */
export function streamedList(name: string): string {
  return `\u0000${name}`;
}

/**
 * The items of a batch as `JSON.stringify(…, null, 2)` writes them in a list nested `depth` lists
 * deep: the batch is stringified inside as many lists and cut out of them, each item indented to
 * its depth and followed by `,` and a line break but the last.
 */
function batchText(batch: readonly unknown[], depth: number): string {
  let wrapped: unknown = batch;
  for (let level = 1; level < depth; level++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each enclosing list (the batch's own included) opens with "[" and a line break indented as deep as it is.
  let opening = 0;
  for (let level = 0; level < depth; level++) opening += 2 * level + 2;
  return text.slice(opening, text.length - opening);
}

/**
 * `JSON.stringify(document, null, 2)` and a line break, byte for byte, written in pieces: the lists
 * named by {@link streamedList} placeholders (given in the order the document holds them) are made
 * and stringified a batch of items at a time. A report of tens of thousands of findings was one
 * tree of objects and one string of tens of megabytes, all alive at once, and most of the JSON
 * report's time went to collecting them.
 */
export function* jsonPieces(document: unknown, lists: ReadonlyMap<string, Iterable<unknown>>): Generator<string> {
  const skeleton = JSON.stringify(document, null, 2);
  let from = 0;
  for (const [name, items] of lists) {
    const marker = JSON.stringify(streamedList(name));
    const at = skeleton.indexOf(marker, from);
    if (at === -1) throw new Error(`the JSON document has no list "${name}"`);
    const lineStart = skeleton.lastIndexOf("\n", at) + 1;
    let indent = 0;
    while (skeleton.charCodeAt(lineStart + indent) === 32) indent++;
    // Items sit one level deeper than the line that holds the list.
    const depth = indent / 2 + 1;
    let piece = `${skeleton.slice(from, at)}[`;
    let batch: unknown[] = [];
    let written = false;
    for (const item of items) {
      batch.push(item);
      if (batch.length < BATCH_SIZE) continue;
      yield `${piece}${written ? "," : ""}\n${batchText(batch, depth)}`;
      piece = "";
      written = true;
      batch = [];
    }
    if (batch.length > 0) {
      piece += `${written ? "," : ""}\n${batchText(batch, depth)}`;
      written = true;
    }
    yield written ? `${piece}\n${" ".repeat(indent)}]` : `${piece}]`;
    from = at + marker.length;
  }
  yield `${skeleton.slice(from)}\n`;
}

/** The items of a list mapped when they are written, not all made first. */
export function* mapped<T, U>(list: readonly T[], map: (item: T) => U): Generator<U> {
  for (const item of list) yield map(item);
}
