import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { userSetV8Flag } from "./v8-flags.js";

/** Both semi-spaces together: V8 starts them at 1 MiB each and doubles them up to 16 MiB each. */
const YOUNG_GENERATION_CAP_BYTES = 8 * 1024 * 1024;
const STOP_GROWING = "--semi-space-growth-factor=1";
const V8_DEFAULT = "--semi-space-growth-factor=2";

/** Watching until the cap is reached; then stopped, or left alone when the user sized it. */
let state: "watching" | "stopped" | "user-sized" = "watching";

/** Set once the heap has outgrown the cap: `process.memoryUsage()` also measures RSS, ~15 us a call. */
let heapOutgrewCap = false;

function youngGenerationBytes(): number {
  // The young generation is part of the heap: while the whole heap is smaller than the cap, so is
  // the young generation, which a run on a few files thus learns without loading node:v8.
  if (!heapOutgrewCap) {
    if (process.memoryUsage().heapTotal < YOUNG_GENERATION_CAP_BYTES) return 0;
    heapOutgrewCap = true;
  }
  for (const space of getHeapSpaceStatistics()) if (space.space_name === "new_space") return space.space_size;
  return 0;
}

/**
 * Called between files while a run reads and parses them: once V8's young generation has grown to 4 MiB a
 * semi-space, it stays there. Almost everything a lint allocates (parsed values, positions, views,
 * findings) lives until the report, so a larger young generation does not save collections; it
 * only copies the same survivors through more space before they are promoted, and raises the peak.
 * On the bench corpus: peak RSS 182 → 151 MiB for the same CPU time (`npm run bench`). Starting
 * smaller than 4 MiB costs time (the starting 1 MiB: +12% on the corpus). `--max-semi-space-size`
 * would say this directly, but V8 reads it only at start-up, from the command line.
 */
export function limitYoungGeneration(): void {
  if (state !== "watching" || youngGenerationBytes() < YOUNG_GENERATION_CAP_BYTES) return;
  if (userSetV8Flag(/--(?:max|min)-semi-space-size|--semi-space-growth-factor/)) {
    state = "user-sized";
    return;
  }
  setFlagsFromString(STOP_GROWING);
  state = "stopped";
}

/**
 * Puts V8's default back before the process writes its code cache: V8 tags the cache with a hash of
 * its flags, and a cache made under changed flags would be rejected by every later run.
 */
export function restoreYoungGeneration(): void {
  if (state !== "stopped") return;
  setFlagsFromString(V8_DEFAULT);
  state = "watching";
}
