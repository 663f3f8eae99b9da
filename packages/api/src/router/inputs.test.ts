// The bounds of procedure inputs, as a caller meets them: a too-long name, a NUL, a day that is not on the
// calendar, a list or a map past its size are refused (400) with the limit named in Indonesian, before any
// service runs; values inside the bounds go through. The message checked is the one the error formatter
// sends (inputRefusal); an in-process caller gets zod's error as the cause.
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LIMITS } from "../services/lib/index.js";
import { inputRefusal } from "./inputs.js";
import { createTestEnv, seedRegion, snapshot, type SeededRegion, type TestEnv } from "../testing/env.js";

async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.cause instanceof ZodError ? inputRefusal(error.cause) : error.message };
}

describe.each(inject("dialects"))("input limits on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    binjai = await seedRegion(env, "binjai", 6);
  });
  afterAll(() => env?.dispose());

  const admin = () => env.as(binjai.admin);

  it("refuses a cycle name past 200 characters, saying so, and stores nothing", async () => {
    const before = await snapshot(env);
    const answer = await refusal(admin().cycle.create({ name: "x".repeat(1024 * 1024), periodKind: "annual", periodLabel: "2026" }));
    expect(answer).toEqual({ code: "BAD_REQUEST", message: `name: paling banyak ${LIMITS.name} karakter` });
    expect(await snapshot(env)).toEqual(before);
    const cycle = await admin().cycle.create({ name: "n".repeat(LIMITS.name), periodKind: "annual", periodLabel: "2026" });
    expect(cycle.name).toHaveLength(LIMITS.name);
  });

  it("names every broken limit with the field it is in", async () => {
    const answer = await refusal(
      admin().forum.record({
        cycleId: binjai.cycleId,
        unitId: "u".repeat(LIMITS.id + 1),
        heldOn: "2025-02-30",
        memberNips: Array.from({ length: 101 }, () => "1"),
        notes: "n".repeat(LIMITS.text + 1),
      }),
    );
    expect(answer.code).toBe("BAD_REQUEST");
    expect(answer.message.split("; ").sort()).toEqual(
      [
        `unitId: paling banyak ${LIMITS.id} karakter`,
        "heldOn: tanggal tidak ada di kalender",
        "memberNips: paling banyak 100 item",
        `notes: paling banyak ${LIMITS.text} karakter`,
      ].sort(),
    );
  });

  it("refuses NUL in any text, which PostgreSQL could neither store nor compare", async () => {
    const answer = await refusal(admin().employee.get({ id: "abc\u0000" }));
    expect(answer).toEqual({ code: "BAD_REQUEST", message: "id: tidak boleh memuat karakter NUL (\\u0000)" });
  });

  it("refuses half a surrogate pair, which jsonb cannot hold, and keeps whole ones", async () => {
    const answer = await refusal(admin().cycle.create({ name: "Siklus \uD83D", periodKind: "annual", periodLabel: "2026" }));
    expect(answer.message).toBe("name: tidak boleh memuat separuh karakter Unicode tanpa pasangannya (surrogate tunggal)");
    const cycle = await admin().cycle.create({ name: "Siklus 😀", periodKind: "annual", periodLabel: "2026" });
    expect(cycle.name).toBe("Siklus 😀");
  });

  it("refuses rule-set content with a key or a text jsonb cannot hold, naming where it is", async () => {
    const before = await snapshot(env);
    const key = await refusal(admin().ruleSet.saveDraft({ content: { id: "x", "na\u0000me": "y" } }));
    expect(key).toEqual({ code: "BAD_REQUEST", message: "Rule set memuat karakter NUL (\\u0000) di /na\u0000me; hapus karakter itu" });
    const text = await refusal(admin().ruleSet.validate({ content: { id: "x", predikat: [{ label: "Baik \uDC00" }] } }));
    expect(text.message).toBe("Rule set memuat separuh karakter Unicode tanpa pasangannya (surrogate tunggal) di /predikat/0/label; hapus karakter itu");
    expect(await snapshot(env)).toEqual(before);
  });

  it("bounds maps of values and the amounts in them", async () => {
    const ratings = Object.fromEntries(Array.from({ length: LIMITS.entries + 1 }, (_, i) => [`k${i}`, 1]));
    const tooMany = await refusal(
      admin().assessment.save({ cycleId: binjai.cycleId, employeeId: binjai.report.id, source: "supervisor", ratings }),
    );
    expect(tooMany.message).toBe(`ratings: paling banyak ${LIMITS.entries} isian`);
    const tooLarge = await refusal(
      admin().assessment.save({ cycleId: binjai.cycleId, employeeId: binjai.report.id, source: "supervisor", ratings: { a: 1e13 } }),
    );
    expect(tooLarge.message).toBe(`ratings.a: paling besar ${LIMITS.amount}`);
  });

  it("says in Indonesian when a value has the wrong type", async () => {
    const answer = await refusal(admin().cycle.get({ id: 5 as unknown as string }));
    expect(answer.message).toBe("id: Input tidak valid: diharapkan string, diterima number");
  });
});
