// Connector schedules on each dialect. No shipped connector fetches its own input yet (attendance and work
// logs read uploaded files), so the test registers one that does: the work-log source reading its recap
// from a URL, here a server on loopback that asks for the region's token. Two schedulers on two connections
// to one database (two servers' background loops) look at the same due time at once: one run starts, is
// recorded like a manual run (job, report, audit entry by the schedule) and writes the recap's entries.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { openDatabase, type OpenDatabase } from "@kinerja/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, type TestEnv } from "../../testing/env.js";
import { REGION_CASES, seedWorkRegions, type RegionWorld } from "../../testing/work-period.js";
import { JobRunner } from "../cycles/index.js";
import { periodDates } from "../rules/index.js";
import type { Connector } from "./connector.js";
import { ConnectorScheduler, nextRunAfter, registerConnector, worklogConnector } from "./index.js";

const IKI = "Jumlah dokumen usulan yang diverifikasi";

describe("the next run of a schedule", () => {
  it("counts whole intervals from the anchor in Western Indonesian Time", () => {
    // 02:00 WIB is 19:00 UTC the day before.
    expect(nextRunAfter("02:00", 24 * 60, new Date("2025-03-10T12:00:00Z")).toISOString()).toBe("2025-03-10T19:00:00.000Z");
    expect(nextRunAfter("02:00", 24 * 60, new Date("2025-03-10T19:00:00Z")).toISOString()).toBe("2025-03-11T19:00:00.000Z");
    expect(nextRunAfter("00:30", 60, new Date("2025-03-10T12:10:00Z")).toISOString()).toBe("2025-03-10T12:30:00.000Z");
    expect(nextRunAfter("23:45", 6 * 60, new Date("2025-03-10T00:00:00Z")).toISOString()).toBe("2025-03-10T04:45:00.000Z");
  });
});

describe.each(inject("dialects"))("connector schedules on %s", (dialect) => {
  let env: TestEnv;
  let w: RegionWorld;
  let other: OpenDatabase;
  let feed: Server;
  let month: string;
  const requests: Array<string | undefined> = [];
  let unregister: () => void;
  const admin = () => env.as(w.admin);

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    w = (await seedWorkRegions(env, REGION_CASES.filter((c) => c.regionId === "binjai"))).get("binjai")!;
    other = openDatabase(env.database.config);
    const cycle = await env.database.db.selectFrom("cycles").selectAll().where("id", "=", w.cycleId).executeTakeFirstOrThrow();
    month = periodDates(cycle.period_kind, cycle.period_label).from.slice(0, 7);
    const report = env.as(w.report.user);
    const plan = await report.plan.create({ cycleId: w.cycleId });
    await report.plan.save({ id: plan.id, rhk: [{ kind: "utama", text: "Layanan kepegawaian", indicators: [{ text: IKI, target: 100, satuan: "dokumen" }] }] });
    await report.plan.submit({ id: plan.id });
    await env.as(w.superior.user).plan.approve({ id: plan.id });

    const recap = ["NIP,Tanggal,Indikator Kinerja Individu,Uraian Kegiatan,Jumlah,Satuan", `${w.report.nip},06/${month.slice(5)}/${month.slice(0, 4)},${IKI},Verifikasi usulan,5,dokumen`, `${w.report.nip},07/${month.slice(5)}/${month.slice(0, 4)},${IKI},Verifikasi mutasi,3,dokumen`].join("\n");
    feed = createServer((req, res) => {
      requests.push(req.headers.authorization);
      if (req.headers.authorization !== "Bearer rahasia-binjai") {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { "content-type": "text/csv" }).end(recap);
    });
    await new Promise<void>((resolve) => feed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/rekap.csv`;
    const fromUrl = {
      ...worklogConnector,
      name: "worklogs-url",
      label: { id: "Rekap catatan kerja dari URL", en: "Work-log recap from a URL" },
      secrets: ["token"],
      unattended: {
        format: "csv",
        period: () => month,
        fetch: async ({ secrets }: { secrets: Readonly<Record<string, string>> }) => {
          const answer = await fetch(url, { headers: { authorization: `Bearer ${secrets.token ?? ""}` } });
          if (!answer.ok) throw new Error(`${url} menjawab ${answer.status}`);
          return new Uint8Array(await answer.arrayBuffer());
        },
      },
    };
    unregister = registerConnector(fromUrl as unknown as Connector);
  });
  afterAll(async () => {
    unregister?.();
    feed?.close();
    await other?.close();
    await env?.dispose();
  });

  it("refuses to schedule a file source, and an unattended one until it is enabled", async () => {
    await expect(admin().connector.setSchedule({ name: "worklogs", on: true, everyMinutes: 60, anchor: "02:00" })).rejects.toThrow(/tidak bisa dijadwalkan.*worklogs-url/);
    await expect(admin().connector.setSchedule({ name: "payroll", on: true, everyMinutes: 60, anchor: "02:00" })).rejects.toThrow(/menghasilkan berkas/);
    await expect(admin().connector.setSchedule({ name: "worklogs-url", on: true, everyMinutes: 60, anchor: "02:00" })).rejects.toThrow(/belum diaktifkan/);
    await expect(admin().connector.setSchedule({ name: "worklogs-url", on: true, everyMinutes: 5, anchor: "02:00" })).rejects.toThrow();
    const list = await admin().connector.list();
    expect(list.filter((c) => c.unattended).map((c) => c.name)).toEqual(["siasn", "worklogs-url"]);
  });

  it("runs a due schedule once across two servers' loops, recorded like a manual run, and not again until its next time", async () => {
    await admin().connector.configure({ name: "worklogs-url", enabled: true, secrets: { token: "rahasia-binjai" } });
    const saved = await admin().connector.setSchedule({ name: "worklogs-url", on: true, everyMinutes: 60, anchor: "02:00" });
    expect(saved).toMatchObject({ on: true, everyMinutes: 60, anchor: "02:00", lastJobId: null });
    const due = new Date(Date.parse(saved.nextRunAt!) + 1_000);
    const jobsB = new JobRunner({ onError: () => undefined });
    const a = new ConnectorScheduler({ db: env.database.db, jobs: env.jobs, now: () => due });
    const b = new ConnectorScheduler({ db: other.db, jobs: jobsB, now: () => due });
    const started = await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
    await Promise.all([env.jobs.idle(), jobsB.idle()]);
    expect(started.flat()).toHaveLength(1);
    expect(requests).toEqual(["Bearer rahasia-binjai"]);

    const runs = await admin().connector.runs({ name: "worklogs-url" });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ jobId: started.flat()[0], status: "succeeded", period: month, format: "csv", rows: 2, written: 2 });
    expect(runs[0]!.bytes).toBeGreaterThan(0);
    const entries = await env.database.db.selectFrom("work_entries").select(["status", "quantity"]).where("region_id", "=", w.regionId).orderBy("quantity").execute();
    expect(entries).toEqual([
      { status: "submitted", quantity: 3 },
      { status: "submitted", quantity: 5 },
    ]);
    const audit = await env.database.db.selectFrom("audit_log").select(["actor_name", "actor_role"]).where("region_id", "=", w.regionId).where("action", "=", "connector.run").execute();
    expect(audit).toEqual([{ actor_name: "Jadwal konektor", actor_role: "system" }]);

    const [schedule] = await admin().connector.schedules();
    expect(schedule).toMatchObject({ lastJobId: started.flat()[0], lastRunAt: due.toISOString(), nextRunAt: new Date(Date.parse(saved.nextRunAt!) + 60 * 60_000).toISOString() });
    expect(await Promise.all([a.runDue(), b.runDue()])).toEqual([[], []]);

    // Its next time, both loops again: one run, which finds the recap stored already.
    const next = new Date(Date.parse(schedule!.nextRunAt!) + 1_000);
    const again = await Promise.all([new ConnectorScheduler({ db: env.database.db, jobs: env.jobs, now: () => next }).runDue(), new ConnectorScheduler({ db: other.db, jobs: jobsB, now: () => next }).runDue()]);
    await Promise.all([env.jobs.idle(), jobsB.idle()]);
    expect(again.flat()).toHaveLength(1);
    expect((await admin().connector.runs({ name: "worklogs-url" }))[0]).toMatchObject({ status: "succeeded", written: 0, summary: { alreadyStored: 2 } });
  });

  it("does not run while the connector is disabled, nor while the schedule is off", async () => {
    const [before] = await admin().connector.schedules();
    await admin().connector.configure({ name: "worklogs-url", enabled: false });
    const due = new Date(Date.parse(before!.nextRunAt!) + 1_000);
    expect(await new ConnectorScheduler({ db: env.database.db, jobs: env.jobs, now: () => due }).runDue()).toEqual([]);
    const [moved] = await admin().connector.schedules();
    expect(Date.parse(moved!.nextRunAt!)).toBeGreaterThan(due.getTime());

    await admin().connector.configure({ name: "worklogs-url", enabled: true });
    const off = await admin().connector.setSchedule({ name: "worklogs-url", on: false, everyMinutes: 60, anchor: "02:00" });
    expect(off).toMatchObject({ on: false, nextRunAt: null });
    const later = new Date(Date.now() + 10 * 24 * 60 * 60_000);
    expect(await new ConnectorScheduler({ db: env.database.db, jobs: env.jobs, now: () => later }).runDue()).toEqual([]);
    expect(await admin().connector.runs({ name: "worklogs-url" })).toHaveLength(2);
    const changes = await env.database.db.selectFrom("audit_log").select("action").where("region_id", "=", w.regionId).where("action", "=", "connector.schedule").execute();
    expect(changes).toHaveLength(2);
  });
});
