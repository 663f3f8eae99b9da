// A sample of the API's fuzzed inputs (see @kinerja/api's input-fuzz) sent over real HTTP to a seeded
// server, on each dialect, as each role and signed out: queries in the URL, mutations as JSON bodies, some
// batched, plus requests broken at the transport (bad %-escapes, bodies that are not JSON, nested 100,000
// deep, over the size limit, batches past 20 calls). No answer may be a 5xx, and none may take longer than
// BOUND_MS; the connection may be dropped only on a body over the limit, which the server refuses (413)
// without reading the rest. The seed and the counts are printed; KINERJA_FUZZ_SEED=<seed> repeats a run.
// KINERJA_LONG_TESTS=1 (CI) sends 1,000 inputs in all, otherwise 100.
import { InputDrawer, jsonText, KnownValues, NASTY_STRINGS, preview, procedures, type Procedure } from "@kinerja/api/testing/input-fuzz";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TRPC_BODY_LIMIT } from "./server.js";
import { HttpClient } from "./testing/http-client.js";
import { startSeededServer, type SeededServer } from "./testing/seeded-server.js";

const LONG = process.env.KINERJA_LONG_TESTS === "1";
const SEED = Number(process.env.KINERJA_FUZZ_SEED ?? Date.now() % 2 ** 31);
const DIALECTS = inject("dialects");
const INPUTS = Math.ceil(Number(process.env.KINERJA_FUZZ_INPUTS ?? (LONG ? 1_000 : 100)) / DIALECTS.length);
const PASSWORD = "sandi-uji-acak-http";
/** Generous: the machine running the tests is shared. */
const BOUND_MS = 5_000;
/** Strings a little under the 1 MB body limit, so most bodies reach the procedure. */
const MAX_STRING = 300_000;

/** Subscriptions answer as an event stream, not a JSON reply; they are fuzzed in process only. */
const PROCEDURES = procedures().filter((p) => p.type !== "subscription");

interface Sent {
  what: string;
  /** 0 when the connection was dropped before an answer. */
  status: number;
  ms: number;
  /** The answer's start, or why there was none. */
  body: string;
  /** Bytes of the request body. */
  sent: number;
}

/** A 5xx, a slow answer, or no answer to a request the server should have read. */
const failed = (a: Sent) => a.status >= 500 || a.ms > BOUND_MS || (a.status === 0 && a.sent <= TRPC_BODY_LIMIT);

const pick = <T,>(g: fc.GeneratorValue, items: readonly T[]): T => items[g(fc.nat, items.length - 1)] as T;

describe.each(DIALECTS)("fuzzed inputs over HTTP on %s", (dialect) => {
  let server: SeededServer;
  let callers: Array<[string, HttpClient]>;
  let known: KnownValues;

  beforeAll(async () => {
    server = await startSeededServer(dialect, { password: PASSWORD, seedSize: 12 });
    const base = server.running.url;
    const loginOf = (role: string, regionId: string | null) => server.running.signIns.find((s) => s.role === role && s.regionId === regionId)!.login;
    callers = [];
    for (const [role, regionId] of [["operator", null], ["admin", "binjai"], ["assessor", "binjai"], ["employee", "binjai"]] as const) {
      const client = new HttpClient(base);
      expect(await client.signIn(loginOf(role, regionId), PASSWORD)).toBe(200);
      callers.push([role, client]);
    }
    callers.push(["signed out", new HttpClient(base)]);
    const { db } = server.database;
    known = new KnownValues();
    known.add("regionId", "binjai");
    for (const { id } of await db.selectFrom("cycles").select("id").where("region_id", "=", "binjai").execute()) known.add("cycleId", id);
    for (const { id } of await db.selectFrom("rule_set_versions").select("id").where("region_id", "=", "binjai").execute()) known.add("ruleSetId", id);
    for (const { id } of await db.selectFrom("units").select("id").where("region_id", "=", "binjai").execute()) known.add("unitId", id);
    for (const { id, nip } of await db.selectFrom("employees").select(["id", "nip"]).where("region_id", "=", "binjai").execute()) {
      known.add("employeeId", id);
      known.add("nip", nip);
    }
    console.log(`[HTTP fuzz, ${dialect}] seed ${SEED} (KINERJA_FUZZ_SEED=${SEED} repeats it); ${INPUTS} inputs, each as one of ${callers.length} callers`);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  async function send(client: HttpClient, what: string, path: string, init: RequestInit = {}): Promise<Sent> {
    const sent = typeof init.body === "string" ? Buffer.byteLength(init.body) : 0;
    const started = performance.now();
    try {
      const response = await client.fetch(path, init);
      const body = await response.text();
      return { what, status: response.status, ms: performance.now() - started, body: body.slice(0, 300), sent };
    } catch (error) {
      const reason = error instanceof Error ? `${error.message}: ${String(error.cause)}` : String(error);
      return { what, status: 0, ms: performance.now() - started, body: reason, sent };
    }
  }

  function call(client: HttpClient, procedure: Procedure, input: unknown, batched: boolean): Promise<Sent> {
    const what = `${procedure.path} ${preview(input, 200)}`;
    const text = input === undefined ? undefined : jsonText(input);
    const wire = batched ? `{"0":${text ?? "null"},"1":${text ?? "null"}}` : text;
    const path = batched ? `/trpc/${procedure.path},${procedure.path}?batch=1` : `/trpc/${procedure.path}`;
    if (procedure.type === "query") {
      const query = wire === undefined ? "" : `${batched ? "&" : "?"}input=${encodeURIComponent(wire)}`;
      return send(client, what, `${path}${query}`);
    }
    return send(client, what, path, { method: "POST", headers: { "content-type": "application/json" }, body: wire ?? "" });
  }

  it(`answers every fuzzed input without a 5xx, within ${BOUND_MS} ms`, async () => {
    const answers: Sent[] = [];
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const procedure = pick(g, PROCEDURES);
        const namespace = procedure.path.split(".")[0] ?? "";
        const input = new InputDrawer(g, { known, namespace, maxStringLength: MAX_STRING }).input(procedure.input);
        const [, client] = pick(g, callers);
        const sent = await call(client, procedure, input.value, g(fc.nat, 9) === 0);
        statuses.set(sent.status, (statuses.get(sent.status) ?? 0) + 1);
        answers.push(sent);
      }),
      { seed: SEED, numRuns: INPUTS },
    );
    const failures = answers.filter(failed);
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status} ${n}`).join(", ");
    console.log(`[HTTP fuzz, ${dialect}] seed ${SEED}: ${INPUTS} inputs: ${byStatus}; slowest ${Math.round(Math.max(...answers.map((a) => a.ms)))} ms`);
    expect(failures).toEqual([]);
  }, 1_800_000);

  it("answers requests broken at the transport with a 4xx", async () => {
    const [, admin] = callers[1]!;
    const deep = (depth: number) => `{"content":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    const batch = (n: number) => Array.from({ length: n }, () => "cycle.list").join(",");
    const requests: Array<[string, string, RequestInit?]> = [
      ...NASTY_STRINGS.filter((s) => s.includes("%")).map((s): [string, string] => [`query input ${s}`, `/trpc/cycle.get?input=${s}`]),
      ["%-escape in the path", "/trpc/cycle.g%E0%A4%At"],
      ["NUL in the path", "/trpc/cycle.get%00?input=%7B%7D"],
      ["unknown procedure", "/trpc/cycle.tidakAda?input=%7B%7D"],
      ["a path of 10,000 dots", `/trpc/${".".repeat(10_000)}`],
      ["input that is not JSON", "/trpc/cycle.get?input=%7Bid%3A"],
      ["batch input that is not an object", `/trpc/${batch(2)}?batch=1&input=%5B1%2C2%5D`],
      [`batch of 21 calls`, `/trpc/${batch(21)}?batch=1&input=%7B%7D`],
      ["body that is not JSON", "/trpc/ruleSet.validate", { method: "POST", headers: { "content-type": "application/json" }, body: "{content:" }],
      ["body of NUL bytes", "/trpc/ruleSet.validate", { method: "POST", headers: { "content-type": "application/json" }, body: "\u0000".repeat(1000) }],
      ["body as a form", "/trpc/ruleSet.validate", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "content=1" }],
      ...[1_000, 10_000, 100_000, 400_000].map((depth): [string, string, RequestInit] => [
        `content nested ${depth} deep`,
        "/trpc/ruleSet.validate",
        { method: "POST", headers: { "content-type": "application/json" }, body: deep(depth) },
      ]),
      ["body over 1 MB", "/trpc/cycle.create", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "x".repeat(1024 * 1024) }) }],
    ];
    const answers: Sent[] = [];
    for (const [what, path, init] of requests) answers.push(await send(admin, what, path, init));
    const failures = answers.filter((a) => failed(a) || (a.status !== 0 && a.status < 400));
    expect(failures).toEqual([]);
  }, 300_000);

  it("names the broken limit in Indonesian in the message a person reads", async () => {
    const [, admin] = callers[1]!;
    const answer = await admin.mutate("cycle.create", { name: "n".repeat(201), periodKind: "annual", periodLabel: "2026" });
    expect(answer).toMatchObject({ status: 400, code: "BAD_REQUEST", message: "name: paling banyak 200 karakter" });
  });
});
