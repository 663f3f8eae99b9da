// The work-log (catatan kerja) source: a weekly or monthly recap of work, CSV or XLSX, each row an employee's
// NIP, a day, the IKI of their approved SKP the work counts towards (its text as the SKP writes it), what was
// done and how much. Every row is checked against the region before anything is written: the NIP, the day
// (in the recap's period, not in the future), an approved SKP of an open cycle covering the day, the IKI
// among that SKP's rows (and its unit, when the recap has one), the quantity. A good recap becomes work
// entries awaiting the assessor's confirmation, exactly as entries typed in the portal are; a row already
// stored (same employee, IKI, day, description and quantity) is skipped, so importing a recap again adds
// nothing twice.
import { newId, now, type CycleRow } from "@kinerja/db";
import { cycleUnitIds } from "../../cycles/index.js";
import { DomainError, todayInIndonesia } from "../../lib/index.js";
import { notify } from "../../notifications/index.js";
import { periodDates } from "../../rules/index.js";
import type { RowProblem, SourceConnector } from "../connector.js";
import { defaultWorklogMapping, worklogMapping, type WorklogMapping } from "./mapping.js";
import { readRecap, recapTemplate, type RecapRow } from "./read.js";

export { defaultWorklogMapping, type WorklogMapping } from "./mapping.js";

export interface WorklogPlan {
  entries: Array<{ cycle_id: string; employee_id: string; plan_id: string; iki_id: string; work_date: string; description: string; quantity: number }>;
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A recap's period: a month (2025-01) or an ISO week (2025-W02, Monday to Sunday). */
export function recapPeriod(label: string): { from: string; to: string } | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    return { from: `${y}-${pad(m)}-01`, to: iso(Date.UTC(y, m, 0)) };
  }
  const week = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!week) return null;
  const [y, w] = [Number(week[1]), Number(week[2])];
  // ISO week 1 holds 4 January; its Monday starts the week-year.
  const jan4 = Date.UTC(y, 0, 4);
  const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
  const weeks = new Date(Date.UTC(y, 11, 28)).getUTCDay() === 4 || new Date(Date.UTC(y, 0, 1)).getUTCDay() === 4 ? 53 : 52;
  if (w < 1 || w > weeks) return null;
  const from = monday1 + (w - 1) * 7 * 86_400_000;
  return { from: iso(from), to: iso(from + 6 * 86_400_000) };
}

function realDay(day: string): boolean {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && iso(t) === day;
}

/** A date typed in the mapping's format, or as YYYY-MM-DD (a spreadsheet's date cell), as YYYY-MM-DD; or null. */
function dayOf(text: string, format: WorklogMapping["dateFormat"]): string | null {
  const isoMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (isoMatch) return realDay(text) ? text : null;
  const m = format === "DD/MM/YYYY" ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text) : format === "DD-MM-YYYY" ? /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text) : null;
  if (!m) return null;
  const day = `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
  return realDay(day) ? day : null;
}

/** A quantity: digits with one decimal comma or point, no thousands separator; or a reason it is not one. */
function quantityOf(row: RecapRow): number | string {
  const text = row.cells.quantity;
  if (text === "") return "jumlah kosong";
  if (row.numericQuantity) {
    const n = Number(text);
    return Number.isFinite(n) && n >= 0 ? n : "jumlah negatif";
  }
  if (/^\d{1,3}\.\d{3}$/.test(text)) return "titik di sini bisa berarti ribuan atau desimal";
  if (!/^\d{1,12}([.,]\d{1,6})?$/.test(text)) return text.startsWith("-") ? "jumlah negatif" : "bukan angka";
  return Number(text.replace(",", "."));
}

const normal = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

interface PlanIki {
  id: string;
  text: string;
  satuan: string;
}

interface CoveringPlan {
  cycle: CycleRow;
  planId: string;
  status: string;
  ikis: PlanIki[];
}

const PLAN_STATUS: Record<string, string> = { draft: "draf", submitted: "diajukan", revision: "perlu revisi", approved: "disetujui", rejected: "ditolak" };

function listed(items: string[], max = 8): string {
  return items.length > max ? `${items.slice(0, max).join("; ")}; … (${items.length} seluruhnya)` : items.join("; ");
}

export const worklogConnector: SourceConnector<WorklogMapping, WorklogPlan> = {
  kind: "source",
  name: "worklogs",
  label: { id: "Catatan kerja massal (rekap mingguan/bulanan)", en: "Work logs in bulk (weekly or monthly recaps)" },
  description: {
    id: "Mengimpor rekap catatan kerja (XLSX atau CSV) per minggu atau per bulan: setiap baris dicocokkan dengan IKI pada SKP pegawai yang sudah disetujui, lalu menjadi catatan kerja yang menunggu konfirmasi pejabat penilai.",
    en: "Imports weekly or monthly recaps of work (XLSX or CSV): each row is matched to an IKI of the employee's approved SKP and becomes a work entry awaiting the assessor's confirmation.",
  },
  mapping: worklogMapping,
  defaultMapping: defaultWorklogMapping,
  secrets: [],
  formats: ["xlsx", "csv"],
  template: recapTemplate,

  async read(db, regionId, input, mapping) {
    const range = recapPeriod(input.period);
    if (!range) throw new DomainError({ code: "BAD_REQUEST", message: `Periode rekap "${input.period}" tidak dikenal; gunakan bulan (2025-01) atau minggu ISO (2025-W02)` });
    const recap = await readRecap(input.format, input.bytes, mapping);
    const problems: RowProblem[] = [...recap.problems];
    const col = mapping.columns;
    const today = todayInIndonesia();

    const nips = [...new Set(recap.rows.map((r) => r.cells.nip).filter((n) => n !== ""))];
    const employees = new Map<string, { id: string; nama: string; unit_id: string; atasan_nip: string | null }>();
    for (let i = 0; i < nips.length; i += 500) {
      const found = await db.selectFrom("employees").select(["id", "nip", "nama", "unit_id", "atasan_nip"]).where("region_id", "=", regionId).where("nip", "in", nips.slice(i, i + 500)).execute();
      for (const e of found) employees.set(e.nip, e);
    }
    // The cycles work may be logged in (open, not final), with the days they cover.
    const cycles = (await db.selectFrom("cycles").selectAll().where("region_id", "=", regionId).where("status", "not in", ["draft", "finalised"]).execute()).map((cycle) => ({
      cycle,
      ...periodDates(cycle.period_kind, cycle.period_label),
    }));
    const employeeIds = [...employees.values()].map((e) => e.id);
    const plans = new Map<string, CoveringPlan[]>();
    if (cycles.length > 0) {
      for (let i = 0; i < employeeIds.length; i += 500) {
        const rows = await db
          .selectFrom("plans")
          .select(["id", "cycle_id", "employee_id", "status"])
          .where("region_id", "=", regionId)
          .where("cycle_id", "in", cycles.map((c) => c.cycle.id))
          .where("employee_id", "in", employeeIds.slice(i, i + 500))
          .execute();
        const ikis = rows.length === 0 ? [] : await db.selectFrom("plan_iki").select(["id", "plan_id", "text", "satuan"]).where("region_id", "=", regionId).where("plan_id", "in", rows.map((p) => p.id)).orderBy("position").execute();
        for (const p of rows) {
          const cycle = cycles.find((c) => c.cycle.id === p.cycle_id)!.cycle;
          const own = plans.get(p.employee_id) ?? [];
          own.push({ cycle, planId: p.id, status: p.status, ikis: ikis.filter((k) => k.plan_id === p.id) });
          plans.set(p.employee_id, own);
        }
      }
    }
    const unitsOf = new Map<string, string[] | null>();
    for (const { cycle } of cycles) unitsOf.set(cycle.id, await cycleUnitIds(db, cycle));
    const span = (c: CycleRow) => {
      const d = periodDates(c.period_kind, c.period_label);
      return Date.parse(d.to) - Date.parse(d.from);
    };

    const entries: WorklogPlan["entries"] = [];
    const employeesWithWork = new Map<string, number>();
    for (const row of recap.rows) {
      const { cells, line } = row;
      const bad = (field: string, value: string, message: string, expected: string) => problems.push({ line, field, value: value.slice(0, 200), message, expected });
      const rowProblems = problems.length;
      const employee = employees.get(cells.nip);
      if (!employee) bad(col.nip, cells.nip, cells.nip === "" ? "NIP kosong" : "NIP tidak dikenal di wilayah ini", "NIP 18 digit pegawai yang terdaftar di wilayah ini");
      const day = dayOf(cells.date, mapping.dateFormat);
      if (!day) bad(col.date, cells.date, "tanggal tidak terbaca", `tanggal ${mapping.dateFormat} yang ada di kalender`);
      else if (day < range.from || day > range.to) bad(col.date, cells.date, `di luar periode rekap ${input.period}`, `tanggal ${range.from} sampai ${range.to}`);
      else if (day > today) bad(col.date, cells.date, "tanggal belum terjadi", `hari ini (${today}) atau sebelumnya`);
      const quantity = quantityOf(row);
      if (typeof quantity === "string") bad(col.quantity, cells.quantity, quantity, "angka 0 atau lebih, desimal dengan koma atau titik, tanpa pemisah ribuan (mis. 12 atau 2,5)");
      if (cells.description === "") bad(col.description, "", "uraian kosong", "uraian kegiatan yang dikerjakan");
      else if (cells.description.length > 2000) bad(col.description, cells.description, `uraian terlalu panjang (${cells.description.length} karakter)`, "paling banyak 2000 karakter");
      if (!employee || !day || problems.length > rowProblems) continue;

      const inCycle = (c: CycleRow) => {
        const units = unitsOf.get(c.id);
        return !units || units.includes(employee.unit_id);
      };
      const covering = (plans.get(employee.id) ?? []).filter((p) => {
        const d = periodDates(p.cycle.period_kind, p.cycle.period_label);
        return day >= d.from && day <= d.to && inCycle(p.cycle);
      });
      const approved = covering.filter((p) => p.status === "approved");
      if (approved.length === 0) {
        const open = cycles.filter((c) => day >= c.from && day <= c.to && inCycle(c.cycle));
        const found = covering.map((p) => `SKP ${p.cycle.name} berstatus ${PLAN_STATUS[p.status] ?? p.status}`);
        bad(
          col.nip,
          cells.nip,
          open.length === 0 ? `tidak ada siklus terbuka yang mencakup ${day} untuk ${employee.nama}` : `${employee.nama} belum punya SKP yang disetujui untuk ${day}${found.length ? ` (${found.join("; ")})` : ""}`,
          open.length === 0 ? "tanggal dalam periode siklus yang sudah dibuka dan belum final" : `SKP disetujui atasan pada siklus ${open.map((c) => c.cycle.name).join(" atau ")}`,
        );
        continue;
      }
      // The narrowest cycle first: a quarter's SKP before the year's.
      const matches = approved
        .sort((a, b) => span(a.cycle) - span(b.cycle))
        .flatMap((p) => p.ikis.filter((k) => normal(k.text) === normal(cells.iki)).map((iki) => ({ plan: p, iki })));
      const match = matches[0];
      if (!match) {
        bad(col.iki, cells.iki, `IKI tidak ada pada SKP ${employee.nama} yang disetujui`, `salah satu IKI SKP-nya, persis seperti tertulis: ${listed(approved.flatMap((p) => p.ikis.map((k) => k.text)))}`);
        continue;
      }
      if (col.satuan !== null && cells.satuan !== "" && normal(cells.satuan) !== normal(match.iki.satuan)) {
        bad(col.satuan, cells.satuan, `satuan tidak sama dengan satuan IKI "${match.iki.text}"`, match.iki.satuan);
        continue;
      }
      entries.push({ cycle_id: match.plan.cycle.id, employee_id: employee.id, plan_id: match.plan.planId, iki_id: match.iki.id, work_date: day, description: cells.description, quantity: quantity as number });
      employeesWithWork.set(employee.id, (employeesWithWork.get(employee.id) ?? 0) + 1);
    }
    problems.sort((a, b) => a.line - b.line);

    // What is stored already is skipped: the same recap imported twice adds nothing the second time.
    const key = (e: { employee_id: string; iki_id: string; work_date: string; description: string; quantity: number }) => JSON.stringify([e.employee_id, e.iki_id, e.work_date, e.description, e.quantity]);
    const stored = new Set<string>();
    const withWork = [...employeesWithWork.keys()];
    for (let i = 0; i < withWork.length; i += 500) {
      const rows = await db
        .selectFrom("work_entries")
        .select(["employee_id", "iki_id", "work_date", "description", "quantity"])
        .where("region_id", "=", regionId)
        .where("employee_id", "in", withWork.slice(i, i + 500))
        .where("work_date", ">=", range.from)
        .where("work_date", "<=", range.to)
        .execute();
      for (const r of rows) stored.add(key(r));
    }
    const fresh = entries.filter((e) => !stored.has(key(e)));
    return {
      rows: recap.rows.length,
      problems,
      plan: { entries: fresh },
      summary: { employees: employeesWithWork.size, entries: fresh.length, alreadyStored: entries.length - fresh.length, from: range.from, to: range.to },
    };
  },

  async write(trx, regionId, runId, plan) {
    const job = await trx.selectFrom("jobs").select("created_by").where("region_id", "=", regionId).where("id", "=", runId).executeTakeFirst();
    const at = now();
    const rows = plan.entries.map((e) => ({
      ...e,
      region_id: regionId,
      id: newId(),
      status: "submitted" as const,
      review_note: null,
      reviewed_by: null,
      reviewed_at: null,
      created_by: job?.created_by ?? null,
      created_at: at,
      updated_at: at,
    }));
    for (let i = 0; i < rows.length; i += 1_000) await trx.insertInto("work_entries").values(rows.slice(i, i + 1_000)).execute();
    // Each assessor is told once per employee, as for an entry typed in the portal.
    const perEmployee = new Map<string, number>();
    for (const e of rows) perEmployee.set(e.employee_id, (perEmployee.get(e.employee_id) ?? 0) + 1);
    const people = perEmployee.size === 0 ? [] : await trx.selectFrom("employees").select(["id", "nama", "atasan_nip"]).where("region_id", "=", regionId).where("id", "in", [...perEmployee.keys()]).execute();
    for (const person of people) {
      if (!person.atasan_nip) continue;
      await notify(trx, {
        regionId,
        kind: "work_entries_waiting",
        employeeNips: [person.atasan_nip],
        values: { nama_pegawai: person.nama, judul: `${perEmployee.get(person.id)} catatan kerja dari rekap impor` },
        link: "/team",
      });
    }
    return { written: rows.length, summary: { entryIds: rows.slice(0, 1_000).map((r) => r.id) } };
  },
};
