// What the admin hands out after a bulk-accounts job: a PDF of letters, one page per employee grouped by
// unit (name, NIP, unit, the code, the portal's address, the steps, the expiry), and a CSV of the same
// codes. Both are made from the codes held in clear (activation_handouts) and only while they are: once
// the admin discards them or their window ends (bulk-accounts.ts, HANDOUT_WINDOW_MS) nobody can print them
// again, and an employee who lost their letter gets a new code from the admin. Every download is audited.
import { type ExportFile, PdfWriter, tableFile } from "../documents/index.js";
import { requireAdmin, type Scope } from "../access/index.js";
import { audit, DomainError, formatDate } from "../lib/index.js";
import { dropExpiredHandouts } from "./bulk-accounts.js";
import { findUnit, unitSubtree } from "./units.js";

interface Handout {
  nip: string;
  nama: string;
  role: string;
  unit: string;
  code: string;
  expiresAt: string;
}

async function handouts(scope: Scope, jobId: string, unitId: string | null): Promise<Handout[]> {
  requireAdmin(scope, "mengunduh kode aktivasi");
  const { db, regionId } = scope;
  await dropExpiredHandouts(db);
  const job = await db.selectFrom("account_jobs").select(["handout_cleared_at"]).where("region_id", "=", regionId).where("job_id", "=", jobId).executeTakeFirst();
  if (!job) throw new DomainError({ code: "NOT_FOUND", message: `Job pembuatan akun ${jobId} tidak ditemukan` });
  if (job.handout_cleared_at) {
    throw new DomainError({
      code: "PRECONDITION_FAILED",
      message: `Kode aktivasi job ini sudah dihapus dari server pada ${formatDate(job.handout_cleared_at)}. Untuk pegawai yang belum menerima kodenya, buat kode baru dari daftar akun.`,
    });
  }
  const units = unitId ? (await findUnit(db, regionId, unitId), await unitSubtree(db, regionId, unitId)) : null;
  let query = db
    .selectFrom("activation_handouts as h")
    .innerJoin("account_activations as a", (join) => join.onRef("a.region_id", "=", "h.region_id").onRef("a.user_id", "=", "h.user_id"))
    .innerJoin("user", "user.id", "h.user_id")
    .innerJoin("employees as e", (join) => join.onRef("e.region_id", "=", "a.region_id").onRef("e.id", "=", "a.employee_id"))
    .innerJoin("units as u", (join) => join.onRef("u.region_id", "=", "e.region_id").onRef("u.id", "=", "e.unit_id"))
    .select(["e.nip", "e.nama", "user.role", "u.name as unit", "h.code", "a.expires_at"])
    .where("h.region_id", "=", regionId)
    .where("h.job_id", "=", jobId);
  if (units) query = query.where("e.unit_id", "in", units);
  const rows = await query.orderBy("u.name").orderBy("e.nama").orderBy("e.nip").execute();
  return rows.map((r) => ({ nip: r.nip, nama: r.nama, role: r.role, unit: r.unit, code: r.code, expiresAt: r.expires_at }));
}

async function audited(scope: Scope, jobId: string, format: string, count: number): Promise<void> {
  await audit(scope.db, { regionId: scope.regionId, actor: scope.actor, action: "account.downloadHandouts", entity: "job", entityId: jobId, after: { format, count } });
}

/** The CSV: NIP, nama, unit, kode aktivasi, berlaku sampai. */
export async function activationCodesCsv(scope: Scope, input: { jobId: string; unitId?: string | null }): Promise<ExportFile> {
  const rows = await handouts(scope, input.jobId, input.unitId ?? null);
  const file = await tableFile({
    format: "csv",
    name: `kode-aktivasi-${scope.regionId}`,
    sheetName: "Kode aktivasi",
    columns: [
      { header: "NIP", key: "nip", width: 22, text: true },
      { header: "Nama", key: "nama", width: 32 },
      { header: "Unit", key: "unit", width: 32 },
      { header: "Kode aktivasi", key: "code", width: 18 },
      { header: "Berlaku sampai", key: "until", width: 18 },
    ],
    rows: rows.map((r) => ({ nip: r.nip, nama: r.nama, unit: r.unit, code: r.code, until: formatDate(r.expiresAt) })),
    about: [],
  });
  await audited(scope, input.jobId, "csv", rows.length);
  return file;
}

/** The letters: one page per employee, by unit, then by name. `portal` is the address people open. */
export async function activationLettersPdf(scope: Scope, input: { jobId: string; unitId?: string | null; portal: string; compress?: boolean }): Promise<ExportFile> {
  const rows = await handouts(scope, input.jobId, input.unitId ?? null);
  if (rows.length === 0) throw new DomainError({ code: "PRECONDITION_FAILED", message: "Tidak ada kode aktivasi untuk dicetak pada job (dan unit) ini" });
  const region = await scope.db.selectFrom("regions").select("name").where("id", "=", scope.regionId).executeTakeFirstOrThrow();
  const pdf = new PdfWriter({ title: "Surat aktivasi akun Kinerja", subject: region.name, compress: input.compress ?? true });
  const signIn = `${input.portal.replace(/\/+$/, "")}/`;
  rows.forEach((r, i) => {
    if (i > 0) pdf.newPage();
    pdf
      .title(["SURAT AKTIVASI AKUN KINERJA", region.name])
      .paragraph(`Yth. ${r.nama}, akun Kinerja Anda untuk penilaian kinerja pegawai sudah dibuat. Aktifkan dengan kode di bawah ini.`)
      .fields([
        ["Nama", r.nama],
        ["NIP", r.nip],
        ["Unit kerja", r.unit],
        ["Peran", r.role === "assessor" ? "Pejabat penilai" : "Pegawai"],
        ["Alamat portal", signIn],
      ])
      .heading("Kode aktivasi")
      .boxed(r.code)
      .paragraph(`Berlaku sampai ${formatDate(r.expiresAt)} dan hanya dapat dipakai satu kali.`)
      .heading("Langkah aktivasi")
      .paragraph(`1. Buka ${signIn} di peramban (HP atau komputer).`)
      .paragraph('2. Pada halaman masuk, pilih "Aktivasi akun".')
      .paragraph("3. Isi NIP Anda dan kode aktivasi di atas (huruf besar/kecil dan tanda hubung tidak berpengaruh).")
      .paragraph("4. Buat kata sandi baru: paling sedikit 8 karakter, tidak memuat NIP, dan tidak mudah ditebak.")
      .paragraph("5. Setelah aktivasi Anda langsung masuk. Selanjutnya masuk dengan NIP dan kata sandi tersebut.")
      .paragraph(
        "Jaga kerahasiaan surat ini. Bila kode hilang, kedaluwarsa, atau ditolak, hubungi admin BKPSDM wilayah Anda untuk kode baru; kode lama otomatis tidak berlaku.",
        { italic: true },
      );
  });
  const body = await pdf.finish(`Surat aktivasi akun - ${region.name}`);
  await audited(scope, input.jobId, "pdf", rows.length);
  return { filename: `surat-aktivasi-${scope.regionId}.pdf`, contentType: "application/pdf", body };
}
