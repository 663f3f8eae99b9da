// Continuous feedback (umpan balik berkelanjutan) on work entries: anyone in the region may ask for
// feedback (optionally from a named colleague) or give it, at any time, in a thread under the entry, each
// message with its author's role. The thread is read by the employee, the assessor, admins, and those who
// take part in it (asked, or wrote in it).
import { newId, now, type FeedbackRow } from "@kinerja/db";
import type { Scope } from "../access/index.js";
import { audit, decodeCursor, DomainError, pageOf, type Page } from "../lib/index.js";
import { assertFeedbackOpen } from "../rules/index.js";
import { assertCanSeeEntry, entryParts } from "./work-entries.js";

export interface FeedbackView {
  id: string;
  workEntryId: string;
  /** The period of the work entry's cycle (2025-Q3): feedback belongs to the period the work was done in. */
  periodLabel: string;
  parentId: string | null;
  kind: "request" | "feedback";
  askedNip: string | null;
  body: string;
  author: { id: string | null; name: string; role: string; nip: string | null };
  createdAt: string;
}

function view(row: FeedbackRow, periodLabel: string): FeedbackView {
  return {
    id: row.id,
    workEntryId: row.work_entry_id,
    periodLabel,
    parentId: row.parent_id,
    kind: row.kind,
    askedNip: row.asked_nip,
    body: row.body,
    author: { id: row.author_id, name: row.author_name, role: row.author_role, nip: row.author_nip },
    createdAt: row.created_at,
  };
}

export async function postFeedback(
  scope: Scope,
  input: { workEntryId: string; kind: "request" | "feedback"; body: string; parentId?: string; askNip?: string },
): Promise<FeedbackView> {
  const { regionId, user, actor } = scope;
  if (input.askNip && input.kind !== "request") {
    throw new DomainError({ code: "BAD_REQUEST", message: "askNip hanya untuk permintaan umpan balik (kind: request)" });
  }
  return scope.db.transaction().execute(async (trx) => {
    const { entry, cycle } = await entryParts(trx, regionId, input.workEntryId);
    assertFeedbackOpen(cycle);
    if (input.parentId) {
      const parent = await trx
        .selectFrom("feedback")
        .select("work_entry_id")
        .where("region_id", "=", regionId)
        .where("id", "=", input.parentId)
        .executeTakeFirst();
      if (!parent || parent.work_entry_id !== entry.id) {
        throw new DomainError({ code: "BAD_REQUEST", message: `parentId ${input.parentId} bukan pesan pada utas catatan kerja ini` });
      }
    }
    if (input.askNip) {
      const asked = await trx.selectFrom("employees").select("id").where("region_id", "=", regionId).where("nip", "=", input.askNip).executeTakeFirst();
      if (!asked) throw new DomainError({ code: "BAD_REQUEST", message: `askNip ${input.askNip} bukan NIP pegawai wilayah ini` });
    }
    const row: FeedbackRow = {
      region_id: regionId,
      id: newId(),
      work_entry_id: entry.id,
      parent_id: input.parentId ?? null,
      kind: input.kind,
      asked_nip: input.askNip ?? null,
      body: input.body,
      author_id: user.id,
      author_name: user.name,
      author_role: user.role,
      author_nip: scope.me?.nip ?? null,
      created_at: now(),
    };
    await trx.insertInto("feedback").values(row).execute();
    await audit(trx, { regionId, actor, action: input.kind === "request" ? "feedback.ask" : "feedback.give", entity: "workEntry", entityId: entry.id, after: view(row, cycle.period_label) });
    return view(row, cycle.period_label);
  });
}

/** A work entry's thread, oldest first. */
export async function listFeedback(scope: Scope, input: { workEntryId: string; cursor?: string; limit: number }): Promise<Page<FeedbackView>> {
  const { db, regionId } = scope;
  const parts = await entryParts(db, regionId, input.workEntryId);
  await assertCanSeeEntry(scope, parts);
  let query = db.selectFrom("feedback").selectAll().where("region_id", "=", regionId).where("work_entry_id", "=", input.workEntryId);
  if (input.cursor) query = query.where("id", ">", String(decodeCursor(input.cursor, 1)[0]));
  const rows = await query.orderBy("id").limit(input.limit + 1).execute();
  return pageOf(rows, input.limit, (r) => [r.id], (r) => view(r, parts.cycle.period_label));
}

/** Requests for feedback addressed to the signed-in person (by their employee record's NIP), newest first. */
export async function feedbackInbox(scope: Scope, input: { cursor?: string; limit: number }): Promise<Page<FeedbackView>> {
  if (!scope.me) return { items: [], nextCursor: null };
  let query = scope.db
    .selectFrom("feedback as f")
    .innerJoin("work_entries as w", (join) => join.onRef("w.region_id", "=", "f.region_id").onRef("w.id", "=", "f.work_entry_id"))
    .innerJoin("cycles as c", (join) => join.onRef("c.region_id", "=", "w.region_id").onRef("c.id", "=", "w.cycle_id"))
    .selectAll("f")
    .select("c.period_label")
    .where("f.region_id", "=", scope.regionId)
    .where("f.asked_nip", "=", scope.me.nip)
    .where("f.kind", "=", "request");
  if (input.cursor) query = query.where("f.id", "<", String(decodeCursor(input.cursor, 1)[0]));
  const rows = await query.orderBy("f.id", "desc").limit(input.limit + 1).execute();
  return pageOf(rows, input.limit, (r) => [r.id], ({ period_label, ...row }) => view(row, period_label));
}
