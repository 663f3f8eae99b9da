// Month end on loopback: a real server process, and a hundred people of one region signed in through
// better-auth's own endpoint, all writing at once for a fixed time: employees log work entries (the third,
// thirteenth, … of each dated outside the period, which must be refused), assessors save, submit and reopen
// their reports' sheets. Every request is recorded; afterwards every accepted write is in the database as
// answered, every refused one wrote nothing and says why (a code and an Indonesian message), and nothing answered
// 5xx or went unanswered. The figures (counts, p50 and p99 latency) are printed as one JSON line.
//
// Each client comes from its own address, as people behind the region's reverse proxy would: the server
// trusts 127.0.0.1 as that proxy (KINERJA_TRUSTED_PROXIES) and reads the client from X-Forwarded-For, so the
// per-address sign-in limits stay as they ship. Long: KINERJA_LONG_TESTS=1.
import { createAccount } from "@kinerja/api";
import { fillForm } from "@kinerja/api/testing/assessment-walk";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import type { HttpClient, TrpcAnswer } from "./testing/http-client.js";
import type { ServerProcess } from "./testing/server-process.js";
import { approvedIki, createSharedDatabase, signedIn, type SharedDatabase } from "./testing/shared-database.js";

const LONG = process.env.KINERJA_LONG_TESTS === "1";
const PASSWORD = "sandi-uji-akhir-bulan";
const SIZE = 400;
const EMPLOYEES = 70;
const ASSESSORS = 30;
/** Reports each assessor rates (their first, by NIP). */
const REPORTS_EACH = 3;
const LOAD_MS = 60_000;
/** No request may take longer; one that does counts as unanswered and fails the test. */
const REQUEST_TIMEOUT_MS = 120_000;
/** People signing in at once: each sign-in hashes a password (scrypt), which is meant to be slow. */
const SIGN_INS_AT_ONCE = 10;
/** A bound on the whole load whatever the latency: no client sends more than this. */
const MAX_REQUESTS_PER_CLIENT = 5_000;
const PERIOD = "2026";
const WORK_DATE = "2026-01-15";
const OUTSIDE_PERIOD = "2031-01-15";

type Kind = "workEntry.create" | "assessment.form" | "assessment.save" | "assessment.submit" | "assessment.reopen";

interface Call {
  client: number;
  kind: Kind;
  ms: number;
  status: number;
  code?: string;
  message?: string;
  /** A work entry's description, or the sheet's employee id. */
  key: string;
  /** What was sent, for writes. */
  input?: unknown;
  /** The id the server answered with. */
  id?: string;
  /** A request the test made to be refused. */
  invalid?: boolean;
  /** A network error or the timeout, instead of an answer. */
  failure?: string;
}

interface Sheet {
  id: string;
  submittedAt: string | null;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (ms: number) => Math.round(ms * 10) / 10;

async function recorded<T>(calls: Call[], call: Omit<Call, "ms" | "status">, request: () => Promise<TrpcAnswer<T>>): Promise<TrpcAnswer<T> | null> {
  const began = performance.now();
  try {
    const answer = await request();
    const id = (answer.data as { id?: unknown } | undefined)?.id;
    calls.push({
      ...call,
      ms: performance.now() - began,
      status: answer.status,
      ...(answer.code ? { code: answer.code } : {}),
      ...(answer.message !== undefined ? { message: answer.message } : {}),
      ...(typeof id === "string" ? { id } : {}),
    });
    return answer;
  } catch (error) {
    calls.push({ ...call, ms: performance.now() - began, status: 0, failure: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

describe.skipIf(!LONG)(`month end: ${EMPLOYEES + ASSESSORS} signed-in clients writing for ${LOAD_MS / 1000} s (KINERJA_LONG_TESTS=1)`, () => {
  describe.each(inject("dialects"))("on %s", (dialect) => {
    let shared: SharedDatabase;

    beforeAll(async () => {
      shared = await createSharedDatabase(dialect, { size: SIZE, password: PASSWORD });
    }, 300_000);
    afterAll(() => shared?.dispose());

    it("keeps every accepted write, refuses the rest with a reason, and answers every request", async () => {
      onTestFailed(() => console.log(shared.serverOutput()));
      const { db } = shared.database;
      const regionId = shared.regionId;
      const began = performance.now();

      // Assessors: employees heading at least REPORTS_EACH others; employees: others, none of them an assessor.
      const heads = await db
        .selectFrom("employees")
        .select((eb) => ["atasan_nip", eb.fn.countAll().as("n")])
        .where("region_id", "=", regionId)
        .where("atasan_nip", "is not", null)
        .groupBy("atasan_nip")
        .having((eb) => eb.fn.countAll(), ">=", REPORTS_EACH)
        .orderBy("atasan_nip")
        .execute();
      const taken = new Set((await db.selectFrom("user").select("username").where("username", "is not", null).execute()).map((u) => u.username));
      const assessorNips = heads.map((h) => h.atasan_nip as string).filter((nip) => !taken.has(nip)).slice(0, ASSESSORS);
      expect(assessorNips).toHaveLength(ASSESSORS);
      const everyone = await db.selectFrom("employees").select(["id", "nip", "nama", "atasan_nip"]).where("region_id", "=", regionId).orderBy("nip").execute();
      const reportsOf = new Map(assessorNips.map((nip) => [nip, everyone.filter((e) => e.atasan_nip === nip).slice(0, REPORTS_EACH).map((e) => e.id)]));
      const rated = new Set([...reportsOf.values()].flat());
      const employees = everyone.filter((e) => !assessorNips.includes(e.nip) && !taken.has(e.nip) && !rated.has(e.id)).slice(0, EMPLOYEES);
      expect(employees).toHaveLength(EMPLOYEES);
      // Made before the server starts: a second process writing the SQLite file at once would hold its lock
      // for as long as hashing a password takes.
      for (const nip of assessorNips) {
        const e = everyone.find((x) => x.nip === nip);
        await createAccount(db, { name: e?.nama ?? nip, nip, password: PASSWORD, role: "assessor", regionId });
      }
      for (const e of employees) await createAccount(db, { name: e.nama, nip: e.nip, password: PASSWORD, role: "employee", regionId });
      const server: ServerProcess = await shared.startServer({ KINERJA_TRUSTED_PROXIES: "127.0.0.1" });
      const admin = await signedIn(server, shared.admin);
      // The month's cycle, fresh: no sheet written yet; each employee's plan approved.
      const cycle = await admin.ok(admin.mutate<{ id: string }>("cycle.create", { name: "Akhir bulan", periodKind: "annual", periodLabel: PERIOD }));
      await admin.ok(admin.mutate("cycle.open", { id: cycle.id }));
      const ikis = new Map<string, string>();
      for (let i = 0; i < employees.length; i += 8) {
        await Promise.all(
          employees.slice(i, i + 8).map(async (e) => ikis.set(e.id, await approvedIki(admin, cycle.id, e.id))),
        );
      }
      const setUpMs = performance.now() - began;
      console.log(`[${dialect}] ${ASSESSORS + EMPLOYEES} accounts and ${EMPLOYEES} approved plans in ${round(setUpMs / 1000)} s`);

      // Sign-in through better-auth's endpoint, all at once, each from its own address.
      const people = [
        ...employees.map((e) => ({ nip: e.nip, role: "employee" as const, employeeId: e.id })),
        ...assessorNips.map((nip) => ({ nip, role: "assessor" as const, employeeId: null })),
      ];
      const signInBegan = performance.now();
      const clients: HttpClient[] = [];
      for (let i = 0; i < people.length; i += SIGN_INS_AT_ONCE) {
        const group = people.slice(i, i + SIGN_INS_AT_ONCE).map((p, k) =>
          signedIn(
            server,
            { login: p.nip, password: PASSWORD },
            { headers: { "x-forwarded-for": `10.20.${(i + k) >> 8}.${(i + k) & 255}` }, timeoutMs: REQUEST_TIMEOUT_MS },
          ),
        );
        clients.push(...(await Promise.all(group)));
      }
      const signInMs = performance.now() - signInBegan;
      console.log(`[${dialect}] set up in ${round(setUpMs / 1000)} s, ${clients.length} signed in in ${round(signInMs / 1000)} s; writing for ${LOAD_MS / 1000} s`);

      const calls: Call[] = [];
      const until = performance.now() + LOAD_MS;
      const loadBegan = performance.now();
      await Promise.all(
        people.map(async (person, c) => {
          const client = clients[c] as HttpClient;
          if (person.role === "employee") {
            const ikiId = ikis.get(person.employeeId as string) as string;
            for (let n = 1; n <= MAX_REQUESTS_PER_CLIENT && performance.now() < until; n++) {
              const invalid = n % 10 === 3;
              const input = { ikiId, workDate: invalid ? OUTSIDE_PERIOD : WORK_DATE, description: `akhir-bulan-${c}-${n}`, quantity: 1 };
              await recorded(calls, { client: c, kind: "workEntry.create", key: input.description, input, ...(invalid ? { invalid } : {}) }, () =>
                client.mutate("workEntry.create", input),
              );
            }
            return;
          }
          // An assessor goes round their reports: a draft, the sheet submitted, then reopened to correct it.
          const reports = reportsOf.get(person.nip) ?? [];
          const sheets = new Map<string, string>();
          for (let n = 0; n < MAX_REQUESTS_PER_CLIENT && performance.now() < until; n++) {
            const employeeId = reports[n % reports.length] as string;
            const step = Math.floor(n / reports.length) % 3;
            const where = { client: c, key: employeeId };
            if (step === 2) {
              const assessmentId = sheets.get(employeeId);
              if (!assessmentId) continue;
              const input = { assessmentId, reason: `Koreksi ${n}` };
              await recorded(calls, { ...where, kind: "assessment.reopen", input }, () => client.mutate("assessment.reopen", input));
              continue;
            }
            const form = await recorded(calls, { ...where, kind: "assessment.form" }, () =>
              client.query<Parameters<typeof fillForm>[0]>("assessment.form", { cycleId: cycle.id, employeeId, source: "supervisor" }),
            );
            if (!form?.data) continue;
            const input = fillForm(form.data, ((n * 37) % 100) / 100);
            const kind = step === 0 ? "assessment.save" : "assessment.submit";
            const answer = await recorded<Sheet>(calls, { ...where, kind, input }, () => client.mutate<Sheet>(kind, input));
            if (answer?.data) sheets.set(employeeId, answer.data.id);
          }
        }),
      );
      const loadMs = performance.now() - loadBegan;

      // Every request was answered, none with 5xx, and every refusal says what and why.
      expect(calls.filter((c) => c.failure !== undefined || c.status >= 500 || c.status === 0)).toEqual([]);
      const refused = calls.filter((c) => c.status !== 200);
      for (const call of refused) {
        expect(call.code, JSON.stringify(call)).toMatch(/^[A-Z_]+$/);
        expect(call.message?.length ?? 0, JSON.stringify(call)).toBeGreaterThan(10);
      }
      // Only the entries made to be refused were refused, and they were refused for their date.
      const entries = calls.filter((c) => c.kind === "workEntry.create");
      expect(entries.filter((c) => c.invalid && c.status === 200)).toEqual([]);
      expect(entries.filter((c) => !c.invalid && c.status !== 200)).toEqual([]);
      for (const call of entries.filter((c) => c.invalid)) expect(call.message).toMatch(/Tanggal kerja/);

      // Every accepted work entry is stored as sent, and nothing else is.
      const stored = await db
        .selectFrom("work_entries")
        .select(["id", "description", "work_date", "iki_id", "quantity"])
        .where("region_id", "=", regionId)
        .where("cycle_id", "=", cycle.id)
        .execute();
      const accepted = entries.filter((c) => c.status === 200);
      expect(stored).toHaveLength(accepted.length);
      const byId = new Map(stored.map((row) => [row.id, row]));
      for (const call of accepted) {
        const sent = call.input as { ikiId: string; workDate: string; description: string; quantity: number };
        expect(byId.get(call.id as string)).toEqual({ id: call.id, description: sent.description, work_date: sent.workDate, iki_id: sent.ikiId, quantity: sent.quantity });
      }
      const audited = await db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("region_id", "=", regionId)
        .where("action", "=", "workEntry.create")
        .executeTakeFirstOrThrow();
      expect(Number(audited.n)).toBe(accepted.length);

      // Each sheet is as its last accepted write left it: its ratings, and submitted or not.
      const sheetWrites = calls.filter((c) => c.status === 200 && (c.kind === "assessment.save" || c.kind === "assessment.submit" || c.kind === "assessment.reopen"));
      const last = new Map<string, Call>();
      const lastRatings = new Map<string, unknown>();
      for (const call of sheetWrites) {
        last.set(call.key, call);
        if (call.kind !== "assessment.reopen") lastRatings.set(call.key, (call.input as { ratings: unknown }).ratings);
      }
      const rows = await db
        .selectFrom("assessments")
        .select(["employee_id", "ratings", "submitted_at"])
        .where("region_id", "=", regionId)
        .where("cycle_id", "=", cycle.id)
        .where("source", "=", "supervisor")
        .execute();
      expect(rows.map((r) => r.employee_id).sort()).toEqual([...last.keys()].sort());
      for (const row of rows) {
        const final = last.get(row.employee_id) as Call;
        expect(JSON.parse(row.ratings), `sheet of ${row.employee_id}`).toEqual(lastRatings.get(row.employee_id));
        expect(row.submitted_at !== null, `sheet of ${row.employee_id} after ${final.kind}`).toBe(final.kind === "assessment.submit");
      }
      await server.stop();

      const latencies = (list: Call[]) => {
        const sorted = list.map((c) => c.ms).sort((a, b) => a - b);
        return { count: list.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted.at(-1) ?? 0) };
      };
      const kinds = [...new Set(calls.map((c) => c.kind))].sort();
      const refusals: Record<string, number> = {};
      for (const call of refused) refusals[`${call.kind} ${call.code}`] = (refusals[`${call.kind} ${call.code}`] ?? 0) + 1;
      console.log(
        JSON.stringify({
          test: "month-end-load",
          dialect,
          clients: clients.length,
          employees: EMPLOYEES,
          assessors: ASSESSORS,
          seconds: round(loadMs / 1000),
          setUpSeconds: round(setUpMs / 1000),
          signInSeconds: round(signInMs / 1000),
          requests: calls.length,
          perSecond: round(calls.length / (loadMs / 1000)),
          accepted: calls.length - refused.length,
          refused: refused.length,
          refusals,
          workEntriesStored: stored.length,
          sheetsStored: rows.length,
          all: latencies(calls),
          ...Object.fromEntries(kinds.map((kind) => [kind, latencies(calls.filter((c) => c.kind === kind))])),
        }),
      );
    }, 600_000);
  });
});
