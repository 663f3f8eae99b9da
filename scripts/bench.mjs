// `pnpm bench`: the engine's and the evaluator's ratios (core), the portal's initial JavaScript (admin) and the
// server's figures (api), each printed as `name: value` lines. `pnpm bench --quick` runs the same benches on
// small sizes and few rounds, in a couple of minutes: it proves every bench runs, its figures are not the ones
// to quote (`.ci/run` runs it and judges no number).
import { spawnSync } from "node:child_process";

const quick = process.argv.includes("--quick");
const unknown = process.argv.slice(2).filter((arg) => arg !== "--quick");
if (unknown.length > 0) {
  console.error(`pnpm bench: unknown option ${unknown.join(" ")}; expected nothing or --quick`);
  process.exit(2);
}

/** The sizes a quick run uses; a variable already set in the environment wins. */
const QUICK = {
  KINERJA_BENCH_QUICK: "1",
  KINERJA_BENCH_ACCOUNTS: "2000",
  KINERJA_BENCH_NOTIFICATIONS: "2000",
  KINERJA_BENCH_PEERS: "2000",
  KINERJA_BENCH_RESULTS: "5000",
  KINERJA_BENCH_SECONDS: "2",
  KINERJA_BENCH_CYCLE_SQLITE: "2000",
  KINERJA_BENCH_CYCLE_POSTGRES: "2000",
  KINERJA_BENCH_QUEUE_SIZE: "2000",
  KINERJA_BENCH_IMPORT: "5000",
  KINERJA_BENCH_CLI_EVALUATE: "20000",
};
const env = quick ? { ...QUICK, ...process.env } : process.env;
if (quick) {
  console.log("# pnpm bench --quick: small sizes and few rounds; the names keep their full-size labels (50k, 100k),");
  console.log("# and the figures show only that each bench runs: quote the ones of `pnpm bench`.");
}

for (const pkg of ["@kinerja/core", "@kinerja/admin", "@kinerja/api", "@kinerja/cli"]) {
  const run = spawnSync("pnpm", ["--filter", pkg, "bench"], { stdio: "inherit", env });
  if (run.status !== 0) {
    console.error(`pnpm bench: ${pkg} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
}
