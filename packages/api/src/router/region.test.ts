import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createOperator, createTestEnv, seedRegion, snapshot, type SeededRegion, type TestEnv } from "../testing/env.js";
import type { SessionUser } from "../auth.js";

describe.each(inject("dialects"))("region router on %s", (dialect) => {
  let env: TestEnv;
  let operator: SessionUser;
  let binjai: SeededRegion;
  let pariaman: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    operator = await createOperator(env);
    binjai = await seedRegion(env, "binjai");
    pariaman = await seedRegion(env, "pariaman");
  });
  afterAll(() => env?.dispose());

  it("lists every region for the operator, and only their own for anyone else", async () => {
    const all = await env.as(operator).region.list();
    expect(all.map((r) => r.id).sort()).toEqual(["binjai", "pariaman"]);
    expect(all.find((r) => r.id === "binjai")?.employees).toBe(24);
    for (const user of [binjai.admin, binjai.assessor, binjai.employee]) {
      expect((await env.as(user).region.list()).map((r) => r.id)).toEqual(["binjai"]);
    }
  });

  it("lets an operator create a region with its first admin, audited", async () => {
    const created = await env.as(operator).region.create({
      id: "samarinda",
      name: "Kota Samarinda",
      admin: { name: "Admin Samarinda", email: "Admin@Samarinda.test", password: "kata-sandi-panjang" },
    });
    expect(created.region).toEqual({ id: "samarinda", name: "Kota Samarinda" });
    expect(created.admin).toMatchObject({ role: "admin", regionId: "samarinda", email: "admin@samarinda.test" });
    const accounts = await env.as(operator).account.list({ regionId: "samarinda" });
    expect(accounts.map((a) => a.email)).toEqual(["admin@samarinda.test"]);
    const log = await env.as(operator).audit.list({ regionId: "samarinda" });
    expect(log.items.map((e) => e.action)).toEqual(["region.create"]);
  });

  it("refuses a duplicate region or admin e-mail and leaves nothing half-made", async () => {
    const before = await snapshot(env);
    await expect(
      env.as(operator).region.create({ id: "binjai", name: "Lagi", admin: { name: "X", email: "x@x.test", password: "sandi-kota-baru" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      env.as(operator).region.create({
        id: "medan",
        name: "Kota Medan",
        admin: { name: "X", email: "admin@binjai.test", password: "sandi-kota-baru" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await env.as(operator).region.list()).map((r) => r.id)).not.toContain("medan");
    expect(await snapshot(env)).toEqual(before);
  });

  it("refuses region creation to everyone but operators, and to the signed-out", async () => {
    const input = { id: "bogus", name: "Bogus", admin: { name: "X", email: "b@b.test", password: "12345678" } };
    for (const user of [binjai.admin, binjai.assessor, binjai.employee]) {
      await expect(env.as(user).region.create(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(env.as(null).region.create(input)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(env.as(null).region.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("shows a region's accounts only to its admin (and operators)", async () => {
    await expect(env.as(binjai.admin).account.list({ regionId: "pariaman" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(env.as(binjai.employee).account.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const own = await env.as(pariaman.admin).account.list();
    expect(own.every((a) => a.regionId === "pariaman")).toBe(true);
    await expect(env.as(operator).account.list()).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(env.as(operator).account.list({ regionId: "atlantis" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
