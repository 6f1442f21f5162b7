// Preloaded with `node --import` into the measured process: reports its peak memory and CPU time
// at exit. The main thread's CPU time (Linux: from /proc) is the figure to compare on a busy
// machine: other processes' load stretches the wall time but barely moves it.
import { readFileSync, writeSync } from "node:fs";

/** USER_HZ: /proc counts CPU time in ticks of 10 ms. */
const TICK_MS = 10;

function mainThreadCpuMs() {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

process.on("exit", () => {
  const target = process.env.STATELINT_BENCH_FD;
  if (!target) return;
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  writeSync(Number(target), JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs, mainThreadCpuMs: mainThreadCpuMs() }) + "\n");
});
