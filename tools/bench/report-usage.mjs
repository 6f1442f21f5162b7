// Preloaded with `node --import` into the measured process: reports its peak memory and CPU time
// at exit. The main thread's CPU time (Linux: from /proc) is the figure to compare on a busy
// machine: other processes' load stretches the wall time but barely moves it.
import { writeSync } from "node:fs";
import { cpuMsOf } from "./proc-cpu.mjs";

process.on("exit", () => {
  const target = process.env.STATELINT_BENCH_FD;
  if (!target) return;
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  writeSync(Number(target), JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs, mainThreadCpuMs: cpuMsOf(process.pid, { mainThread: true }) }) + "\n");
});
