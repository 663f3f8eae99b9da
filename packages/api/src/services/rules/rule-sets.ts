// A region's rule set versions: drafts an admin edits, and published versions, which never change and
// which cycles pin by id and content hash. Publishing requires a valid rule set whose own cases pass.
import type { Scope } from "../access/index.js";
import { DomainError } from "../lib/index.js";
import type { RuleIssue } from "@kinerja/core";
import { newId, now, parseJson, toJson, type Database, type RuleSetVersionRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { audit } from "../lib/index.js";
import { compiledFor, contentHash, issueList, refuseOverLimits, testContent, validateContent, type TestSummary } from "./compile.js";
import { jsonDiff, type JsonChange } from "../lib/index.js";
import { baselinesFor } from "./baseline-refs.js";

export interface RuleSetVersionSummary {
  id: string;
  version: number;
  name: string;
  status: "draft" | "published";
  /** 1 when created, one more with each save over the draft; a save names the revision it edited. */
  revision: number;
  contentHash: string;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface RuleSetVersion extends RuleSetVersionSummary {
  content: Record<string, unknown>;
}

function summary(row: RuleSetVersionRow): RuleSetVersionSummary {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    status: row.status,
    revision: row.revision,
    contentHash: row.content_hash,
    authorName: row.author_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

/** The name issues are reported under: region and version. */
export function ruleSetFile(regionId: string, version: number | "baru"): string {
  return `${regionId}/v${version}`;
}

export async function listRuleSetVersions(scope: Scope): Promise<RuleSetVersionSummary[]> {
  const { db, regionId } = scope;
  const rows = await db
    .selectFrom("rule_set_versions")
    .selectAll()
    .where("region_id", "=", regionId)
    .orderBy("version", "desc")
    .execute();
  return rows.map(summary);
}

export async function findRuleSetVersion(db: Kysely<Database>, regionId: string, id: string): Promise<RuleSetVersionRow> {
  const row = await db
    .selectFrom("rule_set_versions")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Versi rule set ${id} tidak ditemukan` });
  return row;
}

export async function getRuleSetVersion(scope: Scope, id: string): Promise<RuleSetVersion> {
  const { db, regionId } = scope;
  const row = await findRuleSetVersion(db, regionId, id);
  return { ...summary(row), content: parseJson(row.content) };
}

/** The newest published version, or null when the region has none. */
export async function latestPublished(db: Kysely<Database>, regionId: string): Promise<RuleSetVersionRow | null> {
  const row = await db
    .selectFrom("rule_set_versions")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("status", "=", "published")
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

export interface ValidationReport {
  ok: boolean;
  issues: RuleIssue[];
  /** The rule set's own cases, run when it is valid. */
  tests: TestSummary | null;
}

/**
 * Content past the rule-file limits is refused (400) rather than reported: see refuseOverLimits. `baselines`
 * holds the national baseline versions the content extends (see baselinesFor).
 */
export function validateRuleSet(content: unknown, file: string, baselines?: ReadonlyMap<string, unknown>): ValidationReport {
  refuseOverLimits(content, file);
  const validation = validateContent(content, file, baselines);
  if (!validation.ok || !validation.ruleSet) return { ok: false, issues: validation.issues, tests: null };
  const tests = testContent(compiledFor(validation.ruleSet));
  return { ok: tests.failed === 0, issues: validation.issues, tests };
}

/** Validates a region's content on the baseline versions it extends, as stored in `db`. */
export async function validateRegionRules(db: Kysely<Database>, content: unknown, file: string): Promise<ValidationReport> {
  refuseOverLimits(content, file);
  return validateRuleSet(content, file, await baselinesFor(db, content));
}

function nameOf(content: unknown): string {
  const name = (content as { name?: unknown } | null)?.name;
  return typeof name === "string" && name.trim() ? name : "(tanpa nama)";
}

/**
 * Saves a draft: a new version, or (with `id`) over an existing draft. A draft may be invalid (work in
 * progress); the report says what is wrong. Published versions are never overwritten. A save over a
 * draft names the revision it was edited from (`baseRevision`) and is written only if the draft is still
 * at that revision, checked and written by one conditional UPDATE: of two people saving the same draft,
 * the second is refused with CONFLICT instead of replacing the first one's work.
 */
export async function saveDraft(
  scope: Scope,
  input: { id?: string; baseRevision?: number; content: Record<string, unknown> },
): Promise<{ version: RuleSetVersionSummary; validation: ValidationReport }> {
  const { db, regionId, actor } = scope;
  refuseOverLimits(input.content, ruleSetFile(regionId, "baru"));
  const over = input.id === undefined ? null : { id: input.id, baseRevision: editedRevision(input.baseRevision) };
  const hash = contentHash(input.content);
  const at = now();
  const row = await db.transaction().execute(async (trx) => {
    let id: string;
    let version: number;
    let before: unknown;
    if (over) {
      const existing = await findRuleSetVersion(trx, regionId, over.id);
      ({ id, version } = existing);
      before = { version, revision: over.baseRevision, contentHash: existing.content_hash };
      const updated = await trx
        .updateTable("rule_set_versions")
        .set((eb) => ({ content: toJson(input.content), content_hash: hash, name: nameOf(input.content), updated_at: at, revision: eb("revision", "+", 1) }))
        .where("region_id", "=", regionId)
        .where("id", "=", id)
        .where("status", "=", "draft")
        .where("revision", "=", over.baseRevision)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw await staleDraft(trx, regionId, id, over.baseRevision, "save");
    } else {
      await lockVersionNumbers(trx, regionId);
      const last = await trx
        .selectFrom("rule_set_versions")
        .select((eb) => eb.fn.max("version").as("version"))
        .where("region_id", "=", regionId)
        .executeTakeFirst();
      id = newId();
      version = Number(last?.version ?? 0) + 1;
      await trx
        .insertInto("rule_set_versions")
        .values({
          region_id: regionId,
          id,
          version,
          name: nameOf(input.content),
          content: toJson(input.content),
          content_hash: hash,
          status: "draft",
          author_id: actor.id,
          author_name: actor.name,
          created_at: at,
          updated_at: at,
          published_at: null,
        })
        .execute();
    }
    await audit(trx, {
      regionId,
      actor,
      action: "ruleSet.saveDraft",
      entity: "ruleSetVersion",
      entityId: id,
      before,
      after: { version, revision: over ? over.baseRevision + 1 : 1, contentHash: hash },
    });
    return findRuleSetVersion(trx, regionId, id);
  });
  return { version: summary(row), validation: await validateRegionRules(db, input.content, ruleSetFile(regionId, row.version)) };
}

/**
 * Makes this transaction the only one numbering the region's new versions until it ends: two new drafts
 * read the same highest version otherwise, and the second insert breaks the (region, version) unique key.
 * The write takes the region row's lock on PostgreSQL (a no-key update: inserts elsewhere that reference
 * the region are not held up) and SQLite's write lock; the other waits, then reads the first one's version.
 */
async function lockVersionNumbers(trx: Kysely<Database>, regionId: string): Promise<void> {
  await trx
    .updateTable("regions")
    .set((eb) => ({ name: eb.ref("name") }))
    .where("id", "=", regionId)
    .execute();
}

/** The revision a save over a draft was edited from, which it must name. */
function editedRevision(baseRevision: number | undefined): number {
  if (baseRevision !== undefined) return baseRevision;
  throw new DomainError({
    code: "BAD_REQUEST",
    message: "Sebutkan revisi draf yang Anda ubah (baseRevision), agar perubahan orang lain tidak tertimpa tanpa diketahui",
  });
}

/**
 * Why a save over a draft, or its publishing, was not done: the draft was published, or saved again, since
 * the person read it at `revision`.
 */
async function staleDraft(db: Kysely<Database>, regionId: string, id: string, revision: number, action: "save" | "publish"): Promise<DomainError> {
  const current = await findRuleSetVersion(db, regionId, id);
  if (current.status !== "draft") {
    return new DomainError({
      code: "PRECONDITION_FAILED",
      message:
        action === "save"
          ? `Versi ${current.version} sudah diterbitkan dan tidak bisa diubah; simpan sebagai draf baru`
          : `Versi ${current.version} sudah diterbitkan`,
    });
  }
  const done = action === "save" ? `Anda mengubah revisi ${revision}` : `Anda hendak menerbitkan revisi ${revision}`;
  const next = action === "save" ? "bandingkan dengan perubahan Anda" : "periksa dulu yang tersimpan sebelum menerbitkannya";
  return new DomainError({
    code: "CONFLICT",
    message:
      `Draf versi ${current.version} sudah disimpan orang lain sejak Anda membukanya (${done}, ` +
      `yang tersimpan kini revisi ${current.revision}); muat ulang untuk memakai yang tersimpan, atau ${next}`,
  });
}

/**
 * Publishes a draft that is valid and whose cases all pass; otherwise says what stands in the way. The
 * caller names the revision it looked at: a draft saved again since then is refused with CONFLICT rather
 * than published unseen, checked again by the conditional UPDATE that publishes it.
 */
export async function publishRuleSet(scope: Scope, input: { id: string; revision: number }): Promise<RuleSetVersionSummary> {
  const { db, regionId, actor } = scope;
  const { id, revision } = input;
  const row = await findRuleSetVersion(db, regionId, id);
  if (row.status === "published") {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: `Versi ${row.version} sudah diterbitkan` });
  }
  if (row.revision !== revision) throw await staleDraft(db, regionId, id, revision, "publish");
  const report = await validateRegionRules(db, parseJson(row.content), ruleSetFile(regionId, row.version));
  const errors = report.issues.filter((i) => i.severity === "error");
  if (errors.length > 0) {
    throw new DomainError({
      code: "PRECONDITION_FAILED",
      message: `Versi ${row.version} belum sah (${errors.length} kesalahan): ${issueList(errors)}`,
    });
  }
  if (report.tests && report.tests.failed > 0) {
    const failing = report.tests.cases.filter((c) => !c.passed);
    throw new DomainError({
      code: "PRECONDITION_FAILED",
      message: `${failing.length} kasus uji gagal: ${failing
        .slice(0, 5)
        .map((c) => `${c.name}: ${c.message}`)
        .join("; ")}`,
    });
  }
  return db.transaction().execute(async (trx) => {
    const at = now();
    const updated = await trx
      .updateTable("rule_set_versions")
      .set({ status: "published", published_at: at, updated_at: at })
      .where("region_id", "=", regionId)
      .where("id", "=", id)
      .where("status", "=", "draft")
      .where("revision", "=", revision)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw await staleDraft(trx, regionId, id, revision, "publish");
    await audit(trx, {
      regionId,
      actor,
      action: "ruleSet.publish",
      entity: "ruleSetVersion",
      entityId: id,
      before: { status: "draft", revision },
      after: { status: "published", version: row.version, revision, contentHash: row.content_hash },
    });
    return summary(await findRuleSetVersion(trx, regionId, id));
  });
}

/**
 * What saving `content` over version `id` would change in it, and the version as stored now (its revision
 * is the one to save over, once a person has seen the changes).
 */
export async function diffWithStored(scope: Scope, input: { id: string; content: Record<string, unknown> }): Promise<{ version: RuleSetVersionSummary; changes: JsonChange[] }> {
  const { db, regionId } = scope;
  refuseOverLimits(input.content, ruleSetFile(regionId, "baru"));
  const row = await findRuleSetVersion(db, regionId, input.id);
  return { version: summary(row), changes: jsonDiff(parseJson(row.content), input.content) };
}

export async function diffRuleSets(scope: Scope, fromId: string, toId: string): Promise<{ from: RuleSetVersionSummary; to: RuleSetVersionSummary; changes: JsonChange[] }> {
  const { db, regionId } = scope;
  const from = await findRuleSetVersion(db, regionId, fromId);
  const to = await findRuleSetVersion(db, regionId, toId);
  return { from: summary(from), to: summary(to), changes: jsonDiff(parseJson(from.content), parseJson(to.content)) };
}
