// `pnpm --filter @kinerja/api bench`: runs every `*.bench.ts` beside this file, one process each, in name
// order, and passes their output through. Each prints its figures as `name: value` lines. A bench stands in for
// the server, so it runs with the Node flags the server's `start` script gives it (apps/server/package.json).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const serverScripts = (JSON.parse(readFileSync(join(here, "../../../apps/server/package.json"), "utf8")) as { scripts: { start: string } }).scripts;
/** `tsx --max-semi-space-size=64 src/main.ts`: the flags between tsx and the entry. */
const serverFlags = serverScripts.start.split(/\s+/).filter((word) => word.startsWith("--"));
const benches = readdirSync(here).filter((name) => name.endsWith(".bench.ts")).sort();
let failed = false;
for (const name of benches) {
  console.log(`# ${name}`);
  const run = spawnSync(process.execPath, [...serverFlags, "--import", "tsx", join(here, name)], { stdio: "inherit" });
  if (run.status !== 0) {
    console.error(`${name} failed (exit ${run.status ?? run.signal})`);
    failed = true;
  }
}
if (benches.length === 0) console.log("no benchmarks");
process.exitCode = failed ? 1 : 0;
