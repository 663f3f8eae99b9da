// `pnpm --filter @kinerja/api bench`: runs every `*.bench.ts` beside this file, one process each, in name
// order, and passes their output through. Each prints its figures as `name: value` lines.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here).filter((name) => name.endsWith(".bench.ts")).sort();
let failed = false;
for (const name of benches) {
  console.log(`# ${name}`);
  const run = spawnSync(process.execPath, ["--import", "tsx", join(here, name)], { stdio: "inherit" });
  if (run.status !== 0) {
    console.error(`${name} failed (exit ${run.status ?? run.signal})`);
    failed = true;
  }
}
if (benches.length === 0) console.log("no benchmarks");
process.exitCode = failed ? 1 : 0;
