// An account's life through real sign-ins (better-auth on the test database, its cookies read back by the
// API): an admin disables and enables it, sets a temporary password that must be changed first, ends its
// sessions; its holder changes the password and ends their own sessions; an admin reaches only accounts
// of their own region.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sessionFromHeaders, type Auth } from "./auth.js";
import { authClient, cookieOf, type AuthClient } from "./testing/auth-client.js";
import { createOperator, createTestEnv, PASSWORD, seedRegion, type SeededRegion, type TestEnv } from "./testing/env.js";
import type { SessionUser } from "./auth.js";


describe.each(inject("dialects"))("account lifecycle on %s", (dialect) => {
  let env: TestEnv;
  let auth: Auth;
  let client: AuthClient;
  let operator: SessionUser;
  let binjai: SeededRegion;
  let pariaman: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    operator = await createOperator(env);
    binjai = await seedRegion(env, "binjai", 12);
    pariaman = await seedRegion(env, "pariaman", 12);
    client = authClient(env);
    auth = client.auth;
  });
  afterAll(() => env?.dispose());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => client.post(path, body, headers);
  /** Signs the NIP account in and answers its session cookie. */
  const signIn = (user: SessionUser, password = PASSWORD, headers: Record<string, string> = {}) => client.signIn(user, password, headers);
  const callerFor = (cookie: string) => client.callerFor(cookie);

  const signedIn = async (cookie: string) => (await sessionFromHeaders(auth, new Headers({ cookie }))) !== null;

  async function auditOf(action: string, entityId: string) {
    return (await env.as(binjai.admin).audit.list({ action, entityId })).items;
  }

  it("disables an account: its open session ends at once and its sign-in is refused, in Indonesian", async () => {
    const { employee, admin } = binjai;
    const cookie = await signIn(employee);
    expect((await (await callerFor(cookie)).employee.get({ id: binjai.report.id })).nip).toBe(employee.username);

    const state = await env.as(admin).account.disable({ id: employee.id });
    expect(state.disabledAt).not.toBeNull();
    expect(await signedIn(cookie)).toBe(false);
    await expect((await callerFor(cookie)).employee.get({ id: binjai.report.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    const refused = await post("/sign-in/username", { username: employee.username, password: PASSWORD });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "ACCOUNT_DISABLED", message: expect.stringContaining("Akun Anda dinonaktifkan") });
    expect(cookieOf(refused)).toBe("");
    const rows = await env.database.db.selectFrom("session").select("id").where("user_id", "=", employee.id).execute();
    expect(rows).toEqual([]);

    const listed = (await env.as(admin).account.list()).find((a) => a.id === employee.id);
    expect(listed).toMatchObject({ disabledAt: state.disabledAt, activeSessions: 0, mustChangePassword: false });
    expect(await auditOf("account.disable", employee.id)).toMatchObject([
      { actor: { id: admin.id, role: "admin" }, entity: "user", after: { disabledAt: state.disabledAt, sessionsEnded: 1 } },
    ]);

    expect((await env.as(admin).account.enable({ id: employee.id })).disabledAt).toBeNull();
    expect(await signedIn(await signIn(employee))).toBe(true);
    expect(await auditOf("account.enable", employee.id)).toMatchObject([{ actor: { id: admin.id }, after: { disabledAt: null } }]);
  });

  it("holds a temporary password's holder to changing it before any other call; the change clears the flag", async () => {
    const { assessor, admin } = binjai;
    const before = await signIn(assessor);
    const { password, mustChangePassword } = await env.as(admin).account.setTemporaryPassword({ id: assessor.id });
    expect(mustChangePassword).toBe(true);
    expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(await signedIn(before)).toBe(false);
    expect((await post("/sign-in/username", { username: assessor.username, password: PASSWORD })).status).toBe(401);

    const temporary = await signIn(assessor, password);
    const session = await sessionFromHeaders(auth, new Headers({ cookie: temporary }));
    expect(session?.mustChangePassword).toBe(true);
    const caller = await callerFor(temporary);
    for (const call of [() => caller.employee.get({ id: binjai.report.id }), () => caller.cycle.list({}), () => caller.account.sessions()]) {
      await expect(call()).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("Ganti kata sandi Anda terlebih dahulu") });
    }

    const same = await post("/change-password", { currentPassword: password, newPassword: password }, { cookie: temporary });
    expect(same.status).toBe(400);
    expect(await same.json()).toMatchObject({ code: "PASSWORD_UNCHANGED" });

    const changed = await post("/change-password", { currentPassword: password, newPassword: "sandi-pilihan-sendiri-9" }, { cookie: temporary });
    expect(changed.status, await changed.clone().text()).toBe(200);
    const fresh = cookieOf(changed);
    expect((await (await callerFor(fresh)).employee.get({ id: binjai.report.id })).id).toBe(binjai.report.id);
    const row = await env.database.db.selectFrom("user").select("must_change_password").where("id", "=", assessor.id).executeTakeFirstOrThrow();
    expect(Boolean(row.must_change_password)).toBe(false);
    expect(await signedIn(temporary)).toBe(false);

    const [set] = await auditOf("account.setTemporaryPassword", assessor.id);
    const [change] = await auditOf("account.changePassword", assessor.id);
    expect(set).toMatchObject({ actor: { id: admin.id }, after: { mustChangePassword: true, sessionsEnded: 1 } });
    expect(change).toMatchObject({ actor: { id: assessor.id }, after: { wasTemporary: true, otherSessionsEnded: true } });
    for (const secret of [password, "sandi-pilihan-sendiri-9"]) expect(JSON.stringify([set, change])).not.toContain(secret);

    const back = await post("/change-password", { currentPassword: "sandi-pilihan-sendiri-9", newPassword: PASSWORD }, { cookie: fresh });
    expect(back.status).toBe(200);
  });

  it("ends the person's other sessions when they change their password, even when the client asks to keep them", async () => {
    const { employee } = binjai;
    const phone = await signIn(employee);
    const laptop = await signIn(employee);
    const changed = await post("/change-password", { currentPassword: PASSWORD, newPassword: "sandi-baru-sekali-1", revokeOtherSessions: false }, { cookie: laptop });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect(await signedIn(phone)).toBe(false);
    const now = cookieOf(changed);
    expect(await signedIn(now)).toBe(true);
    expect(await (await callerFor(now)).account.sessions()).toHaveLength(1);
    expect((await post("/change-password", { currentPassword: "sandi-baru-sekali-1", newPassword: PASSWORD }, { cookie: now })).status).toBe(200);
  });

  it("shows a person their sessions (device, address, since when) and lets them end one, never another person's", async () => {
    const { employee, assessor, admin } = binjai;
    await env.as(admin).account.endSessions({ id: employee.id });
    const phone = await signIn(employee, PASSWORD, { "user-agent": "Ponsel Uji/1.0" });
    const laptop = await signIn(employee, PASSWORD, { "user-agent": "Laptop Uji/2.0" });
    const own = await callerFor(laptop);
    const sessions = await own.account.sessions();
    expect(sessions.map((s) => [s.userAgent, s.current])).toEqual([
      ["Laptop Uji/2.0", true],
      ["Ponsel Uji/1.0", false],
    ]);
    expect(sessions[1]).toMatchObject({ ipAddress: expect.any(String), signedInAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });

    const someoneElse = await signIn(assessor);
    const [theirs] = await (await callerFor(someoneElse)).account.sessions();
    await expect(own.account.endSession({ id: theirs!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await signedIn(someoneElse)).toBe(true);

    await own.account.endSession({ id: sessions[1]!.id });
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(laptop)).toBe(true);
    expect(await auditOf("account.endOwnSession", employee.id)).toMatchObject([{ actor: { id: employee.id }, after: { current: false } }]);

    expect(await env.as(admin).account.endSessions({ id: employee.id })).toEqual({ sessionsEnded: 1 });
    expect(await signedIn(laptop)).toBe(false);
    const [ended] = await auditOf("account.endSessions", employee.id);
    expect(ended).toMatchObject({ actor: { id: admin.id }, after: { sessionsEnded: 1 } });
  });

  it("lets an admin reach only their own region's accounts; an operator names the region", async () => {
    const victim = pariaman.employee;
    const cookie = await signIn(victim);
    const admin = env.as(binjai.admin);
    for (const call of [
      () => admin.account.disable({ id: victim.id }),
      () => admin.account.enable({ id: victim.id }),
      () => admin.account.setTemporaryPassword({ id: victim.id, password: "sandi-orang-lain-1" }),
      () => admin.account.endSessions({ id: victim.id }),
      () => admin.account.disable({ id: operator.id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(admin.account.disable({ regionId: "pariaman", id: victim.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await signedIn(cookie)).toBe(true);
    const row = await env.database.db.selectFrom("user").select(["disabled_at", "must_change_password"]).where("id", "=", victim.id).executeTakeFirstOrThrow();
    expect(row.disabled_at).toBeNull();
    expect(Boolean(row.must_change_password)).toBe(false);

    await expect(env.as(binjai.assessor).account.disable({ id: binjai.employee.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(env.as(binjai.employee).account.endSessions({ id: binjai.assessor.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(admin.account.disable({ id: binjai.admin.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await env.as(operator).account.disable({ regionId: "pariaman", id: victim.id });
    expect(await signedIn(cookie)).toBe(false);
    await env.as(operator).account.enable({ regionId: "pariaman", id: victim.id });
  });
});
