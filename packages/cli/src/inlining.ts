import { setFlagsFromString } from "node:v8";
import { userSetV8Flag } from "./v8-flags.js";

/**
 * From about this many objects on, the rules and the schema run often enough for TurboFan's
 * inlining to pay for itself (`npm run bench`, and the corpus copied twice: 20,000 objects broke
 * even; 100,000 ConfigMaps in one file took 10% longer without inlining).
 */
const INLINING_PAYS_FROM_OBJECTS = 20_000;

let state: "default" | "off" | "user-set" = "default";

/**
 * Called once a run's files are parsed, before the rules run: on fewer objects than pay for it,
 * V8 optimizes what runs next without inlining. After parsing, a run goes through some 200
 * functions (the rules, the model's views, the schema, the report), each hot enough for TurboFan
 * but run only a few thousand times. Compiling them with everything they call inlined cost about
 * 1.1 s of CPU on the 10,000-object corpus, against 1.5 s for the main thread's own work, and on
 * a 2-core machine that compiling competes with the main thread. Without inlining (15 alternating
 * runs each): wall 2.00 → 1.70 s, main thread 1.55 → 1.51 s, process CPU 3.10 → 2.51 s. The
 * parser, which runs on every byte, has been optimized with inlining by then, and keeps it.
 */
export function limitInlining(objects: number): void {
  if (state !== "default" || objects >= INLINING_PAYS_FROM_OBJECTS) return;
  if (userSetV8Flag(/--(?:no-)?turbo[-_]inlining|--max[-_]inlined[-_]bytecode[-_]size/)) {
    state = "user-set";
    return;
  }
  setFlagsFromString("--no-turbo-inlining");
  state = "off";
}

/**
 * Puts V8's default back before the process writes its code cache: V8 tags the cache with a hash
 * of its flags, and a cache made under changed flags would be rejected by every later run.
 */
export function restoreInlining(): void {
  if (state !== "off") return;
  setFlagsFromString("--turbo-inlining");
  state = "default";
}
