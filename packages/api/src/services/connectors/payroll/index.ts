// The TPP payroll sink: a cycle's current results as the sheet a BKD hands its payroll, one row per employee
// with the TPP percentage and its basis (the performance and discipline parts, the days absent without
// leave), in the columns and headers the region's mapping file lays out.
import { tppPercent } from "@kinerja/core";
import { parseJson } from "@kinerja/db";
import { z } from "zod";
import { requireAdmin, visibleEmployees } from "../../access/index.js";
import { findCycle } from "../../cycles/index.js";
import { safeName, tableFile, type Cell, type ExportFormat } from "../../documents/index.js";
import { DomainError } from "../../lib/index.js";
import { resolveRun, runResults } from "../../results/index.js";
import { absenceCounts } from "../attendance/evidence.js";
import { periodRange } from "../attendance/index.js";
import type { SinkConnector } from "../connector.js";
import defaults from "./mapping.json" with { type: "json" };

/** The fields a column may show; `score.<name>` is any score of the result (score.hasil_kerja, score.perilaku…). */
export const PAYROLL_FIELDS = [
  "no",
  "nip",
  "nama",
  "jabatan",
  "unit",
  "unitId",
  "periode",
  "nilai",
  "predikat",
  "tpp_persen",
  "hari_tanpa_keterangan",
  "hari_hadir",
  "hari_cuti",
] as const;

const field = z.union([z.enum(PAYROLL_FIELDS), z.string().regex(/^score(\.[a-z0-9_]+)+$/, { error: `salah satu dari ${PAYROLL_FIELDS.join(", ")}, atau score.<nama>` })]);

export const payrollMapping = z.strictObject({
  sheetName: z.string().trim().min(1).max(31),
  columns: z
    .array(z.strictObject({ header: z.string().trim().min(1).max(100), field, width: z.number().int().min(4).max(80).optional(), text: z.boolean().optional() }))
    .min(1)
    .max(60),
});

export type PayrollMapping = z.infer<typeof payrollMapping>;

const rounded = (n: number | null | undefined): number | null => (typeof n === "number" ? Math.round(n * 100) / 100 : null);

export const payrollConnector: SinkConnector<PayrollMapping> = {
  kind: "sink",
  name: "payroll",
  label: { id: "Penggajian TPP", en: "TPP payroll" },
  description: {
    id: "Berkas TPP bulanan per pegawai: persentase TPP dan dasarnya (nilai kinerja, nilai disiplin, hari tidak masuk tanpa keterangan), dengan kolom menurut templat daerah.",
    en: "A monthly TPP sheet per employee: the TPP percentage and its basis (performance, discipline, days absent without leave), in the region's template columns.",
  },
  mapping: payrollMapping,
  defaultMapping: payrollMapping.parse(defaults),
  secrets: [],
  formats: ["xlsx", "csv"],

  async export(scope, input, mapping) {
    requireAdmin(scope, "mengunduh berkas TPP");
    const { db, regionId } = scope;
    const cycle = await findCycle(db, regionId, input.cycleId);
    const run = await resolveRun(db, regionId, cycle);
    if (!run) throw new DomainError({ code: "PRECONDITION_FAILED", message: "Siklus ini belum dinilai; belum ada persentase TPP untuk diunduh" });
    const results = await runResults(db, regionId, run.id, visibleEmployees(scope))
      .leftJoin("units", (join) => join.onRef("units.region_id", "=", "results.region_id").onRef("units.id", "=", "results.unit_id"))
      .select(["results.employee_id", "results.nip", "results.nama", "results.jabatan", "results.unit_id", "results.score", "results.scores", "results.predikat_label", "results.outcomes", "units.name as unit_name"])
      .orderBy("units.name")
      .orderBy("results.nama")
      .execute();
    const range = periodRange(cycle.period_label);
    const absence = range ? await absenceCounts(db, regionId, range, results.map((r) => r.employee_id)) : new Map();
    const rows = results.map((r, i) => {
      const scores = parseJson<Record<string, number>>(r.scores);
      const counts = absence.get(r.employee_id);
      const values: Record<(typeof PAYROLL_FIELDS)[number], Cell> = {
        no: i + 1,
        nip: r.nip,
        nama: r.nama,
        jabatan: r.jabatan,
        unit: r.unit_name ?? r.unit_id,
        unitId: r.unit_id,
        periode: cycle.period_label,
        nilai: rounded(r.score),
        predikat: r.predikat_label ?? "",
        tpp_persen: tppPercent(parseJson<Array<{ type: string; params: Record<string, unknown> }>>(r.outcomes)),
        hari_tanpa_keterangan: counts?.alpa ?? null,
        hari_hadir: counts?.hadir ?? null,
        hari_cuti: counts?.cuti ?? null,
      };
      return Object.fromEntries(
        mapping.columns.map((c, k) => [`c${k}`, c.field in values ? values[c.field as keyof typeof values] : rounded(scores[c.field])]),
      ) as Record<string, Cell>;
    });
    const file = await tableFile({
      format: input.format as ExportFormat,
      name: safeName(`tpp-${regionId}-${cycle.period_label}`),
      sheetName: mapping.sheetName,
      columns: mapping.columns.map((c, k) => ({ header: c.header, key: `c${k}`, width: c.width ?? 16, ...(c.text ? { text: true } : {}) })),
      rows,
      about: [
        ["Siklus", cycle.name],
        ["Periode", cycle.period_label],
        ["Versi hasil", run.version],
        ["Kode versi aturan", cycle.rule_set_hash],
      ],
    });
    return { ...file, rows: rows.length, period: cycle.period_label };
  },
};
