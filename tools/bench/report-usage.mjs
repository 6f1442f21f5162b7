// Preloaded with `node --import` into the measured process: reports its peak memory at exit.
import { writeSync } from "node:fs";

process.on("exit", () => {
  const target = process.env.STATELINT_BENCH_FD;
  if (!target) return;
  writeSync(Number(target), JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }) + "\n");
});
