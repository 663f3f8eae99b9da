// Nobody becomes someone else by editing their own account: better-auth's endpoints that change a user
// are switched off for every role, and even a sign-in name changed behind the API's back decides
// nothing, because access follows the account's link to its employee record (by id).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authClient, type AuthClient } from "./testing/auth-client.js";
import { createOperator, createTestEnv, PASSWORD, OPERATOR_EMAIL, seedRegion, type SeededRegion, type TestEnv } from "./testing/env.js";


/** Every better-auth endpoint that changes a user, with a body that tries to take someone else's identity. */
function takeovers(victim: { nip: string; email: string; regionId: string; employeeId: string }) {
  const identity = { username: victim.nip, email: victim.email, role: "admin", regionId: victim.regionId, employeeId: victim.employeeId, name: "Orang Lain" };
  return [
    { path: "/update-user", body: identity },
    { path: "/update-user", body: { username: victim.nip } },
    { path: "/change-email", body: { newEmail: victim.email } },
    { path: "/delete-user", body: { password: PASSWORD } },
    { path: "/update-session", body: { userId: "x" } },
    { path: "/sign-up/email", body: { ...identity, password: "sandi-yang-panjang-1" } },
    { path: "/link-social", body: { provider: "google" } },
    { path: "/unlink-account", body: { providerId: "credential" } },
  ];
}

describe.each(inject("dialects"))("accounts cannot be taken over, on %s", (dialect) => {
  let env: TestEnv;
  let client: AuthClient;
  let binjai: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    await createOperator(env);
    binjai = await seedRegion(env, "binjai", 24);
    client = authClient(env);
  });
  afterAll(() => env?.dispose());

  const post = (path: string, body: unknown, cookie = "") => client.post(path, body, cookie ? { cookie } : {});
  const signIn = (login: { username?: string | null; email?: string }) => client.signIn(login);
  const callerFor = (cookie: string) => client.callerFor(cookie);

  const userRow = (id: string) =>
    env.database.db.selectFrom("user").select(["name", "email", "username", "role", "region_id", "employee_id"]).where("id", "=", id).executeTakeFirstOrThrow();

  /** An employee of the region who is neither of the seeded sign-ins nor reports to the assessor. */
  async function colleague() {
    return env.database.db
      .selectFrom("employees")
      .select(["id", "nip"])
      .where("region_id", "=", "binjai")
      .where("nip", "not in", [binjai.employee.username as string, binjai.assessor.username as string])
      .where((eb) => eb.or([eb("atasan_nip", "is", null), eb("atasan_nip", "!=", binjai.assessor.username as string)]))
      .orderBy("nip")
      .executeTakeFirstOrThrow();
  }

  it("links every NIP account to its employee record by id", async () => {
    for (const user of [binjai.assessor, binjai.employee]) {
      const row = await userRow(user.id);
      const employee = await env.database.db.selectFrom("employees").select("nip").where("id", "=", row.employee_id as string).executeTakeFirstOrThrow();
      expect(employee.nip).toBe(user.username);
    }
  });

  it("answers 404 to every user-changing endpoint, for each role, and changes nothing that decides access", async () => {
    const victim = await colleague();
    const logins = [{ email: OPERATOR_EMAIL }, { email: binjai.admin.email }, { username: binjai.assessor.username }, { username: binjai.employee.username }];
    const ids = [null, binjai.admin.id, binjai.assessor.id, binjai.employee.id];
    for (const [i, login] of logins.entries()) {
      const cookie = await signIn(login);
      const id = ids[i] ?? (await env.database.db.selectFrom("user").select("id").where("email", "=", OPERATOR_EMAIL).executeTakeFirstOrThrow()).id;
      const before = await userRow(id);
      for (const { path, body } of takeovers({ nip: victim.nip, email: "korban@binjai.test", regionId: "binjai", employeeId: victim.id })) {
        const response = await post(path, body, cookie);
        expect(response.status, `${JSON.stringify(login)} ${path}`).toBe(404);
      }
      expect(await userRow(id)).toEqual(before);
    }
  });

  it("keeps deciding access from the employee link even when the sign-in name is changed behind the API's back", async () => {
    const victim = await colleague();
    const cookie = await signIn({ username: binjai.employee.username });
    const own = await callerFor(cookie);
    await expect(own.employee.get({ id: victim.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await env.database.db.updateTable("user").set({ username: victim.nip }).where("id", "=", binjai.employee.id).execute();
    try {
      const renamed = await callerFor(cookie);
      await expect(renamed.employee.get({ id: victim.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await renamed.employee.get({ id: binjai.report.id })).nip).toBe(binjai.employee.username);
    } finally {
      await env.database.db.updateTable("user").set({ username: binjai.employee.username }).where("id", "=", binjai.employee.id).execute();
    }
  });

  it("gives an assessor who takes another team head's NIP nothing of that team", async () => {
    const head = await env.database.db
      .selectFrom("employees as h")
      .innerJoin("employees as r", (join) => join.onRef("r.region_id", "=", "h.region_id").onRef("r.atasan_nip", "=", "h.nip"))
      .select(["h.nip as headNip", "r.id as reportId"])
      .where("h.region_id", "=", "binjai")
      .where("h.nip", "!=", binjai.assessor.username as string)
      .orderBy("h.nip")
      .executeTakeFirstOrThrow();
    const cookie = await signIn({ username: binjai.assessor.username });
    await env.database.db.updateTable("user").set({ username: head.headNip }).where("id", "=", binjai.assessor.id).execute();
    try {
      const caller = await callerFor(cookie);
      await expect(caller.employee.get({ id: head.reportId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(caller.assessment.form({ cycleId: binjai.cycleId, employeeId: head.reportId, source: "supervisor" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await caller.employee.get({ id: binjai.report.id })).id).toBe(binjai.report.id);
    } finally {
      await env.database.db.updateTable("user").set({ username: binjai.assessor.username }).where("id", "=", binjai.assessor.id).execute();
    }
  });
});
