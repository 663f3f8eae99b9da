// Who decided an appeal, and the forum's calibration sessions. An appeal records the capacity its decider
// acted in (`decided_as`: the assessor's superior, the region's admin or the appeals panel) and why that
// person decided (`decider_reason`: the superior; the superior has no account; the assessor has no superior
// in the data; the superior did not decide within workflow.appeals.fallbackAfterDays). A calibration session
// is one forum's decision on the moves proposed to bring units within the distribution curve: the units,
// every proposed move with what was decided (accepted, changed to another predikat, rejected), one reason,
// who and when, and the result version it made (none when every move was rejected). Append-only.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> {
  await db.schema.alterTable("appeals").addColumn("decided_as", "text").execute();
  await db.schema.alterTable("appeals").addColumn("decider_reason", "text").execute();

  await db.schema
    .createTable("calibration_sessions")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text", (c) => c.notNull())
    // string[]: the units the session calibrated.
    .addColumn("unit_ids", "text", (c) => c.notNull())
    // [{ employeeId, unitId, from, proposed, to, decision }]: to is null when the move was rejected.
    .addColumn("moves", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    // The result version the session made; null when nothing was applied.
    .addColumn("run_id", "text")
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("calibration_sessions_pk", ["region_id", "id"])
    .addForeignKeyConstraint("calibration_sessions_cycle_fk", ["region_id", "cycle_id"], "cycles", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("calibration_sessions_cycle_idx").on("calibration_sessions").columns(["region_id", "cycle_id"]).execute();

  if (dialect === "postgres") {
    await sql`
      CREATE TRIGGER calibration_sessions_append_only BEFORE UPDATE OR DELETE ON calibration_sessions
      FOR EACH ROW EXECUTE FUNCTION refuse_change_in_place()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER calibration_sessions_no_update BEFORE UPDATE ON calibration_sessions
      BEGIN SELECT RAISE(ABORT, 'calibration_sessions is never changed in place: UPDATE refused; write a new version'); END`.execute(db);
    await sql`
      CREATE TRIGGER calibration_sessions_no_delete BEFORE DELETE ON calibration_sessions
      BEGIN SELECT RAISE(ABORT, 'calibration_sessions is never changed in place: DELETE refused; write a new version'); END`.execute(db);
  }
}
