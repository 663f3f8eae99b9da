// The password policy where passwords are set, on each dialect: an admin creating an account (tRPC) and a
// person changing their own through better-auth's /change-password. A weak password is refused in
// Indonesian and changes nothing; a 100,000-character one is refused by the policy's length check, which
// runs before anything is hashed.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "./auth-credentials.js";
import type { SessionUser } from "./auth.js";
import { authClient, type AuthClient } from "./testing/auth-client.js";
import { createOperator, createTestEnv, PASSWORD, seedRegion, type SeededRegion, type TestEnv } from "./testing/env.js";

const HUGE = "Sungai Mahakam ".repeat(6_667).slice(0, 100_000);

describe.each(inject("dialects"))("passwords on %s", (dialect) => {
  let env: TestEnv;
  let client: AuthClient;
  let binjai: SeededRegion;
  let operator: SessionUser;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    operator = await createOperator(env);
    binjai = await seedRegion(env, "binjai", 12);
    client = authClient(env);
  });
  afterAll(() => env?.dispose());

  const ADDRESS = { [CLIENT_ADDRESS_HEADER]: "10.1.0.1" };
  const post = (path: string, body: unknown, cookie = "") => client.post(path, body, { cookie, ...ADDRESS });
  const signedIn = (nip: string, password: string) => client.signIn({ username: nip }, password, ADDRESS);

  describe("changing one's own password", () => {
    it("refuses a common one, the NIP, and a 100,000-character one, in Indonesian, and keeps the old password", async () => {
      const nip = binjai.employee.username as string;
      const cookie = await signedIn(nip, PASSWORD);
      const refusals = [
        { newPassword: "bismillah123", code: "PASSWORD_TOO_COMMON", message: "Kata sandi ini termasuk yang paling sering dipakai sehingga mudah ditebak; pilih yang lain." },
        { newPassword: "aaaaaaaa", code: "PASSWORD_TOO_SIMPLE", message: expect.stringContaining("terlalu mudah ditebak") },
        { newPassword: `nip-${nip}`, code: "PASSWORD_CONTAINS_NIP", message: "Kata sandi tidak boleh memuat NIP atau sebagian NIP Anda." },
        { newPassword: HUGE, code: "PASSWORD_TOO_LONG", message: "Kata sandi paling banyak 128 karakter." },
      ];
      for (const { newPassword, code, message } of refusals) {
        const response = await post("/change-password", { currentPassword: PASSWORD, newPassword }, cookie);
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual({ code, message });
      }
      await signedIn(nip, PASSWORD);
    });

    it("accepts a good one", async () => {
      const nip = binjai.assessor.username as string;
      const cookie = await signedIn(nip, PASSWORD);
      const response = await post("/change-password", { currentPassword: PASSWORD, newPassword: "kebun-teh-di-pagi-hari" }, cookie);
      expect(response.status, await response.clone().text()).toBe(200);
      await signedIn(nip, "kebun-teh-di-pagi-hari");
    });
  });

  describe("an admin or operator setting someone's password", () => {
    it("refuses a weak or overlong first password, in Indonesian, and creates nothing", async () => {
      const someone = (await env.as(binjai.admin).employee.list({ limit: 100 })).items.find(
        (e) => e.nip !== binjai.assessor.username && e.nip !== binjai.employee.username,
      )!;
      const attempts = [
        { password: "12345678", message: /terlalu mudah ditebak/ },
        { password: "sayang123", message: /paling sering dipakai/ },
        { password: someone.nip, message: /NIP/ },
        { password: HUGE, message: /paling banyak 128 karakter/ },
      ];
      for (const { password, message } of attempts) {
        await expect(env.as(binjai.admin).account.create({ role: "employee", nip: someone.nip, password })).rejects.toMatchObject({
          code: "BAD_REQUEST",
          message: expect.stringMatching(message),
        });
      }
      await expect(
        env.as(binjai.admin).account.create({ role: "admin", name: "Admin Baru", email: "budi.santoso@binjai.test", password: "budisantoso88" }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("nama e-mail") });
      const created = await env.database.db.selectFrom("user").select("id").where("username", "=", someone.nip).execute();
      expect(created).toEqual([]);
    });

    it("refuses a weak temporary password, keeps the account's password, and still generates a good one", async () => {
      const { employee } = binjai;
      for (const password of ["rahasia123", employee.username as string, HUGE]) {
        await expect(env.as(binjai.admin).account.setTemporaryPassword({ id: employee.id, password })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      }
      await signedIn(employee.username as string, PASSWORD);
      const generated = await env.as(binjai.admin).account.setTemporaryPassword({ id: employee.id });
      await signedIn(employee.username as string, generated.password);
    });

    it("refuses a weak password for a new region's first admin", async () => {
      await expect(
        env.as(operator).region.create({ id: "kota-baru", name: "Kota Baru", admin: { name: "Admin Baru", email: "admin@baru.test", password: "password123" } }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("paling sering dipakai") });
      expect(await env.database.db.selectFrom("regions").select("id").where("id", "=", "kota-baru").execute()).toEqual([]);
    });
  });
});
