// Importing results from before Kinerja: a sheet of NIP, year and predikat (history-sheet.ts) checked as a
// whole against the region's employees and the predikat of its published rules, then written in one
// transaction, or not at all. A year imported again replaces the earlier import of that year. An appraisal
// reads these years only where no finalised cycle of the region covers them (assessment/history.ts).
import { NATIONAL_PREDIKAT, NATIONAL_PREDIKAT_LABELS, predikatChoices } from "@kinerja/core";
import { now, parseJson } from "@kinerja/db";
import { findEmployee, type Scope } from "../access/index.js";
import { audit, runInWorker, todayInIndonesia, type WorkerBudget } from "../lib/index.js";
import { compileContent, latestPublished, ruleSetFile } from "../rules/index.js";
import type { ImportFormat, ImportRowError } from "./employee-sheet.js";
import type { parseHistorySheet } from "./history-sheet.js";

export type HistoryImportResult = { ok: true; rows: number; imported: number } | { ok: false; rows: number; errors: ImportRowError[] };

const SHEET_READ: WorkerBudget = { timeoutMs: 120_000, maxMemoryMb: 1024, what: "Pembacaan berkas riwayat predikat" };
/** Rows per insert: 6 values each, far within SQLite's 32,766 parameters. */
const INSERT_CHUNK = 500;

export interface ImportedHistoryEntry {
  year: number;
  predikat: string;
  importedBy: string;
  importedAt: string;
}

/** The predikat a sheet may name: those of the region's published rules, else the national ones. */
async function regionPredikat(scope: Scope): Promise<Array<{ id: string; label: string }>> {
  const published = await latestPublished(scope.db, scope.regionId);
  if (!published) return NATIONAL_PREDIKAT.map((id) => ({ id, label: NATIONAL_PREDIKAT_LABELS[id].id }));
  return predikatChoices(compileContent(parseJson(published.content), ruleSetFile(scope.regionId, published.version)).ruleSet);
}

export async function importHistory(scope: Scope, input: { format: ImportFormat; content: string }): Promise<HistoryImportResult> {
  const { db, regionId, actor } = scope;
  const employees = new Map(
    (await db.selectFrom("employees").select(["id", "nip"]).where("region_id", "=", regionId).execute()).map((e) => [e.nip, e.id]),
  );
  const bytes = input.format === "csv" ? Buffer.from(input.content, "utf8") : Buffer.from(input.content, "base64");
  const sheet = await runInWorker<typeof parseHistorySheet>(
    new URL("./history-sheet.ts", import.meta.url),
    "parseHistorySheet",
    [input.format, bytes, { employees, predikat: await regionPredikat(scope), currentYear: Number(todayInIndonesia().slice(0, 4)) }],
    SHEET_READ,
  );
  if (sheet.errors.length > 0) return { ok: false, rows: sheet.rows, errors: sheet.errors };

  await db.transaction().execute(async (trx) => {
    const at = now();
    const rows = sheet.entries.map((e) => ({ region_id: regionId, employee_id: e.employeeId, year: e.year, predikat: e.predikat, imported_by: actor.name, imported_at: at }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await trx
        .insertInto("imported_history")
        .values(rows.slice(i, i + INSERT_CHUNK))
        .onConflict((oc) =>
          oc.columns(["region_id", "employee_id", "year"]).doUpdateSet((eb) => ({
            predikat: eb.ref("excluded.predikat"),
            imported_by: eb.ref("excluded.imported_by"),
            imported_at: eb.ref("excluded.imported_at"),
          })),
        )
        .execute();
    }
    await audit(trx, { regionId, actor, action: "history.import", entity: "employee", entityId: "*", after: { format: input.format, rows: rows.length } });
  });
  return { ok: true, rows: sheet.rows, imported: sheet.entries.length };
}

/** An employee's imported years, oldest first. */
export async function importedHistoryOf(scope: Scope, employeeId: string): Promise<ImportedHistoryEntry[]> {
  await findEmployee(scope.db, scope.regionId, employeeId);
  const rows = await scope.db
    .selectFrom("imported_history")
    .select(["year", "predikat", "imported_by", "imported_at"])
    .where("region_id", "=", scope.regionId)
    .where("employee_id", "=", employeeId)
    .orderBy("year")
    .execute();
  return rows.map((r) => ({ year: r.year, predikat: r.predikat, importedBy: r.imported_by, importedAt: r.imported_at }));
}
