// CPU time from Linux's /proc: the figure to compare on a busy machine, since other processes'
// load stretches the wall time but barely moves it.

import { readFileSync } from "node:fs";

/** USER_HZ: /proc counts CPU time in ticks of 10 ms. */
const TICK_MS = 10;

/**
 * A process's CPU time so far (user and system), of the whole process or of its main thread alone
 * (without GC helpers and the JIT's background compiles); undefined where there is no /proc.
 */
export function cpuMsOf(pid, { mainThread = false } = {}) {
  try {
    const fields = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}
