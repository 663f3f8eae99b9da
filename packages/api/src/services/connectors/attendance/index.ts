// The attendance (presensi) source: a fingerprint machine's attlog or an attendance app's CSV for one period
// becomes each employee's working days of that period (present, on leave, or absent without leave), the
// evidence the absence counts are read from. Only the employees the file names are written: a machine
// knows the people enrolled on it, and an office without a machine must not come out absent every day.
// Importing the same period again replaces those employees' days of the period.
import { parseJson, type Database, type NewAttendanceDay } from "@kinerja/db";
import type { Kysely } from "kysely";
import { DomainError, pushTo } from "../../lib/index.js";
import type { RowProblem, SourceConnector } from "../connector.js";
import { periodRange, workingDays, type DayStatus } from "./calendar.js";
import { attendanceMapping, defaultAttendanceMapping, type AttendanceMapping } from "./mapping.js";
import { readAttendanceCsv, readAttlog, type Punch } from "./read.js";

export { countAbsence, periodRange, workingDays, type AbsenceCount } from "./calendar.js";
export { defaultAttendanceMapping, type AttendanceMapping } from "./mapping.js";

interface AttendancePlan {
  from: string;
  to: string;
  employeeIds: string[];
  days: Array<Omit<NewAttendanceDay, "region_id" | "run_id">>;
}

/** How the mapping finds an employee from a machine user id. */
async function employeeKeys(db: Kysely<Database>, regionId: string, match: AttendanceMapping["match"]): Promise<{ keys: Map<string, string>; names: Map<string, { nip: string; nama: string }> }> {
  const rows = await db.selectFrom("employees").select(["id", "nip", "nama", "attributes"]).where("region_id", "=", regionId).execute();
  const keys = new Map<string, string>();
  const names = new Map(rows.map((r) => [r.id, { nip: r.nip, nama: r.nama }]));
  for (const row of rows) {
    if (match.by === "nip") keys.set(row.nip, row.id);
    else {
      const key = parseJson<Record<string, unknown>>(row.attributes)[match.attribute];
      if (typeof key === "string" || typeof key === "number") keys.set(String(key), row.id);
    }
  }
  return { keys, names };
}

/** The run's summary lists at most this many employees absent without leave. */
const ABSENT_LISTED = 1_000;

const ROWS_PER_STATEMENT = 2_000;

export const attendanceConnector: SourceConnector<AttendanceMapping, AttendancePlan> = {
  kind: "source",
  name: "attendance",
  label: { id: "Presensi (mesin sidik jari dan aplikasi absensi)", en: "Attendance (fingerprint machines and attendance apps)" },
  description: {
    id: "Mengimpor attlog mesin sidik jari atau CSV aplikasi absensi untuk satu periode, lalu menghitung hari tidak masuk tanpa keterangan per pegawai dari kalender kerja (Senin–Jumat, kecuali hari libur daerah; hari cuti dikecualikan).",
    en: "Imports a fingerprint machine's attlog or an attendance app's CSV for one period and counts each employee's days absent without leave from the work calendar (Monday–Friday less the region's holidays; leave days excused).",
  },
  mapping: attendanceMapping,
  defaultMapping: defaultAttendanceMapping,
  secrets: [],
  formats: ["attlog", "csv"],

  async read(db, regionId, input, mapping) {
    const range = periodRange(input.period);
    if (!range) {
      throw new DomainError({ code: "BAD_REQUEST", message: `Periode "${input.period}" tidak dikenal; gunakan bulan (2025-01), triwulan (2025-Q1), semester (2025-S1) atau tahun (2025)` });
    }
    const text = Buffer.from(input.bytes).toString("utf8");
    const read = input.format === "attlog" ? readAttlog(text, mapping.attlog) : readAttendanceCsv(text, mapping.csv);
    const problems: RowProblem[] = [...read.problems];
    const { keys, names } = await employeeKeys(db, regionId, mapping.match);
    const matchedBy = mapping.match.by === "nip" ? "NIP pegawai" : `atribut pegawai "${mapping.match.attribute}"`;
    const punches = new Map<string, Punch[]>();
    for (const punch of read.punches) {
      if (punch.day < range.from || punch.day > range.to) {
        problems.push({ line: punch.line, field: "tanggal", value: punch.day, message: `di luar periode ${input.period}`, expected: `tanggal ${range.from} sampai ${range.to}` });
        continue;
      }
      const employeeId = keys.get(punch.userId);
      if (!employeeId) {
        problems.push({ line: punch.line, field: "ID pengguna", value: punch.userId, message: "tidak cocok dengan pegawai mana pun di wilayah ini", expected: `${matchedBy} yang terdaftar` });
        continue;
      }
      const key = `${employeeId} ${punch.day}`;
      pushTo(punches, key, punch);
    }
    problems.sort((a, b) => a.line - b.line);
    const employeeIds = [...new Set([...punches.keys()].map((k) => k.split(" ")[0]!))].sort();
    const holidays = new Set(
      (await db.selectFrom("work_holidays").select("day").where("region_id", "=", regionId).where("day", ">=", range.from).where("day", "<=", range.to).execute()).map((h) => h.day),
    );
    const leave = new Set<string>();
    for (let i = 0; i < employeeIds.length; i += 500) {
      const rows = await db
        .selectFrom("leave_entries")
        .select(["employee_id", "day", "kind"])
        .where("region_id", "=", regionId)
        .where("employee_id", "in", employeeIds.slice(i, i + 500))
        .where("day", ">=", range.from)
        .where("day", "<=", range.to)
        .execute();
      for (const row of rows) if (mapping.leave.kinds.includes(row.kind)) leave.add(`${row.employee_id} ${row.day}`);
    }
    const working = workingDays(range.from, range.to, holidays);
    const days: AttendancePlan["days"] = [];
    const totals: Record<DayStatus, number> = { hadir: 0, cuti: 0, alpa: 0 };
    const absent: Array<{ nip: string; nama: string; alpa: number; cuti: number }> = [];
    for (const employeeId of employeeIds) {
      const own: Record<DayStatus, number> = { hadir: 0, cuti: 0, alpa: 0 };
      for (const day of working) {
        const key = `${employeeId} ${day}`;
        const times = (punches.get(key) ?? []).map((p) => p.time).sort();
        const status: DayStatus = times.length > 0 ? "hadir" : leave.has(key) ? "cuti" : "alpa";
        totals[status]++;
        own[status]++;
        days.push({ employee_id: employeeId, day, status, first_in: times[0] ?? null, last_out: times.length > 1 ? times[times.length - 1]! : null, punches: times.length });
      }
      if (own.alpa > 0 && absent.length < ABSENT_LISTED) absent.push({ ...names.get(employeeId)!, alpa: own.alpa, cuti: own.cuti });
    }
    absent.sort((a, b) => b.alpa - a.alpa || a.nama.localeCompare(b.nama));
    return {
      rows: read.rows,
      problems,
      plan: { ...range, employeeIds, days },
      summary: { employees: employeeIds.length, workingDays: working.length, punches: read.punches.length, ...totals, absent },
    };
  },

  async write(trx, regionId, runId, plan) {
    for (let i = 0; i < plan.employeeIds.length; i += 500) {
      await trx
        .deleteFrom("attendance_days")
        .where("region_id", "=", regionId)
        .where("employee_id", "in", plan.employeeIds.slice(i, i + 500))
        .where("day", ">=", plan.from)
        .where("day", "<=", plan.to)
        .execute();
    }
    for (let i = 0; i < plan.days.length; i += ROWS_PER_STATEMENT) {
      await trx
        .insertInto("attendance_days")
        .values(plan.days.slice(i, i + ROWS_PER_STATEMENT).map((d) => ({ ...d, region_id: regionId, run_id: runId })))
        .execute();
    }
    return { written: plan.days.length, summary: {} };
  },
};
