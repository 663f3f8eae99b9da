// Loaded with `node --import` into each process the CLI bench runs: at exit, the process's CPU time and peak
// resident memory as one line on stderr, for the bench to read.
import { writeSync } from "node:fs";

process.on("exit", () => {
  const usage = process.resourceUsage();
  const line = JSON.stringify({ cpuMicros: usage.userCPUTime + usage.systemCPUTime, maxRssKb: usage.maxRSS });
  writeSync(2, `kinerja-bench-usage ${line}\n`);
});
