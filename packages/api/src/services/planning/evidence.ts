// Evidence files (bukti dukung) of work entries. A file is accepted when it is no larger than the rule
// set's workflow.evidence.maxBytes and its first bytes show a type in workflow.evidence.types, with a name
// whose extension agrees; the name alone is never trusted. Files are stored in the database, beside their
// row and audit entry, so every API server sees them and a backup holds them.
import { createHash } from "node:crypto";
import { newId, now } from "@kinerja/db";
import { requireRelation, withDb, type Scope } from "../access/index.js";
import { audit, DomainError } from "../lib/index.js";
import { assertWorkOpen, cycleWorkflow } from "../rules/index.js";
import { assertCanSeeEntry, entryParts, type EntryParts, type EvidenceSummary } from "./work-entries.js";

/** Files one entry may carry. */
export const MAX_FILES_PER_ENTRY = 10;

interface FileType {
  type: string;
  label: string;
  extensions: string[];
  matches(bytes: Buffer): boolean;
}

const startsWith = (bytes: Buffer, signature: number[] | string, offset = 0): boolean => {
  const expected = typeof signature === "string" ? Buffer.from(signature, "latin1") : Buffer.from(signature);
  return bytes.length >= offset + expected.length && bytes.subarray(offset, offset + expected.length).equals(expected);
};
/** Office Open XML files are ZIP archives; the folder of their main part tells them apart. */
const zipWith = (bytes: Buffer, folder: string): boolean => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && bytes.includes(folder, 0, "latin1");

const FILE_TYPES: FileType[] = [
  { type: "application/pdf", label: "PDF", extensions: ["pdf"], matches: (b) => startsWith(b, "%PDF-") },
  { type: "image/jpeg", label: "JPEG", extensions: ["jpg", "jpeg"], matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: "image/png", label: "PNG", extensions: ["png"], matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: "image/gif", label: "GIF", extensions: ["gif"], matches: (b) => startsWith(b, "GIF87a") || startsWith(b, "GIF89a") },
  { type: "image/webp", label: "WebP", extensions: ["webp"], matches: (b) => startsWith(b, "RIFF") && startsWith(b, "WEBP", 8) },
  {
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    label: "Word (DOCX)",
    extensions: ["docx"],
    matches: (b) => zipWith(b, "word/"),
  },
  {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    label: "Excel (XLSX)",
    extensions: ["xlsx"],
    matches: (b) => zipWith(b, "xl/"),
  },
  {
    type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    label: "PowerPoint (PPTX)",
    extensions: ["pptx"],
    matches: (b) => zipWith(b, "ppt/"),
  },
];

/** The type a file's first bytes show, or null when none of the known signatures matches. */
export function detectFileType(bytes: Buffer): { type: string; label: string; extensions: string[] } | null {
  const found = FILE_TYPES.find((t) => t.matches(bytes));
  return found ? { type: found.type, label: found.label, extensions: found.extensions } : null;
}

function labelOf(type: string): string {
  return FILE_TYPES.find((t) => t.type === type)?.label ?? type;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString("id-ID", { maximumFractionDigits: 1 })} MB`;
}

/** A file name safe to store and send back: no folders, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(-200);
  return clean || "bukti";
}

/** What the cycle's rule set accepts for the entry, checked before the upload's body is read. */
export async function evidenceRules(scope: Scope, workEntryId: string): Promise<{ maxBytes: number; types: string[]; parts: EntryParts }> {
  const parts = await entryParts(scope.db, scope.regionId, workEntryId);
  await requireRelation(scope, parts.employee, ["self", "admin"], "mengunggah bukti dukung");
  assertWorkOpen(parts.cycle);
  if (parts.entry.status === "confirmed") {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: "Catatan kerja sudah dikonfirmasi atasan; bukti dukung tidak bisa ditambah" });
  }
  const { maxBytes, types } = (await cycleWorkflow(scope.db, parts.cycle)).evidence;
  return { maxBytes, types, parts };
}

/** Problems with a file under the rules, in Indonesian; empty when it is acceptable. */
export function evidenceProblems(filename: string, content: Buffer, rules: { maxBytes: number; types: string[] }): string[] {
  if (content.length === 0) return ["berkas kosong; yang diharapkan: berkas bukti dukung berisi"];
  if (content.length > rules.maxBytes) {
    return [`berkas ${megabytes(content.length)} (${content.length} bait) melebihi batas ${megabytes(rules.maxBytes)} (${rules.maxBytes} bait) dari rule set wilayah`];
  }
  const accepted = rules.types.map(labelOf).join(", ");
  const detected = detectFileType(content);
  if (!detected) return [`isi berkas "${filename}" tidak dikenali sebagai jenis yang diterima; yang diterima: ${accepted}`];
  if (!rules.types.includes(detected.type)) return [`berkas "${filename}" berisi ${detected.label}, sedangkan wilayah ini hanya menerima ${accepted}`];
  const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();
  if (!extension || !detected.extensions.includes(extension)) {
    return [
      `nama berkas "${filename}" ${extension ? `berakhiran .${extension}` : "tanpa akhiran"} tetapi isinya ${detected.label}; yang diharapkan: akhiran ${detected.extensions.map((e) => `.${e}`).join(" atau ")}`,
    ];
  }
  return [];
}

export async function storeEvidence(scope: Scope, input: { workEntryId: string; filename: string; content: Buffer }): Promise<EvidenceSummary> {
  const { regionId, actor } = scope;
  const filename = cleanFilename(input.filename);
  return scope.db.transaction().execute(async (trx) => {
    const rules = await evidenceRules(withDb(scope, trx), input.workEntryId);
    const problems = evidenceProblems(filename, input.content, rules);
    if (problems.length > 0) throw new DomainError({ code: "BAD_REQUEST", message: `Bukti dukung ditolak: ${problems.join("; ")}` });
    const { n } = await trx
      .selectFrom("evidence_files")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("region_id", "=", regionId)
      .where("work_entry_id", "=", input.workEntryId)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_FILES_PER_ENTRY) {
      throw new DomainError({ code: "BAD_REQUEST", message: `Satu catatan kerja paling banyak ${MAX_FILES_PER_ENTRY} bukti dukung; hapus yang tidak perlu` });
    }
    const id = newId();
    const summary: EvidenceSummary = {
      id,
      filename,
      contentType: (detectFileType(input.content) as { type: string }).type,
      size: input.content.length,
      sha256: createHash("sha256").update(input.content).digest("hex"),
      createdAt: now(),
    };
    await trx
      .insertInto("evidence_files")
      .values({
        region_id: regionId,
        id,
        work_entry_id: input.workEntryId,
        filename,
        content_type: summary.contentType,
        size: summary.size,
        sha256: summary.sha256,
        content: input.content,
        uploaded_by: actor.id,
        created_at: summary.createdAt,
      })
      .execute();
    await audit(trx, { regionId, actor, action: "evidence.upload", entity: "workEntry", entityId: input.workEntryId, after: summary });
    return summary;
  });
}

/** A file for download, to whoever may read its entry. */
export async function readEvidence(scope: Scope, evidenceId: string): Promise<{ filename: string; contentType: string; content: Buffer }> {
  const { db, regionId } = scope;
  const file = await db
    .selectFrom("evidence_files")
    .select(["work_entry_id", "filename", "content_type", "content"])
    .where("region_id", "=", regionId)
    .where("id", "=", evidenceId)
    .executeTakeFirst();
  if (!file) throw new DomainError({ code: "NOT_FOUND", message: `Bukti dukung ${evidenceId} tidak ditemukan` });
  await assertCanSeeEntry(scope, await entryParts(db, regionId, file.work_entry_id));
  return { filename: file.filename, contentType: file.content_type, content: Buffer.from(file.content) };
}

export async function removeEvidence(scope: Scope, evidenceId: string): Promise<{ removed: string }> {
  const { regionId, actor } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const file = await trx
      .selectFrom("evidence_files")
      .select(["id", "work_entry_id", "filename", "content_type", "size", "sha256", "created_at"])
      .where("region_id", "=", regionId)
      .where("id", "=", evidenceId)
      .executeTakeFirst();
    if (!file) throw new DomainError({ code: "NOT_FOUND", message: `Bukti dukung ${evidenceId} tidak ditemukan` });
    await evidenceRules(withDb(scope, trx), file.work_entry_id);
    await trx.deleteFrom("evidence_files").where("region_id", "=", regionId).where("id", "=", file.id).execute();
    await audit(trx, {
      regionId,
      actor,
      action: "evidence.remove",
      entity: "workEntry",
      entityId: file.work_entry_id,
      before: { id: file.id, filename: file.filename, contentType: file.content_type, size: file.size, sha256: file.sha256 },
    });
    return { removed: file.id };
  });
}
