/** What the cache holds for a derivation that gave `undefined`: one shared marker, so a hit is one lookup. */
const NOTHING: unique symbol = Symbol("nothing derived");

/**
 * Derives a value from an object once and hands the same value to every later caller: rules ask
 * for the same pod template, containers and StatefulSet view of one object dozens of times.
 * Keyed weakly, so a view lives exactly as long as its object. Parsed objects are never mutated,
 * and callers must not mutate what they get.
 */
export function derivedOnce<K extends object, V>(derive: (key: K) => V): (key: K) => V {
  // Values are kept bare, not boxed: a box per object and view was a large run's largest kind of
  // object. Most objects have no pod template or StatefulSet view: `undefined` is kept as a marker.
  const cache = new WeakMap<K, V | typeof NOTHING>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return (hit === NOTHING ? undefined : hit) as V;
    const value = derive(key);
    cache.set(key, value === undefined ? NOTHING : value);
    return value;
  };
}

/**
 * What keeps the values derived from it: parsed objects and their pod templates,
 * which rules ask about hundreds of thousands of times in a large run. One slot per derivation.
 */
export interface KeepsDerived {
  /** Slots of `derivedInPlace`, filled on first use; never read otherwise. */
  readonly derived: unknown[];
}

let slotsInUse = 0;

/** What a new key's slots are copied from: every slot written, so the copies hold any value as they are. */
let emptySlots: unknown[] = [];

/**
 * The slots of a new key, one per derivation defined so far (modules define theirs when loaded,
 * before anything is parsed): sized once, rather than grown with room to spare on first use.
 * Copied from slots that already hold `undefined`: an array made by `new Array(size)` can hold
 * small integers only, and changed its kind on the first value derived, one slow store per key.
 */
export function derivedSlots(): unknown[] {
  if (emptySlots.length !== slotsInUse) emptySlots = Array.from({ length: slotsInUse }, () => undefined);
  return emptySlots.slice();
}

/**
 * `derivedOnce` for keys that keep their derived values themselves: a slot of the key rather than
 * a WeakMap entry, so a lookup is an indexed load instead of a hash-table probe, and the collector
 * traces plain references instead of ephemerons.
 */
export function derivedInPlace<K extends KeepsDerived, V>(derive: (key: K) => V): (key: K) => V {
  const slot = slotsInUse++;
  return (key) => {
    const slots = key.derived;
    const hit = slots[slot];
    if (hit !== undefined) return (hit === NOTHING ? undefined : hit) as V;
    const value = derive(key);
    slots[slot] = value === undefined ? NOTHING : value;
    return value;
  };
}
