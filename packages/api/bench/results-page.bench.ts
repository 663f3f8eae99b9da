// The results page at scale, on SQLite and on PostgreSQL: 100,000 results of one run in a region of 40 OPDs
// (a Zipf law of sizes, five sub-units each), real inputs in every row and no explanation, as runs write them.
// The page the portal asks for, `result.list` with 100 rows, an OPD's subtree and a predikat, first and later
// pages by cursor, is requested by 32 keep-alive connections for a bounded time (and at most MAX_REQUESTS requests) from a worker
// thread over loopback, from two handlers taking turns (ROUNDS each): the tRPC handler on node:http as the
// server mounts it (a signed-in admin's session cookie, the context, the procedure), and a bare node:http
// handler that runs the best hand-written query for the same page (the run and the subtree given, no
// session, no total). Prints:
//   results_page.p99_ms.<dialect>           the tRPC page's 99th percentile latency
//   results_page.p50_ms.<dialect>           its median
//   results_page.rps.<dialect>              its requests per second
//   results_page.bare_p99_ms.<dialect>      the bare handler's 99th percentile latency
//   results_page.bare_rps.<dialect>         its requests per second
//   results_page.ratio_vs_bare.<dialect>    rps over bare rps
// KINERJA_BENCH_RESULTS sets another number of results, KINERJA_BENCH_SECONDS the time each handler is driven.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { openDatabase, type Database, type DialectName } from "@kinerja/db";
import { createTestDatabase, probePostgres } from "@kinerja/db/testing";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { fromNodeHeaders } from "better-auth/node";
import { sql, type Kysely } from "kysely";
import { createAuth } from "../src/auth.js";
import { appRouter } from "../src/root.js";
import { createAccount, unitSubtree } from "../src/services/organisation/index.js";
import { createContext } from "../src/trpc.js";
import { PASSWORD } from "../src/testing/env.js";
import { seedResultsRegion, type ResultsRegion } from "../src/testing/results-region.js";

const SIZE = Number(process.env.KINERJA_BENCH_RESULTS ?? 100_000);
const SECONDS = Number(process.env.KINERJA_BENCH_SECONDS ?? 10);
/** The handlers take turns, so a change in the machine's load falls on both alike. */
const ROUNDS = 3;
const WARM_UP_SECONDS = 1;
const CONNECTIONS = 32;
const MAX_REQUESTS = 200_000;
const LIMIT = 100;
/** Pages read by cursor in each (subtree, predikat) pair. */
const PAGES = 4;
const REGION = "bench";
const SECRET = "beban-uji-rahasia-yang-cukup-panjang-32";
const ORIGIN = "http://127.0.0.1";
const ADMIN_EMAIL = "admin@bench.test";

/** One page as the portal asks for it, and what the bare handler needs to answer it. */
interface PageRequest {
  input: { cycleId: string; unitId: string; predikat: string; limit: number; cursor?: string };
  subtree: string[];
  afterNip: string | null;
}

/** The best query for the page: the summary columns, by the run, the subtree and the predikat, after the cursor's NIP. */
function barePage(db: Kysely<Database>, runId: string, page: PageRequest) {
  let query = db
    .selectFrom("results")
    .select(["employee_id", "nip", "nama", "jabatan", "unit_id", "predikat", "predikat_label", "score", "outcomes", "error"])
    .where("region_id", "=", REGION)
    .where("run_id", "=", runId)
    .where("unit_id", "in", page.subtree)
    .where("predikat", "=", page.input.predikat);
  if (page.afterNip !== null) query = query.where("nip", ">", page.afterNip);
  return query.orderBy("nip").limit(LIMIT + 1).execute();
}

/** The pages: the three largest OPDs, one middling and one small, each with the two commonest predikat, PAGES pages deep. */
async function pageRequests(db: Kysely<Database>, region: ResultsRegion): Promise<PageRequest[]> {
  const opds = [0, 1, 2, 9, 30].map((k) => region.opds[k]!);
  const requests: PageRequest[] = [];
  for (const unitId of opds) {
    const subtree = await unitSubtree(db, REGION, unitId);
    for (const predikat of region.predikat.slice(0, 2)) {
      let afterNip: string | null = null;
      for (let p = 0; p < PAGES; p++) {
        const cursor = afterNip === null ? {} : { cursor: Buffer.from(JSON.stringify([afterNip])).toString("base64url") };
        const page: PageRequest = { input: { cycleId: region.cycleId, unitId, predikat, limit: LIMIT, ...cursor }, subtree, afterNip };
        requests.push(page);
        const rows = await barePage(db, region.runId, page);
        if (rows.length <= LIMIT) break;
        afterNip = rows[LIMIT - 1]!.nip;
      }
    }
  }
  return requests;
}

function pathOf(page: PageRequest): string {
  return `/trpc/result.list?input=${encodeURIComponent(JSON.stringify(page.input))}`;
}

function listen(handler: RequestListener): Promise<Server> {
  const server = createServer({ keepAliveTimeout: 60_000 }, handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The load: CONNECTIONS loops over keep-alive sockets, each asking the next path as soon as its answer is read. */
const LOAD = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const { port, paths, headers, connections, warmUpMs, runMs, maxRequests } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path, headers, agent }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
  });
}
(async () => {
  let next = 0;
  let errors = 0;
  const latencies = [];
  const begin = performance.now();
  const measureFrom = begin + warmUpMs;
  const end = measureFrom + runMs;
  async function loop() {
    while (performance.now() < end && latencies.length < maxRequests) {
      const path = paths[next++ % paths.length];
      const started = performance.now();
      const status = await get(path);
      const done = performance.now();
      if (status !== 200) errors++;
      if (started >= measureFrom) latencies.push(done - started);
    }
  }
  await Promise.all(Array.from({ length: connections }, loop));
  agent.destroy();
  parentPort.postMessage({ latencies, errors, seconds: (performance.now() - measureFrom) / 1000 });
})();
`;

interface Driven {
  latencies: number[];
  seconds: number;
}

interface Load {
  p50: number;
  p99: number;
  rps: number;
}

/** One round: the handler under the load for SECONDS / ROUNDS after a warm-up. */
async function drive(server: Server, paths: string[], headers: Record<string, string>): Promise<Driven> {
  const { port } = server.address() as AddressInfo;
  const worker = new Worker(LOAD, {
    eval: true,
    workerData: { port, paths, headers, connections: CONNECTIONS, warmUpMs: WARM_UP_SECONDS * 1000, runMs: (SECONDS * 1000) / ROUNDS, maxRequests: MAX_REQUESTS / ROUNDS },
  });
  const { latencies, errors, seconds } = await new Promise<{ latencies: number[]; errors: number; seconds: number }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  await worker.terminate();
  if (errors > 0) throw new Error(`${errors} of ${latencies.length} requests failed`);
  return { latencies, seconds };
}

function loadOf(rounds: Driven[]): Load {
  const sorted = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), rps: sorted.length / seconds };
}

async function signIn(auth: ReturnType<typeof createAuth>): Promise<string> {
  const response = await auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: PASSWORD }),
    }),
  );
  if (response.status !== 200) throw new Error(`sign-in: HTTP ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function bench(dialect: DialectName): Promise<void> {
  const database = await createTestDatabase(dialect);
  // The server's own pool size, not the tests' small one.
  const served = openDatabase(database.config.dialect === "postgres" ? { ...database.config, poolSize: 10 } : database.config);
  try {
    const started = performance.now();
    const region = await seedResultsRegion(database.db, dialect, { regionId: REGION, size: SIZE });
    console.error(`# ${dialect}: ${SIZE} results seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await createAccount(database.db, { name: "Admin Uji Beban", email: ADMIN_EMAIL, password: PASSWORD, role: "admin", regionId: REGION });
    const { db } = served;
    const auth = createAuth({ db, dialect, secret: SECRET, baseURL: ORIGIN });
    const cookie = await signIn(auth);
    const requests = await pageRequests(db, region);
    const paths = requests.map(pathOf);
    const byPath = new Map(paths.map((path, i) => [path, requests[i]!]));

    const trpc = await listen(
      createHTTPHandler({
        router: appRouter,
        basePath: "/trpc/",
        createContext: ({ req }) => createContext({ db, auth, headers: fromNodeHeaders(req.headers) }),
      }),
    );
    const bare = await listen((req: IncomingMessage, res: ServerResponse) => {
      const page = byPath.get(req.url ?? "");
      if (!page) {
        res.writeHead(404).end();
        return;
      }
      barePage(db, region.runId, page).then(
        (rows) => {
          const items = rows.slice(0, LIMIT);
          const last = rows.length > LIMIT ? items[items.length - 1] : undefined;
          const nextCursor = last ? Buffer.from(JSON.stringify([last.nip])).toString("base64url") : null;
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ items, nextCursor }));
        },
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
    try {
      // Both answer every page alike before either is timed.
      for (const page of requests) {
        const expected = (await barePage(db, region.runId, page)).slice(0, LIMIT).map((r) => r.nip);
        const response = await fetch(`http://127.0.0.1:${(trpc.address() as AddressInfo).port}${pathOf(page)}`, { headers: { cookie } });
        const body = (await response.json()) as { result?: { data: { items: Array<{ nip: string }> } } };
        const got = body.result?.data.items.map((r) => r.nip);
        if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`result.list answered ${response.status} ${JSON.stringify(body).slice(0, 300)} for ${JSON.stringify(page.input)}`);
      }
      if (dialect === "postgres") await sql`analyze`.execute(db);
      const rounds = { trpc: [] as Driven[], bare: [] as Driven[] };
      for (let round = 0; round < ROUNDS; round++) {
        rounds.trpc.push(await drive(trpc, paths, { cookie }));
        rounds.bare.push(await drive(bare, paths, {}));
      }
      const measured = loadOf(rounds.trpc);
      const baseline = loadOf(rounds.bare);
      console.log(`results_page.p99_ms.${dialect}: ${measured.p99.toFixed(1)}`);
      console.log(`results_page.p50_ms.${dialect}: ${measured.p50.toFixed(1)}`);
      console.log(`results_page.rps.${dialect}: ${measured.rps.toFixed(1)}`);
      console.log(`results_page.bare_p99_ms.${dialect}: ${baseline.p99.toFixed(1)}`);
      console.log(`results_page.bare_rps.${dialect}: ${baseline.rps.toFixed(1)}`);
      console.log(`results_page.ratio_vs_bare.${dialect}: ${(measured.rps / baseline.rps).toFixed(2)}`);
    } finally {
      await close(trpc);
      await close(bare);
    }
  } finally {
    await served.close();
    await database.dispose();
  }
}

const dialects: DialectName[] = (await probePostgres()).ok ? ["sqlite", "postgres"] : ["sqlite"];
for (const dialect of dialects) await bench(dialect);
if (!dialects.includes("postgres")) console.log("results_page.rps.postgres: skipped (PostgreSQL not reachable)");
