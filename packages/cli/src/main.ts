#!/usr/bin/env -S npx tsx
// The `kinerja` command: validate and test rule files, evaluate appraisals, compare rule changes,
// generate demo data, write the rule-file JSON Schema, and back up and restore the SQLite database.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { InputError } from "./csv-columns.js";
import { demo } from "./commands/demo.js";
import { evaluate } from "./commands/evaluate.js";
import { schema } from "./commands/schema.js";
import { simulate } from "./commands/simulate.js";
import { test } from "./commands/test.js";
import { validate } from "./commands/validate.js";

const RULES_DIR = resolve(import.meta.dirname, "../../../rules");

const USAGE = `kinerja <perintah> [opsi]

  validate <berkas…>                       periksa berkas aturan (keluar 0 bila sah, 1 bila ada kesalahan)
  test <berkas…>                           jalankan kasus uji yang tertanam di berkas aturan
  evaluate --rules <berkas> --input <data> [--explain] [--lang id|en] [--out <berkas>]
                                           nilai setiap pegawai (data: .json, .jsonl, .csv atau .xlsx)
  simulate --from <lama.json> --to <baru.json> --input <data> [--out <laporan.json>]
                                           bandingkan dua versi aturan pada data yang sama
  demo --region <id> --size <n> --seed <s> [--year <tahun>] [--out <berkas.jsonl|.csv>]
                                           buat data penilaian demo yang deterministik
  schema [--out <berkas>]                  tulis JSON Schema berkas aturan
  backup <berkas>                          cadangkan basis data SQLite (DATABASE_URL atau data/kinerja.db),
                                           juga selagi server berjalan
  restore <berkas>                         pulihkan basis data SQLite dari cadangan (hentikan server dulu);
                                           basis data lama disimpan di sampingnya
`;

const log = (line: string): void => {
  process.stderr.write(line + "\n");
};

function required(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

function wholeNumber(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`--${name}: "${value}" is not a whole number`);
  return n;
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      rules: { type: "string" },
      input: { type: "string" },
      out: { type: "string" },
      explain: { type: "boolean", default: false },
      lang: { type: "string", default: "id" },
      from: { type: "string" },
      to: { type: "string" },
      region: { type: "string" },
      size: { type: "string" },
      seed: { type: "string" },
      year: { type: "string" },
      "rules-dir": { type: "string" },
    },
  });
  switch (command) {
    case "validate":
      if (positionals.length === 0) throw new UsageError("validate needs at least one rule file");
      return validate(positionals, log);
    case "test":
      if (positionals.length === 0) throw new UsageError("test needs at least one rule file");
      return test(positionals, log);
    case "evaluate": {
      const lang = values.lang === "en" ? "en" : "id";
      return evaluate(
        { rules: required(values.rules, "rules"), input: required(values.input, "input"), explain: values.explain, lang, ...(values.out ? { out: values.out } : {}) },
        log,
      );
    }
    case "simulate":
      return simulate(
        { from: required(values.from, "from"), to: required(values.to, "to"), input: required(values.input, "input"), ...(values.out ? { out: values.out } : {}) },
        log,
      );
    case "demo":
      return demo(
        {
          region: required(values.region, "region"),
          size: wholeNumber(values.size, "size"),
          seed: wholeNumber(values.seed, "seed", 1),
          year: wholeNumber(values.year, "year", 2025),
          rulesDir: values["rules-dir"] ?? RULES_DIR,
          ...(values.out ? { out: values.out } : {}),
        },
        log,
      );
    case "schema":
      return schema(values.out ?? resolve(RULES_DIR, "ruleset.schema.json"), log);
    case "backup":
      if (positionals.length !== 1) throw new UsageError("backup needs exactly one file to write");
      // The database driver is loaded only for the commands that use it, not with every evaluate.
      return (await import("./commands/backup.js")).backup(positionals[0] as string, log);
    case "restore":
      if (positionals.length !== 1) throw new UsageError("restore needs exactly one backup file");
      return (await import("./commands/backup.js")).restore(positionals[0] as string, log);
    case undefined:
    case "help":
    case "--help":
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof InputError || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      log(`kinerja: ${(error as Error).message}`);
      if (error instanceof UsageError) process.stderr.write("\n" + USAGE);
      process.exitCode = 2;
      return;
    }
    throw error;
  },
);
