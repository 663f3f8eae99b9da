// The words of each kind of notification: a subject and a body with named placeholders ({{nama_pegawai}}),
// shipped in Indonesian and editable per region by its admin. A template naming a placeholder its kind does
// not offer is refused, naming the placeholder, so a mail is never sent with a hole in it.
import type { Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { isAdmin, type Scope } from "../access/index.js";
import { audit, DomainError } from "../lib/index.js";

export const NOTIFICATION_KINDS = [
  "plan_submitted",
  "plan_approved",
  "plan_returned",
  "work_entries_waiting",
  "sheet_due",
  "sheet_late",
  "peer_assigned",
  "appeal_filed",
  "appeal_decided",
  "results_published",
  "digest",
  "password_reset",
  "account_invitation",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Every template offers these. */
const COMMON = ["nama_penerima", "tautan"] as const;

export interface TemplateDefault {
  /** What the admin sees in the list. */
  label: string;
  placeholders: readonly string[];
  subject: string;
  body: string;
}

export const DEFAULT_TEMPLATES: Record<NotificationKind, TemplateDefault> = {
  plan_submitted: {
    label: "SKP diajukan (kepada pejabat penilai)",
    placeholders: [...COMMON, "nama_pegawai", "siklus"],
    subject: "SKP {{nama_pegawai}} menunggu persetujuan Anda",
    body: "Yth. {{nama_penerima}},\n\n{{nama_pegawai}} telah mengajukan SKP untuk {{siklus}}. Mohon periksa dan setujui atau kembalikan dengan catatan.\n\nBuka SKP: {{tautan}}",
  },
  plan_approved: {
    label: "SKP disetujui (kepada pegawai)",
    placeholders: [...COMMON, "siklus", "catatan"],
    subject: "SKP Anda untuk {{siklus}} disetujui",
    body: "Yth. {{nama_penerima}},\n\nSKP Anda untuk {{siklus}} telah disetujui pejabat penilai. {{catatan}}\n\nBuka SKP: {{tautan}}",
  },
  plan_returned: {
    label: "SKP dikembalikan (kepada pegawai)",
    placeholders: [...COMMON, "siklus", "catatan"],
    subject: "SKP Anda untuk {{siklus}} dikembalikan untuk diperbaiki",
    body: "Yth. {{nama_penerima}},\n\nSKP Anda untuk {{siklus}} dikembalikan oleh pejabat penilai dengan catatan:\n{{catatan}}\n\nPerbaiki SKP: {{tautan}}",
  },
  work_entries_waiting: {
    label: "Catatan kerja menunggu konfirmasi (kepada pejabat penilai)",
    placeholders: [...COMMON, "nama_pegawai", "judul"],
    subject: "Catatan kerja {{nama_pegawai}} menunggu konfirmasi",
    body: "Yth. {{nama_penerima}},\n\n{{nama_pegawai}} mencatat pekerjaan «{{judul}}» yang menunggu konfirmasi Anda.\n\nBuka: {{tautan}}",
  },
  sheet_due: {
    label: "Pengingat lembar penilaian sebelum tenggat",
    placeholders: [...COMMON, "jumlah", "tenggat", "hari", "siklus"],
    subject: "Pengingat: {{jumlah}} lembar penilaian jatuh tempo {{tenggat}}",
    body: "Yth. {{nama_penerima}},\n\nAnda masih perlu mengisi {{jumlah}} lembar penilaian untuk {{siklus}}. Tenggatnya {{tenggat}}, {{hari}} hari lagi.\n\nIsi penilaian: {{tautan}}",
  },
  sheet_late: {
    label: "Pengingat lembar penilaian terlambat",
    placeholders: [...COMMON, "jumlah", "tenggat", "hari", "siklus"],
    subject: "Terlambat: {{jumlah}} lembar penilaian melewati tenggat {{tenggat}}",
    body: "Yth. {{nama_penerima}},\n\n{{jumlah}} lembar penilaian Anda untuk {{siklus}} belum dikirim, sudah {{hari}} hari melewati tenggat {{tenggat}}.\n\nIsi penilaian: {{tautan}}",
  },
  peer_assigned: {
    label: "Diminta menilai rekan kerja",
    placeholders: [...COMMON, "nama_pegawai", "siklus"],
    subject: "Anda diminta menilai {{nama_pegawai}} sebagai rekan kerja",
    body: "Yth. {{nama_penerima}},\n\nAnda ditunjuk sebagai penilai rekan kerja bagi {{nama_pegawai}} untuk {{siklus}}.\n\nIsi penilaian: {{tautan}}",
  },
  appeal_filed: {
    label: "Keberatan diajukan (kepada pemutus)",
    placeholders: [...COMMON, "nama_pegawai", "siklus"],
    subject: "Keberatan dari {{nama_pegawai}} menunggu keputusan Anda",
    body: "Yth. {{nama_penerima}},\n\n{{nama_pegawai}} mengajukan keberatan atas hasil penilaian {{siklus}}.\n\nPutuskan keberatan: {{tautan}}",
  },
  appeal_decided: {
    label: "Keberatan diputus (kepada pegawai)",
    placeholders: [...COMMON, "keputusan", "siklus"],
    subject: "Keberatan Anda atas {{siklus}} telah diputus",
    body: "Yth. {{nama_penerima}},\n\nKeberatan Anda atas hasil penilaian {{siklus}} telah diputus: {{keputusan}}.\n\nLihat keputusan: {{tautan}}",
  },
  results_published: {
    label: "Hasil penilaian ditetapkan",
    placeholders: [...COMMON, "siklus"],
    subject: "Hasil penilaian {{siklus}} telah ditetapkan",
    body: "Yth. {{nama_penerima}},\n\nHasil penilaian kinerja {{siklus}} telah ditetapkan dan dapat Anda lihat.\n\nLihat hasil: {{tautan}}",
  },
  digest: {
    label: "Ringkasan harian",
    placeholders: [...COMMON, "jumlah", "daftar"],
    subject: "Ringkasan Kinerja hari ini: {{jumlah}} pemberitahuan",
    body: "Yth. {{nama_penerima}},\n\nBerikut {{jumlah}} pemberitahuan hari ini:\n\n{{daftar}}\n\nBuka portal: {{tautan}}",
  },
  password_reset: {
    label: "Atur ulang kata sandi",
    placeholders: [...COMMON],
    subject: "Atur ulang kata sandi Kinerja",
    body: "Yth. {{nama_penerima}},\n\nAda permintaan untuk mengatur ulang kata sandi akun Kinerja Anda. Buka tautan berikut dalam satu jam untuk membuat kata sandi baru:\n\n{{tautan}}\n\nJika Anda tidak memintanya, abaikan surat ini; kata sandi Anda tidak berubah.",
  },
  account_invitation: {
    label: "Undangan aktivasi akun (kepada pegawai dengan e-mail di data kepegawaian)",
    placeholders: [...COMMON, "nip", "kode", "berlaku_sampai"],
    subject: "Akun Kinerja Anda siap diaktifkan",
    body: "Yth. {{nama_penerima}},\n\nAkun Kinerja Anda telah dibuat. Untuk mengaktifkannya, buka tautan berikut, isi NIP dan kode aktivasi di bawah, lalu buat kata sandi Anda sendiri:\n\n{{tautan}}\n\nNIP: {{nip}}\nKode aktivasi: {{kode}}\nBerlaku sampai: {{berlaku_sampai}}\n\nKode ini hanya dapat dipakai sekali. Jangan berikan kode ini kepada siapa pun.",
  },
};

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders a text names that `kind` does not offer, in the order they appear. */
function unknownPlaceholders(kind: NotificationKind, text: string): string[] {
  const offered = new Set(DEFAULT_TEMPLATES[kind].placeholders);
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "").filter((name) => !offered.has(name));
}

/** Refuses a template whose subject or body names a placeholder its kind does not offer. */
export function assertTemplate(kind: NotificationKind, template: { subject: string; body: string }): void {
  for (const [field, text] of [["subject", template.subject], ["body", template.body]] as const) {
    const [unknown] = unknownPlaceholders(kind, text);
    if (unknown !== undefined) {
      const where = field === "subject" ? "subjek" : "isi";
      throw new DomainError({
        code: "BAD_REQUEST",
        message: `Placeholder {{${unknown}}} pada ${where} templat «${DEFAULT_TEMPLATES[kind].label}» tidak dikenal; yang tersedia: ${DEFAULT_TEMPLATES[kind].placeholders.map((p) => `{{${p}}}`).join(", ")}`,
        pointer: `/${field}`,
      });
    }
    if (text.trim() === "") throw new DomainError({ code: "BAD_REQUEST", message: `${field === "subject" ? "Subjek" : "Isi"} templat tidak boleh kosong`, pointer: `/${field}` });
  }
}

export type Values = Partial<Record<string, string | number>>;

/** Fills the placeholders; a value not given is left empty. */
export function fill(text: string, values: Values): string {
  return text.replace(PLACEHOLDER, (_, name: string) => String(values[name] ?? ""));
}

export interface Template {
  kind: NotificationKind;
  label: string;
  placeholders: readonly string[];
  subject: string;
  body: string;
  /** False while the region uses the shipped wording. */
  custom: boolean;
}

/** The region's wording of `kind`, or the shipped one. */
export async function templateFor(db: Kysely<Database>, regionId: string | null, kind: NotificationKind): Promise<Template> {
  const shipped = DEFAULT_TEMPLATES[kind];
  const own = regionId
    ? await db.selectFrom("notification_templates").select(["subject", "body"]).where("region_id", "=", regionId).where("kind", "=", kind).executeTakeFirst()
    : undefined;
  return { kind, label: shipped.label, placeholders: shipped.placeholders, subject: own?.subject ?? shipped.subject, body: own?.body ?? shipped.body, custom: own !== undefined };
}

function assertAdmin(scope: Scope): void {
  if (!isAdmin(scope.user)) throw new DomainError({ code: "FORBIDDEN", message: "Hanya admin wilayah yang mengatur templat pemberitahuan" });
}

export async function listTemplates(scope: Scope): Promise<Template[]> {
  assertAdmin(scope);
  return Promise.all(NOTIFICATION_KINDS.map((kind) => templateFor(scope.db, scope.regionId, kind)));
}

/** Example values for a preview, one per placeholder. */
const SAMPLE: Values = {
  nama_penerima: "Siti Rahmawati",
  nama_pegawai: "Budi Santoso",
  siklus: "Penilaian Tahunan 2026",
  catatan: "Target IKI 2 perlu angka.",
  judul: "Rapat koordinasi anggaran",
  jumlah: 3,
  tenggat: "15 Januari 2027",
  hari: 2,
  keputusan: "diterima, predikat menjadi Baik",
  daftar: "- SKP Budi Santoso menunggu persetujuan Anda\n- Catatan kerja Budi Santoso menunggu konfirmasi",
  tautan: "https://kinerja.example.go.id/",
};

/** The template filled with example values, as a recipient would read it; refused like a save when invalid. */
export function previewTemplate(scope: Scope, input: { kind: NotificationKind; subject: string; body: string }): { subject: string; body: string } {
  assertAdmin(scope);
  assertTemplate(input.kind, input);
  return { subject: fill(input.subject, SAMPLE), body: fill(input.body, SAMPLE) };
}

export async function saveTemplate(scope: Scope, input: { kind: NotificationKind; subject: string; body: string }): Promise<Template> {
  assertAdmin(scope);
  assertTemplate(input.kind, input);
  const at = new Date().toISOString();
  await scope.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("notification_templates")
      .values({ region_id: scope.regionId, kind: input.kind, subject: input.subject, body: input.body, updated_by: scope.user.id, updated_at: at })
      .onConflict((oc) => oc.columns(["region_id", "kind"]).doUpdateSet({ subject: input.subject, body: input.body, updated_by: scope.user.id, updated_at: at }))
      .execute();
    await audit(trx, { regionId: scope.regionId, actor: scope.actor, action: "notification.template.save", entity: "notification_template", entityId: input.kind, after: { subject: input.subject, body: input.body } });
  });
  return templateFor(scope.db, scope.regionId, input.kind);
}

/** Back to the shipped wording. */
export async function resetTemplate(scope: Scope, input: { kind: NotificationKind }): Promise<Template> {
  assertAdmin(scope);
  await scope.db.deleteFrom("notification_templates").where("region_id", "=", scope.regionId).where("kind", "=", input.kind).execute();
  return templateFor(scope.db, scope.regionId, input.kind);
}
