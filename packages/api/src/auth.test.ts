import { getMigrations } from "better-auth/db/migration";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { authOptions, sessionFromHeaders, type Auth } from "./auth.js";
import { SESSION_CACHE_MS } from "./session-cache.js";
import { authClient, cookieOf as cookieSet, TEST_SECRET, type AuthClient } from "./testing/auth-client.js";
import { createOperator, createTestEnv, OPERATOR_EMAIL, PASSWORD, seedRegion, type SeededRegion, type TestEnv } from "./testing/env.js";


describe.each(inject("dialects"))("better-auth on %s", (dialect) => {
  let env: TestEnv;
  let auth: Auth;
  let client: AuthClient;
  let binjai: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    await createOperator(env);
    binjai = await seedRegion(env, "binjai", 12);
    client = authClient(env);
    auth = client.auth;
  });
  afterAll(() => env?.dispose());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => client.post(path, body, headers);

  async function cookieOf(response: Response): Promise<string> {
    expect(response.status, await response.clone().text()).toBe(200);
    return cookieSet(response);
  }

  it("finds our migrations' tables exactly as its own schema expects them", async () => {
    const plan = await getMigrations(authOptions({ db: env.database.db, dialect, secret: TEST_SECRET }));
    expect(plan.toBeCreated).toEqual([]);
    expect(plan.toBeAdded).toEqual([]);
  });

  it("signs an operator in by e-mail and reads role and region from the session", async () => {
    const cookie = await cookieOf(await post("/sign-in/email", { email: OPERATOR_EMAIL, password: PASSWORD }));
    const session = await sessionFromHeaders(auth, new Headers({ cookie }));
    expect(session?.user).toMatchObject({ email: OPERATOR_EMAIL, role: "operator", regionId: null });
  });

  it("signs an assessor and an employee in by NIP", async () => {
    for (const user of [binjai.assessor, binjai.employee]) {
      const cookie = await cookieOf(await post("/sign-in/username", { username: user.username, password: PASSWORD }));
      const session = await sessionFromHeaders(auth, new Headers({ cookie }));
      expect(session?.user).toMatchObject({ id: user.id, username: user.username, role: user.role, regionId: "binjai" });
    }
  });

  it("refuses a wrong password, an invalid NIP, and sign-up", async () => {
    expect((await post("/sign-in/email", { email: "admin@binjai.test", password: "salah-sandi" })).status).toBe(401);
    expect((await post("/sign-in/username", { username: binjai.employee.username, password: "salah-sandi" })).status).toBe(401);
    expect((await post("/sign-in/username", { username: "123456789012345678", password: PASSWORD })).status).toBe(422);
    const signUp = await post("/sign-up/email", { email: "baru@binjai.test", password: PASSWORD, name: "Baru" });
    expect(signUp.status).toBe(404);
    const count = await env.database.db.selectFrom("user").select("email").where("email", "=", "baru@binjai.test").execute();
    expect(count).toEqual([]);
  });

  it("reads no session without cookies, and none after sign-out", async () => {
    expect(await sessionFromHeaders(auth, new Headers())).toBeNull();
    const cookie = await cookieOf(await post("/sign-in/email", { email: "admin@binjai.test", password: PASSWORD }));
    expect((await sessionFromHeaders(auth, new Headers({ cookie })))?.user.role).toBe("admin");
    await post("/sign-out", {}, { cookie });
    expect(await sessionFromHeaders(auth, new Headers({ cookie }))).toBeNull();
  });

  it("trusts a session read lately only until SESSION_CACHE_MS, and refuses it at once when revoked on this server", async () => {
    const { admin } = binjai;
    const signInAdmin = async () => cookieOf(await post("/sign-in/email", { email: "admin@binjai.test", password: PASSWORD }));
    const read = (cookie: string) => sessionFromHeaders(auth, new Headers({ cookie }));

    // Ended by another server sharing the database (the row deleted, nothing said to this process): refused
    // once the entry is older than SESSION_CACHE_MS.
    const elsewhere = await signInAdmin();
    const before = await read(elsewhere);
    expect(before?.user.id).toBe(admin.id);
    await env.database.db.deleteFrom("session").where("id", "=", before!.id!).execute();
    expect((await read(elsewhere))?.id).toBe(before!.id);
    const later = Date.now() + SESSION_CACHE_MS + 1;
    const clock = vi.spyOn(Date, "now").mockReturnValue(later);
    try {
      expect(await read(elsewhere)).toBeNull();
    } finally {
      clock.mockRestore();
    }

    // Ended on this server, by an admin or by better-auth: refused on the very next request.
    const ended = await signInAdmin();
    const other = await signInAdmin();
    expect((await read(ended))?.user.id).toBe(admin.id);
    expect((await read(other))?.user.id).toBe(admin.id);
    const endedId = (await read(ended))!.id!;
    const { token } = await env.database.db.selectFrom("session").select("token").where("id", "=", endedId).executeTakeFirstOrThrow();
    const revoke = await auth.api.revokeSession({ body: { token }, headers: new Headers({ cookie: other }) });
    expect(revoke).toMatchObject({ status: true });
    expect(await read(ended)).toBeNull();
    expect((await read(other))?.user.id).toBe(admin.id);
  });
});
