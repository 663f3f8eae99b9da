// `kinerja evaluate --rules <file> --input <json|jsonl|csv|xlsx> [--explain] [--out <file>]`: one result per
// employee. A bad appraisal is reported with its place and skipped; the others are still written. Input is
// read and output written a batch at a time (inputs.ts, output.ts): per record there is the shape check, the
// appraisal and its line of output, nothing more.
import { AppraisalError, compileRuleSet, renderExplanation, type AppraisalResult } from "@kinerja/core";
import { readInputBatches } from "../inputs.js";
import { csvWriter, jsonLinesWriter, type RecordWriter } from "../output.js";
import { loadUsableRuleFile } from "./shared.js";

export interface EvaluateOptions {
  rules: string;
  input: string;
  out?: string;
  explain: boolean;
  lang: "id" | "en";
}

const CSV_COLUMNS = ["nip", "nama", "unit", "indicatorSet", "score", "score.hasil_kerja", "score.perilaku", "predikat", "predikatLabel", "outcomes"];

function flatten(result: AppraisalResult, nama: string, unit: string): Record<string, unknown> {
  return {
    nip: result.nip,
    nama,
    unit,
    indicatorSet: result.indicatorSet,
    score: result.scores.score,
    "score.hasil_kerja": result.scores["score.hasil_kerja"],
    "score.perilaku": result.scores["score.perilaku"],
    predikat: result.predikat,
    predikatLabel: result.predikatLabel,
    outcomes: result.outcomes.map((o) => o.type).join(";"),
  };
}

export async function evaluate(options: EvaluateOptions, log: (line: string) => void): Promise<number> {
  const loaded = loadUsableRuleFile(options.rules, log);
  if (!loaded) return 1;
  const compiled = compileRuleSet(loaded.ruleSet);
  const asCsv = options.out?.endsWith(".csv") ?? false;
  const textExplanations = options.explain && !options.out;
  const writer: RecordWriter | null = textExplanations
    ? null
    : asCsv
      ? csvWriter(CSV_COLUMNS, options.out)
      : jsonLinesWriter(options.out);
  let done = 0;
  let failed = 0;
  for await (const batch of readInputBatches(options.input)) {
    let text = "";
    for (const { input, problems, where } of batch) {
      if (problems) {
        failed++;
        for (const problem of problems) log(`${where}: ${problem}`);
        continue;
      }
      try {
        const result = compiled.evaluate(input);
        done++;
        if (textExplanations) {
          text += renderExplanation(compiled.explain(input), options.lang) + "\n\n";
        } else if (asCsv) {
          text += writer!.format(flatten(result, input.employee.nama, input.employee.unit));
        } else {
          text += writer!.format(options.explain ? { ...result, explanation: compiled.explain(input) } : { ...result });
        }
      } catch (error) {
        if (!(error instanceof AppraisalError)) throw error;
        failed++;
        log(`${where}: ${error.message}`);
      }
    }
    if (text === "") continue;
    if (writer) await writer.writeText(text);
    else process.stdout.write(text);
  }
  await writer?.close();
  log(`${done} dinilai, ${failed} gagal${options.out ? ` → ${options.out}` : ""}`);
  return failed === 0 ? 0 : 1;
}
