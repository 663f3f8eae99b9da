// Guessing passwords through better-auth's sign-in, on each dialect: an account locks after 5 attempts that
// did not succeed (the right password too is refused, with 429, Retry-After and an Indonesian message)
// until 15 minutes have passed; a success wipes the count; an address is limited across accounts; and
// two auth instances on one database (two servers) count the same attempts.
import { openDatabase, type OpenDatabase } from "@kinerja/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "./auth-credentials.js";
import { createAuth, type Auth } from "./auth.js";
import { TEST_ORIGIN as ORIGIN, TEST_SECRET as SECRET } from "./testing/auth-client.js";
import { DEFAULT_SIGN_IN_LIMITS } from "./services/credentials/index.js";
import { createAccount } from "./services/organisation/index.js";
import { createOperator, createTestEnv, OPERATOR_EMAIL, PASSWORD, seedRegion, type SeededRegion, type TestEnv } from "./testing/env.js";

const MINUTE = 60_000;
const LOCKED = "Terlalu banyak percobaan masuk. Akun dikunci sementara; coba lagi dalam 15 menit.";

describe.each(inject("dialects"))("sign-in limits on %s", (dialect) => {
  let env: TestEnv;
  let auth: Auth;
  let binjai: SeededRegion;
  let clock = Date.parse("2026-12-02T01:00:00.000Z");
  const now = () => new Date(clock);

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    await createOperator(env);
    binjai = await seedRegion(env, "binjai", 12);
    for (let i = 1; i <= 8; i++) {
      await createAccount(env.database.db, { name: `Admin ${i}`, email: `admin${i}@binjai.test`, password: PASSWORD, role: "admin", regionId: "binjai" });
    }
    auth = createAuth({ db: env.database.db, dialect, secret: SECRET, baseURL: ORIGIN, now });
  });
  afterAll(() => env?.dispose());

  /** A sign-in from `address` (as the server reads it from the connection), by e-mail or by NIP. */
  function signIn(login: string, password: string, address: string, through: Auth = auth) {
    const byNip = /^\d{18}$/.test(login);
    return through.handler(
      new Request(`${ORIGIN}/api/auth/sign-in/${byNip ? "username" : "email"}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, [CLIENT_ADDRESS_HEADER]: address },
        body: JSON.stringify(byNip ? { username: login, password } : { email: login, password }),
      }),
    );
  }

  async function statuses(login: string, password: string, address: string, times: number, through: Auth = auth): Promise<number[]> {
    const answered: number[] = [];
    for (let i = 0; i < times; i++) answered.push((await signIn(login, password, address, through)).status);
    return answered;
  }

  it("locks an account after 5 wrong passwords: the right one is refused (429, Retry-After, in Indonesian) until 15 minutes have passed", async () => {
    expect(await statuses(OPERATOR_EMAIL, "salah-sandi", "10.0.1.1", 5)).toEqual([401, 401, 401, 401, 401]);

    const locked = await signIn(OPERATOR_EMAIL, PASSWORD, "10.0.1.1");
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("900");
    expect(await locked.json()).toEqual({ code: "SIGN_IN_LOCKED", message: LOCKED });
    expect(locked.headers.getSetCookie()).toEqual([]);
    // From another address too: the lock is the account's.
    expect((await signIn(OPERATOR_EMAIL, PASSWORD, "10.0.1.2")).status).toBe(429);

    clock += 14 * MINUTE;
    const later = await signIn(OPERATOR_EMAIL, PASSWORD, "10.0.1.1");
    expect(later.status).toBe(429);
    expect(later.headers.get("retry-after")).toBe("60");
    expect(await later.json()).toMatchObject({ message: expect.stringContaining("coba lagi dalam 1 menit") });

    clock += MINUTE;
    expect((await signIn(OPERATOR_EMAIL, PASSWORD, "10.0.1.1")).status).toBe(200);
  });

  it("forgets the failures once the right password is given", async () => {
    const admin = "admin1@binjai.test";
    expect(await statuses(admin, "salah-sandi", "10.0.2.1", 4)).toEqual([401, 401, 401, 401]);
    expect((await signIn(admin, PASSWORD, "10.0.2.1")).status).toBe(200);
    expect(await statuses(admin, "salah-sandi", "10.0.2.1", 4)).toEqual([401, 401, 401, 401]);
    expect((await signIn(admin, PASSWORD, "10.0.2.1")).status).toBe(200);
  });

  it("counts an account once whichever way it signs in: by NIP and by the e-mail it holds", async () => {
    const nip = binjai.assessor.username as string;
    expect(await statuses(nip, "salah-sandi", "10.0.3.1", 3)).toEqual([401, 401, 401]);
    expect(await statuses(binjai.assessor.email, "salah-sandi", "10.0.3.1", 2)).toEqual([401, 401]);
    expect((await signIn(nip, PASSWORD, "10.0.3.1")).status).toBe(429);
    clock += 15 * MINUTE;
    expect((await signIn(nip, PASSWORD, "10.0.3.1")).status).toBe(200);
  });

  it("locks a login that names no account just as it locks a real one, so the answer tells nothing", async () => {
    expect(await statuses("tidak-ada@binjai.test", "salah-sandi", "10.0.4.1", 5)).toEqual([401, 401, 401, 401, 401]);
    const refused = await signIn("tidak-ada@binjai.test", "salah-sandi", "10.0.4.1");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ code: "SIGN_IN_LOCKED", message: LOCKED });
  });

  it("checks at most 5 passwords of a burst of parallel guesses", async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => signIn("admin2@binjai.test", "salah-sandi", "10.0.5.1")));
    const counted = answers.map((a) => a.status).sort();
    expect(counted).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    expect((await signIn("admin2@binjai.test", PASSWORD, "10.0.5.1")).status).toBe(429);
    clock += 15 * MINUTE;
  });

  it("limits one address to 30 failed sign-ins in 10 minutes across accounts; other addresses go on", async () => {
    const address = "10.0.6.1";
    // 4 wrong passwords for each of 7 accounts and 2 for an eighth: no account locks, the address does.
    for (let i = 1; i <= 7; i++) expect(await statuses(`admin${i}@binjai.test`, "salah-sandi", address, 4)).toEqual([401, 401, 401, 401]);
    expect(await statuses("admin8@binjai.test", "salah-sandi", address, 2)).toEqual([401, 401]);

    const refused = await signIn("admin8@binjai.test", PASSWORD, address);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("600");
    expect(await refused.json()).toEqual({
      code: "SIGN_IN_ADDRESS_LIMITED",
      message: "Terlalu banyak percobaan masuk dari alamat jaringan Anda. Coba lagi dalam 10 menit.",
    });
    expect((await signIn("admin8@binjai.test", PASSWORD, "10.0.6.2")).status).toBe(200);

    clock += 10 * MINUTE;
    expect((await signIn("admin7@binjai.test", PASSWORD, address)).status).toBe(200);
    // 33 password checks (scrypt, by design slow) one after another: on a busy machine, over a minute.
  }, 240_000);

  it("does not hold an office's successful sign-ins against its address", async () => {
    // Limits as configured by an install that wants 2 failures per address (the figures are settings).
    const strict = createAuth({
      db: env.database.db,
      dialect,
      secret: SECRET,
      baseURL: ORIGIN,
      now,
      signInLimits: { ...DEFAULT_SIGN_IN_LIMITS, address: { maxFailures: 2, windowMs: 10 * MINUTE, lockMs: 10 * MINUTE } },
    });
    const office = "10.0.7.1";
    expect((await signIn("admin8@binjai.test", "salah-sandi", office, strict)).status).toBe(401);
    for (let i = 1; i <= 5; i++) expect((await signIn(`admin${i}@binjai.test`, PASSWORD, office, strict)).status).toBe(200);
    expect((await signIn("admin8@binjai.test", "salah-sandi", office, strict)).status).toBe(401);
    const refused = await signIn("admin6@binjai.test", PASSWORD, office, strict);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "SIGN_IN_ADDRESS_LIMITED" });
  });

  describe("with a second server on the same database", () => {
    let second: OpenDatabase;
    let otherServer: Auth;

    beforeAll(() => {
      second = openDatabase(env.database.config);
      otherServer = createAuth({ db: second.db, dialect, secret: SECRET, baseURL: ORIGIN, now });
    });
    afterAll(() => second?.close());

    it("counts the attempts made through either", async () => {
      const admin = "admin3@binjai.test";
      expect(await statuses(admin, "salah-sandi", "10.0.8.1", 3)).toEqual([401, 401, 401]);
      expect(await statuses(admin, "salah-sandi", "10.0.8.2", 2, otherServer)).toEqual([401, 401]);
      expect((await signIn(admin, PASSWORD, "10.0.8.1")).status).toBe(429);
      expect((await signIn(admin, PASSWORD, "10.0.8.2", otherServer)).status).toBe(429);

      clock += 15 * MINUTE;
      expect((await signIn(admin, PASSWORD, "10.0.8.2", otherServer)).status).toBe(200);
      // The success through one server wiped the count the other one reads.
      expect(await statuses(admin, "salah-sandi", "10.0.8.1", 4)).toEqual([401, 401, 401, 401]);
      expect((await signIn(admin, PASSWORD, "10.0.8.1")).status).toBe(200);
    });
  });
});
