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

export interface RuleSetVersionSummary {
  id: string;
  version: number;
  name: string;
  status: "draft" | "published";
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

/** Content past the rule-file limits is refused (400) rather than reported: see refuseOverLimits. */
export function validateRuleSet(content: unknown, file: string): ValidationReport {
  refuseOverLimits(content, file);
  const validation = validateContent(content, file);
  if (!validation.ok || !validation.ruleSet) return { ok: false, issues: validation.issues, tests: null };
  const tests = testContent(compiledFor(validation.ruleSet));
  return { ok: tests.failed === 0, issues: validation.issues, tests };
}

function nameOf(content: unknown): string {
  const name = (content as { name?: unknown } | null)?.name;
  return typeof name === "string" && name.trim() ? name : "(tanpa nama)";
}

/**
 * Saves a draft: a new version, or (with `id`) over an existing draft. A draft may be invalid (work in
 * progress); the report says what is wrong. Published versions are never overwritten.
 */
export async function saveDraft(scope: Scope, input: { id?: string; content: Record<string, unknown> }): Promise<{ version: RuleSetVersionSummary; validation: ValidationReport }> {
  const { db, regionId, actor } = scope;
  refuseOverLimits(input.content, ruleSetFile(regionId, "baru"));
  const hash = contentHash(input.content);
  const at = now();
  const row = await db.transaction().execute(async (trx) => {
    const existing = input.id ? await findRuleSetVersion(trx, regionId, input.id) : null;
    if (existing && existing.status !== "draft") {
      throw new DomainError({
        code: "PRECONDITION_FAILED",
        message: `Versi ${existing.version} sudah diterbitkan dan tidak bisa diubah; simpan sebagai draf baru`,
      });
    }
    let id: string;
    let version: number;
    if (existing) {
      ({ id, version } = existing);
      await trx
        .updateTable("rule_set_versions")
        .set({ content: toJson(input.content), content_hash: hash, name: nameOf(input.content), updated_at: at })
        .where("region_id", "=", regionId)
        .where("id", "=", id)
        .execute();
    } else {
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
      ...(existing ? { before: { version, contentHash: existing.content_hash } } : {}),
      after: { version, contentHash: hash },
    });
    return findRuleSetVersion(trx, regionId, id);
  });
  return { version: summary(row), validation: validateRuleSet(input.content, ruleSetFile(regionId, row.version)) };
}

/** Publishes a draft that is valid and whose cases all pass; otherwise says what stands in the way. */
export async function publishRuleSet(scope: Scope, id: string): Promise<RuleSetVersionSummary> {
  const { db, regionId, actor } = scope;
  const row = await findRuleSetVersion(db, regionId, id);
  if (row.status === "published") {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: `Versi ${row.version} sudah diterbitkan` });
  }
  const report = validateRuleSet(parseJson(row.content), ruleSetFile(regionId, row.version));
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
      .where("content_hash", "=", row.content_hash)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new DomainError({ code: "CONFLICT", message: `Versi ${row.version} berubah selama diperiksa; coba lagi` });
    }
    await audit(trx, {
      regionId,
      actor,
      action: "ruleSet.publish",
      entity: "ruleSetVersion",
      entityId: id,
      before: { status: "draft" },
      after: { status: "published", version: row.version, contentHash: row.content_hash },
    });
    return summary(await findRuleSetVersion(trx, regionId, id));
  });
}

export async function diffRuleSets(scope: Scope, fromId: string, toId: string): Promise<{ from: RuleSetVersionSummary; to: RuleSetVersionSummary; changes: JsonChange[] }> {
  const { db, regionId } = scope;
  const from = await findRuleSetVersion(db, regionId, fromId);
  const to = await findRuleSetVersion(db, regionId, toId);
  return { from: summary(from), to: summary(to), changes: jsonDiff(parseJson(from.content), parseJson(to.content)) };
}
