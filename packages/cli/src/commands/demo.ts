// `kinerja demo --region <id> --size <n> --seed <s> [--out <file>]`: deterministic demo appraisals for a
// region, streamed as JSON Lines (or CSV for a .csv file) with flat memory at any size.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEMO_MAX_SIZE, demoProfileSchema, generateDemo } from "@kinerja/core";
import { csvColumns, inputToRow } from "../csv-columns.js";
import { csvWriter, jsonLinesWriter } from "../output.js";
import { loadUsableRuleFile } from "./shared.js";

export interface DemoCommandOptions {
  region: string;
  size: number;
  seed: number;
  year: number;
  out?: string;
  rulesDir: string;
}

export async function demo(options: DemoCommandOptions, log: (line: string) => void): Promise<number> {
  if (!Number.isInteger(options.size) || options.size < 10 || options.size > DEMO_MAX_SIZE) {
    log(`--size: ${options.size} is out of range, expected a whole number from 10 to ${DEMO_MAX_SIZE}`);
    return 2;
  }
  const loaded = loadUsableRuleFile(join(options.rulesDir, `${options.region}.json`), log);
  if (!loaded) return 1;
  const profilePath = join(options.rulesDir, "demo", `${options.region}.json`);
  let profileJson: unknown;
  try {
    profileJson = JSON.parse(readFileSync(profilePath, "utf8"));
  } catch (error) {
    log(`${profilePath}: ${(error as Error).message}; expected the region's demo profile`);
    return 1;
  }
  const profile = demoProfileSchema.parse(profileJson);
  const asCsv = options.out?.endsWith(".csv") ?? false;
  const writer = asCsv ? csvWriter(csvColumns(loaded.ruleSet), options.out) : jsonLinesWriter(options.out);
  let written = 0;
  for (const input of generateDemo(loaded.ruleSet, profile, options)) {
    await writer.write(asCsv ? inputToRow(input) : { ...input });
    written++;
    if (options.out && written % 100_000 === 0) log(`${written} / ${options.size}`);
  }
  await writer.close();
  if (options.out) log(`${written} penilaian demo ${profile.region.name} → ${options.out}`);
  return 0;
}
