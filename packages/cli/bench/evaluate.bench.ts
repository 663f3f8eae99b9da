// `kinerja evaluate` on a million appraisals against a bare script doing the same work (bare-evaluate.ts):
// Samarinda's demo appraisals as JSON Lines in, one result line each out. Each run is its own process, as a
// user runs it; the two take turns over 3 rounds, and the ratio is of the median CPU time (user + system), the
// figure least moved by other work on the machine. Wall seconds and peak RSS are printed beside it. The
// outputs are compared byte for byte before anything is printed.
// KINERJA_BENCH_CLI_EVALUATE sets the count (`pnpm bench --quick` uses a small one; the names keep "1m").
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { demoProfileSchema, generateDemo } from "@kinerja/core";
import { loadRuleFile } from "../src/rule-files.js";

const here = dirname(fileURLToPath(import.meta.url));
const RULES_DIR = resolve(here, "../../../rules");
const RULE_FILE = join(RULES_DIR, "samarinda.json");
const COUNT = Number(process.env.KINERJA_BENCH_CLI_EVALUATE ?? 1_000_000);
const ROUNDS = 3;

interface Run {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

async function writeDemo(path: string): Promise<void> {
  const profile = demoProfileSchema.parse(JSON.parse(readFileSync(join(RULES_DIR, "demo", "samarinda.json"), "utf8")));
  const out = createWriteStream(path);
  let text = "";
  for (const input of generateDemo(loadRuleFile(RULE_FILE).ruleSet, profile, { size: COUNT, seed: 20251, year: 2025 })) {
    text += JSON.stringify(input) + "\n";
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, "drain");
      text = "";
    }
  }
  out.end(text);
  await once(out, "finish");
}

async function run(args: string[]): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "--import", join(here, "usage.ts"), ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  const usage = /kinerja-bench-usage (\{.*\})/.exec(stderr);
  if (code !== 0 || !usage) throw new Error(`${args.join(" ")} failed (exit ${code}):\n${stderr.slice(-2000)}`);
  const { cpuMicros, maxRssKb } = JSON.parse(usage[1]!) as { cpuMicros: number; maxRssKb: number };
  return { seconds, cpuSeconds: cpuMicros / 1e6, peakRssMb: maxRssKb / 1024 };
}

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fixed = (n: number, digits = 2) => n.toFixed(digits);

const dir = mkdtempSync(join(tmpdir(), "kinerja-cli-bench-"));
try {
  const input = join(dir, "input.jsonl");
  await writeDemo(input);
  const cliOut = join(dir, "cli.jsonl");
  const bareOut = join(dir, "bare.jsonl");
  const cli: Run[] = [];
  const bare: Run[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await run([join(here, "bare-evaluate.ts"), RULE_FILE, input, bareOut]));
    cli.push(await run([resolve(here, "../src/main.ts"), "evaluate", "--rules", RULE_FILE, "--input", input, "--out", cliOut]));
    if ((await sha256(cliOut)) !== (await sha256(bareOut))) throw new Error("kinerja evaluate and the bare script wrote different output");
  }
  const cpu = median(cli.map((r) => r.cpuSeconds));
  const bareCpu = median(bare.map((r) => r.cpuSeconds));
  console.log(`cli.evaluate_1m.records: ${COUNT}`);
  console.log(`cli.evaluate_1m.slowdown_vs_bare: ${fixed(cpu / bareCpu)} (CPU ${fixed(cpu)} s vs ${fixed(bareCpu)} s)`);
  console.log(`cli.evaluate_1m.seconds: ${fixed(median(cli.map((r) => r.seconds)))} (bare ${fixed(median(bare.map((r) => r.seconds)))})`);
  console.log(`cli.evaluate_1m.peak_rss_mb: ${fixed(Math.max(...cli.map((r) => r.peakRssMb)), 0)} (bare ${fixed(Math.max(...bare.map((r) => r.peakRssMb)), 0)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
