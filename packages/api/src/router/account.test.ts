import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createOperator, createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";
import type { SessionUser } from "../auth.js";

describe.each(inject("dialects"))("account router on %s", (dialect) => {
  let env: TestEnv;
  let operator: SessionUser;
  let binjai: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    operator = await createOperator(env);
    binjai = await seedRegion(env, "binjai", 12);
  });
  afterAll(() => env?.dispose());

  it("lets an admin give an employee of the region a NIP sign-in, named from the employee record", async () => {
    const someone = (await env.as(binjai.admin).employee.list({ limit: 100 })).items.find(
      (e) => e.nip !== binjai.assessor.username && e.nip !== binjai.employee.username,
    )!;
    const account = await env.as(binjai.admin).account.create({ role: "assessor", nip: someone.nip, password: "sandi-baru-123" });
    expect(account).toMatchObject({ role: "assessor", regionId: "binjai", username: someone.nip, name: someone.nama });
    await expect(
      env.as(binjai.admin).account.create({ role: "employee", nip: someone.nip, password: "sandi-baru-123" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const log = await env.as(binjai.admin).audit.list({ action: "account.create" });
    expect(log.items[0]).toMatchObject({ entityId: account.id, after: { role: "assessor", username: someone.nip } });
  });

  it("refuses a NIP that is not the region's, an admin without e-mail, and non-admins", async () => {
    await expect(
      env.as(binjai.admin).account.create({ role: "employee", nip: "199901012020011001", password: "sandi-baru-123" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(env.as(binjai.admin).account.create({ role: "admin", password: "sandi-baru-123" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      env.as(binjai.assessor).account.create({ role: "admin", name: "X", email: "x@binjai.test", password: "sandi-baru-123" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lets an operator add a second admin to a region", async () => {
    const admin = await env.as(operator).account.create({
      regionId: "binjai",
      role: "admin",
      name: "Admin Kedua",
      email: "admin2@binjai.test",
      password: "sandi-baru-123",
    });
    expect(admin).toMatchObject({ role: "admin", regionId: "binjai" });
    expect((await env.as(binjai.admin).account.list()).map((a) => a.email)).toContain("admin2@binjai.test");
  });
});
