// `kinerja simulate --from <old.json> --to <new.json> --input <data>`: what a rule change would do to
// the same appraisals — predikat counts before and after, who moves and why, outcomes gained or lost.
import { writeFileSync } from "node:fs";
import { compileRuleSet, simulate as simulateRuleChange, type AppraisalInput, type SimulationReport } from "@kinerja/core";
import { readInputs } from "../inputs.js";
import { loadUsableRuleFile } from "./shared.js";

export interface SimulateOptions {
  from: string;
  to: string;
  input: string;
  out?: string;
}

function show(value: unknown): string {
  return typeof value === "number" ? value.toFixed(2) : JSON.stringify(value);
}

export function formatReport(report: SimulationReport): string[] {
  const lines = [`${report.total} penilaian`, "", "predikat            sebelum  sesudah  selisih"];
  for (const key of new Set([...Object.keys(report.before), ...Object.keys(report.after)])) {
    const before = report.before[key] ?? 0;
    const after = report.after[key] ?? 0;
    const diff = after - before;
    lines.push(`${key.padEnd(20)}${String(before).padStart(7)}  ${String(after).padStart(7)}  ${(diff > 0 ? "+" : "") + diff}`);
  }
  lines.push("", `${report.moves.length} pegawai berpindah predikat:`);
  for (const move of report.moves) {
    const why = move.because ? `${move.because.step}: ${show(move.because.before)} → ${show(move.because.after)}` : "";
    lines.push(`  ${move.nip} ${move.nama} (${move.unit}): ${move.from} → ${move.to}  [${why}]`);
  }
  lines.push("", `${report.outcomes.length} pegawai dengan tindak lanjut berubah:`);
  for (const change of report.outcomes) {
    const parts = [...change.gained.map((g) => `+${g}`), ...change.lost.map((l) => `-${l}`)];
    lines.push(`  ${change.nip}: ${parts.join(", ")}`);
  }
  for (const error of report.errors) lines.push(`  ! ${error.side}: ${error.message}`);
  return lines;
}

export async function simulate(options: SimulateOptions, log: (line: string) => void): Promise<number> {
  const from = loadUsableRuleFile(options.from, log);
  const to = loadUsableRuleFile(options.to, log);
  if (!from || !to) return 1;
  const inputs: AppraisalInput[] = [];
  let refused = 0;
  for await (const { input, problems, where } of readInputs(options.input)) {
    if (input) inputs.push(input);
    else {
      refused++;
      for (const problem of problems) log(`${where}: ${problem}`);
    }
  }
  // A comparison over part of the people would read as the whole: nothing is compared until every record is good.
  if (refused > 0) {
    log(`${refused} data penilaian tidak sesuai bentuknya; perbaiki lalu jalankan lagi`);
    return 1;
  }
  const report = simulateRuleChange(compileRuleSet(from.ruleSet), compileRuleSet(to.ruleSet), inputs);
  for (const line of formatReport(report)) process.stdout.write(line + "\n");
  if (options.out) writeFileSync(options.out, JSON.stringify(report, null, 2) + "\n");
  return 0;
}
