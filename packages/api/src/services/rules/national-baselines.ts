// The national baselines as versioned data the national operator keeps: each version is a self-contained
// rule file, published once and never changed (the database refuses it). A region's rules extend one version
// by name (see baseline-refs.ts) and override parts of it; when a new version is published, a region sees
// what changed and a what-if on its last finalised cycle, and moves to it when it chooses.
import { join } from "node:path";
import { now, parseJson, toJson, type Database, type NationalBaselineRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { Scope } from "../access/index.js";
import { auditNational, DomainError, jsonDiff, listNationalAudit, type Actor, type AuditLogEntry, type JsonChange } from "../lib/index.js";
import { baselineRef, extendsOf, parseBaselineRef, type BaselineRef } from "./baseline-refs.js";
import { contentHash, issueList, loadRuleFile, refuseOverLimits } from "./compile.js";
import { listNationalBaselines, rulesDirectory } from "./baselines.js";
import { latestPublished, saveDraft, validateRuleSet, type RuleSetVersionSummary } from "./rule-sets.js";

export interface BaselineVersionSummary {
  baselineId: string;
  version: number;
  /** How a region's rules name this version in `extends`. */
  ref: string;
  name: string;
  contentHash: string;
  note: string;
  authorName: string;
  publishedAt: string;
}

export interface BaselineVersion extends BaselineVersionSummary {
  content: Record<string, unknown>;
}

export interface Baseline {
  baselineId: string;
  /** The newest version's name. */
  name: string;
  /** Newest first. */
  versions: BaselineVersionSummary[];
}

function summary(row: Omit<NationalBaselineRow, "content">): BaselineVersionSummary {
  return {
    baselineId: row.baseline_id,
    version: row.version,
    ref: baselineRef({ baselineId: row.baseline_id, version: row.version }),
    name: row.name,
    contentHash: row.content_hash,
    note: row.note,
    authorName: row.author_name,
    publishedAt: row.published_at,
  };
}

const SUMMARY_COLUMNS = ["baseline_id", "version", "name", "content_hash", "note", "author_id", "author_name", "published_at"] as const;

/** Every baseline with its versions, newest version first. */
export async function listBaselines(db: Kysely<Database>): Promise<Baseline[]> {
  const rows = await db.selectFrom("national_baselines").select(SUMMARY_COLUMNS).orderBy("baseline_id").orderBy("version", "desc").execute();
  const byId = new Map<string, Baseline>();
  for (const row of rows) {
    const baseline = byId.get(row.baseline_id) ?? { baselineId: row.baseline_id, name: row.name, versions: [] };
    baseline.versions.push(summary(row));
    byId.set(row.baseline_id, baseline);
  }
  return [...byId.values()];
}

async function findBaseline(db: Kysely<Database>, ref: BaselineRef): Promise<NationalBaselineRow> {
  const row = await db
    .selectFrom("national_baselines")
    .selectAll()
    .where("baseline_id", "=", ref.baselineId)
    .where("version", "=", ref.version)
    .executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Baseline nasional ${ref.baselineId} versi ${ref.version} tidak ada` });
  return row;
}

export async function getBaseline(db: Kysely<Database>, ref: BaselineRef): Promise<BaselineVersion> {
  const row = await findBaseline(db, ref);
  return { ...summary(row), content: parseJson(row.content) };
}

/** What changed from one version of a baseline to another, pointer by pointer. */
export async function diffBaselines(db: Kysely<Database>, input: { baselineId: string; fromVersion: number; toVersion: number }): Promise<JsonChange[]> {
  const from = await findBaseline(db, { baselineId: input.baselineId, version: input.fromVersion });
  const to = await findBaseline(db, { baselineId: input.baselineId, version: input.toVersion });
  return jsonDiff(parseJson(from.content), parseJson(to.content));
}

/**
 * Publishes a new version of a baseline (or its first): self-contained, valid, and its own cases pass, as a
 * region's rules must be before they are published. Numbered one past the newest; of two operators
 * publishing at once, the second is refused by the primary key and told to look again.
 */
export async function publishBaseline(
  db: Kysely<Database>,
  actor: Actor,
  input: { baselineId: string; content: Record<string, unknown>; note: string },
): Promise<BaselineVersionSummary> {
  const file = `national/${input.baselineId}`;
  refuseOverLimits(input.content, file);
  if (input.content.extends !== undefined) {
    throw new DomainError({
      code: "BAD_REQUEST",
      message: "Baseline nasional harus berdiri sendiri; yang diharapkan: isi tanpa extends",
      pointer: "/extends",
    });
  }
  const report = validateRuleSet(input.content, file);
  const errors = report.issues.filter((i) => i.severity === "error");
  if (errors.length > 0) {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: `Baseline ${input.baselineId} belum sah (${errors.length} kesalahan): ${issueList(errors)}` });
  }
  const failing = report.tests?.cases.filter((c) => !c.passed) ?? [];
  if (failing.length > 0) {
    throw new DomainError({
      code: "PRECONDITION_FAILED",
      message: `${failing.length} kasus uji baseline gagal: ${failing.slice(0, 5).map((c) => `${c.name}: ${c.message}`).join("; ")}`,
    });
  }
  const write = db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom("national_baselines")
      .select((eb) => eb.fn.max("version").as("version"))
      .where("baseline_id", "=", input.baselineId)
      .executeTakeFirst();
    const values = {
      baseline_id: input.baselineId,
      version: Number(last?.version ?? 0) + 1,
      name: typeof input.content.name === "string" && input.content.name.trim() ? input.content.name : input.baselineId,
      content: toJson(input.content),
      content_hash: contentHash(input.content),
      note: input.note.trim(),
      author_id: actor.id,
      author_name: actor.name,
      published_at: now(),
    };
    await trx.insertInto("national_baselines").values(values).execute();
    await auditNational(trx, {
      actor,
      action: values.version === 1 ? "baseline.create" : "baseline.publish",
      entity: "baseline",
      entityId: input.baselineId,
      after: { version: values.version, name: values.name, contentHash: values.content_hash, note: values.note },
    });
    return values;
  });
  const row = await write.catch((error: unknown) => {
    if (!uniqueViolation(error)) throw error;
    throw new DomainError({
      code: "CONFLICT",
      message: `Versi baru baseline ${input.baselineId} baru saja diterbitkan orang lain; muat ulang, periksa versi terbarunya, lalu terbitkan lagi`,
    });
  });
  return summary(row);
}

/** Who created or published which versions of a baseline, newest first (the national audit log). */
export async function baselineAudit(db: Kysely<Database>, baselineId: string): Promise<AuditLogEntry[]> {
  return listNationalAudit(db, { entity: "baseline", entityId: baselineId, limit: 200 });
}

/** The primary key refused the insert: the version number was taken between the read and the write. */
function uniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "23505" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || (typeof message === "string" && message.includes("UNIQUE constraint failed"));
}

/**
 * Stores each national baseline file (those a region may start from) as version 1, when the database has
 * no version of it yet: the first start of a new database.
 */
export async function seedBaselines(db: Kysely<Database>, actor: Actor, dir = rulesDirectory()): Promise<BaselineVersionSummary[]> {
  const stored = new Set((await db.selectFrom("national_baselines").select("baseline_id").execute()).map((r) => r.baseline_id));
  const published: BaselineVersionSummary[] = [];
  for (const baseline of listNationalBaselines(dir)) {
    if (stored.has(baseline.id)) continue;
    const { content } = loadRuleFile(join(dir, "national", `${baseline.id}.json`));
    published.push(await publishBaseline(db, actor, { baselineId: baseline.id, content, note: "Versi awal dari berkas rules/national" }));
  }
  return published;
}

export interface BaselineStatus {
  /** The region's newest published rule set version, or null before the first. */
  ruleSetVersionId: string | null;
  /** The baseline version it extends, or null for self-contained rules. */
  extends: BaselineVersionSummary | null;
  /** Published versions of that baseline newer than the one extended, newest first. */
  newer: BaselineVersionSummary[];
  /** What changed from the version extended to the newest, but its cases (a region's rules do not inherit them). */
  changes: JsonChange[];
  /** The region's last finalised cycle, to try the newest version on (what-if), or null. */
  lastFinalisedCycle: { id: string; name: string; periodLabel: string } | null;
}

/** Where the region's published rules stand against the baseline they extend. */
export async function baselineStatus(scope: Scope): Promise<BaselineStatus> {
  const { db, regionId } = scope;
  const published = await latestPublished(db, regionId);
  const cycle = await db
    .selectFrom("cycles")
    .select(["id", "name", "period_label"])
    .where("region_id", "=", regionId)
    .where("status", "=", "finalised")
    .orderBy("finalised_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const lastFinalisedCycle = cycle ? { id: cycle.id, name: cycle.name, periodLabel: cycle.period_label } : null;
  const ref = published ? extendsOf(parseJson(published.content)).map(parseBaselineRef).find((r) => r !== null) : undefined;
  if (!published || !ref) return { ruleSetVersionId: published?.id ?? null, extends: null, newer: [], changes: [], lastFinalisedCycle };
  const current = await findBaseline(db, ref);
  const newerRows = await db
    .selectFrom("national_baselines")
    .select(SUMMARY_COLUMNS)
    .where("baseline_id", "=", ref.baselineId)
    .where("version", ">", ref.version)
    .orderBy("version", "desc")
    .execute();
  // A baseline's cases are not inherited (each file answers for its own), so they are no change to the region.
  const changes = newerRows[0]
    ? (await diffBaselines(db, { baselineId: ref.baselineId, fromVersion: ref.version, toVersion: newerRows[0].version })).filter((c) => !c.pointer.startsWith("/tests"))
    : [];
  return { ruleSetVersionId: published.id, extends: summary(current), newer: newerRows.map(summary), changes, lastFinalisedCycle };
}

/** The region's newest published content, extending `version` of the same baseline instead. */
export async function movedContent(scope: Scope, version: number): Promise<Record<string, unknown>> {
  const { db, regionId } = scope;
  const published = await latestPublished(db, regionId);
  const content = published ? parseJson<Record<string, unknown>>(published.content) : null;
  const ref = content ? extendsOf(content).map(parseBaselineRef).find((r) => r !== null) : undefined;
  if (!content || !ref) {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: "Aturan wilayah yang terbit tidak memperluas baseline nasional; pilih baseline di editor aturan dulu" });
  }
  const target = await findBaseline(db, { baselineId: ref.baselineId, version });
  const from = baselineRef(ref);
  const to = baselineRef({ baselineId: target.baseline_id, version: target.version });
  const refs = extendsOf(content).map((r) => (r === from ? to : r));
  return { ...content, extends: typeof content.extends === "string" ? to : refs };
}

/**
 * Moves the region to another version of its baseline: a new draft of its newest published rules that
 * extends that version, for the admin to check and publish as any draft. Cycles already created keep
 * the version they pinned.
 */
export async function moveToBaseline(scope: Scope, input: { version: number }): Promise<RuleSetVersionSummary> {
  const content = await movedContent(scope, input.version);
  const { version } = await saveDraft(scope, { content });
  return version;
}
