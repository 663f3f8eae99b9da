// An account is linked to its employee record by id, not by a name its holder could change: access is
// decided from this link. Existing accounts are linked by the NIP they sign in with, in their region.
// One account per employee.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").addColumn("employee_id", "text").execute();
  await sql`update "user" set employee_id = (
      select e.id from employees e where e.region_id = "user".region_id and e.nip = "user".username
    ) where username is not null`.execute(db);
  await db.schema.createIndex("user_employee_idx").unique().on("user").column("employee_id").execute();
}
