import type { CST } from "yaml";

/** How deep a document's collections nest, and where the first one beyond the limit starts. */
export interface Nesting {
  readonly depth: number;
  /** Offset of the first collection deeper than the limit; -1 when none is. */
  readonly beyondLimitAt: number;
}

function isCollection(token: CST.Token | null | undefined): token is CST.BlockMap | CST.BlockSequence | CST.FlowCollection {
  return token?.type === "block-map" || token?.type === "block-seq" || token?.type === "flow-collection";
}

/**
 * Measures the nesting of a parsed (CST) document without recursion, so a hostile file cannot
 * overflow the stack here; the composer and everything after it recurse once per level.
 */
export function nestingOf(document: CST.Document, limit: number): Nesting {
  let depth = 0;
  let beyondLimitAt = -1;
  const pending: (CST.Token | null | undefined)[] = [document.value];
  const depths: number[] = [1];
  while (pending.length > 0) {
    const token = pending.pop();
    const level = depths.pop()!;
    if (!isCollection(token)) continue;
    if (level > depth) depth = level;
    if (level === limit + 1 && (beyondLimitAt === -1 || token.offset < beyondLimitAt)) beyondLimitAt = token.offset;
    for (const item of token.items) {
      if (isCollection(item.key)) {
        pending.push(item.key);
        depths.push(level + 1);
      }
      if (isCollection(item.value)) {
        pending.push(item.value);
        depths.push(level + 1);
      }
    }
  }
  return { depth, beyondLimitAt };
}
