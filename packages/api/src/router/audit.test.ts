import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";

describe.each(inject("dialects"))("audit log on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    binjai = await seedRegion(env, "binjai", 8);
    for (let i = 0; i < 5; i++) {
      await env.as(binjai.admin).employee.update({ id: binjai.report.id, patch: { jabatan: `Jabatan ${i}` } });
    }
  });
  afterAll(() => env?.dispose());

  it("pages newest first with a cursor, and filters by action, entity, actor and time", async () => {
    const admin = env.as(binjai.admin);
    const first = await admin.audit.list({ action: "employee.update", limit: 2 });
    expect(first.items.map((e) => (e.after as { jabatan: string }).jabatan)).toEqual(["Jabatan 4", "Jabatan 3"]);
    const second = await admin.audit.list({ action: "employee.update", limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((e) => (e.after as { jabatan: string }).jabatan)).toEqual(["Jabatan 2", "Jabatan 1"]);
    const third = await admin.audit.list({ action: "employee.update", limit: 2, cursor: second.nextCursor! });
    expect(third).toMatchObject({ items: [{ after: { jabatan: "Jabatan 0" } }], nextCursor: null });
    const mine = await admin.audit.list({ actorId: binjai.admin.id, limit: 100 });
    expect(mine.items.every((e) => e.actor.id === binjai.admin.id && e.actor.role === "admin")).toBe(true);
    const future = await admin.audit.list({ from: "2999-01-01T00:00:00.000Z" });
    expect(future.items).toEqual([]);
    expect((await admin.audit.list({ entity: "employee", entityId: binjai.report.id, limit: 100 })).items).toHaveLength(5);
  });

  it("is for admins and operators only", async () => {
    await expect(env.as(binjai.assessor).audit.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(env.as(binjai.employee).audit.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
