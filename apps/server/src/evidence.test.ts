// Evidence files over real HTTP, on each dialect: an employee of Samarinda plans, logs work and uploads its
// evidence as a raw body and as multipart; files too large for the region's rule set or of a type it does
// not accept are refused; the assessor downloads what was stored; other regions and the signed-out cannot.
import type { TestDatabase } from "@kinerja/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Running } from "./start.js";
import { startSeededServer, type SeededServer } from "./testing/seeded-server.js";

const PASSWORD = "sandi-uji-bukti";
const PDF = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const GIF = Buffer.from("GIF89a\x01\x00\x01\x00", "latin1");
/** Samarinda's rule file: workflow.evidence.maxBytes. */
const SAMARINDA_MAX_BYTES = 5 * 1024 * 1024;

/** A signed-in session: the cookie better-auth sets, sent with every request. */
async function signIn(base: string, login: string): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const byNip = /^\d{18}$/.test(login);
  const response = await fetch(`${base}${byNip ? "/api/auth/sign-in/username" : "/api/auth/sign-in/email"}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify(byNip ? { username: login, password: PASSWORD } : { email: login, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", cookie);
    headers.set("origin", base);
    return fetch(`${base}${path}`, { ...init, headers });
  };
}

async function mutate<T>(session: (path: string, init?: RequestInit) => Promise<Response>, procedure: string, input: unknown): Promise<T> {
  const response = await session(`/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${procedure}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

describe.each(inject("dialects"))("evidence files over HTTP on %s", (dialect) => {
  let server: SeededServer;
  let database: TestDatabase;
  let running: Running;
  let entryId: string;
  let pdfId: string;
  const login = (role: string, regionId: string) => running.signIns.find((s) => s.role === role && s.regionId === regionId)?.login as string;

  beforeAll(async () => {
    server = await startSeededServer(dialect, { password: PASSWORD, seedSize: 12 });
    ({ database, running } = server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("stores a raw upload and a multipart upload of an employee's work entry", async () => {
    const employee = await signIn(running.url, login("employee", "samarinda"));
    const assessor = await signIn(running.url, login("assessor", "samarinda"));
    const cycleId = (
      (await (await employee("/trpc/cycle.list")).json()) as { result: { data: Array<{ id: string }> } }
    ).result.data[0]!.id;
    const plan = await mutate<{ id: string }>(employee, "plan.create", { cycleId });
    const saved = await mutate<{ rhk: Array<{ indicators: Array<{ id: string }> }> }>(employee, "plan.save", {
      id: plan.id,
      rhk: [{ kind: "utama", text: "Terlayaninya pengaduan", indicators: [{ text: "Pengaduan selesai", target: 50, satuan: "pengaduan" }] }],
    });
    await mutate(employee, "plan.submit", { id: plan.id });
    await mutate(assessor, "plan.approve", { id: plan.id });
    const entry = await mutate<{ id: string }>(employee, "workEntry.create", {
      ikiId: saved.rhk[0]!.indicators[0]!.id,
      workDate: "2025-02-03",
      description: "Pengaduan jalan rusak ditindaklanjuti",
      quantity: 3,
    });
    entryId = entry.id;

    const raw = await employee(`/evidence/work-entries/${entryId}`, {
      method: "POST",
      headers: { "x-filename": encodeURIComponent("Laporan Februari.pdf"), "content-type": "application/octet-stream" },
      body: PDF,
    });
    expect(raw.status).toBe(201);
    const stored = (await raw.json()) as { id: string; filename: string; contentType: string; size: number };
    expect(stored).toMatchObject({ filename: "Laporan Februari.pdf", contentType: "application/pdf", size: PDF.length });
    pdfId = stored.id;

    const form = new FormData();
    form.append("file", new Blob([PNG]), "foto-lokasi.png");
    const multipart = await employee(`/evidence/work-entries/${entryId}`, { method: "POST", body: form });
    expect(multipart.status).toBe(201);
    expect(await multipart.json()).toMatchObject({ filename: "foto-lokasi.png", contentType: "image/png" });

    const view = await (await assessor(`/trpc/workEntry.get?input=${encodeURIComponent(JSON.stringify({ id: entryId }))}`)).json();
    expect((view as { result: { data: { evidence: Array<{ filename: string }> } } }).result.data.evidence.map((e) => e.filename)).toEqual([
      "Laporan Februari.pdf",
      "foto-lokasi.png",
    ]);
  });

  it("refuses files too large for the region's rules or of a type it does not take, saying why", async () => {
    const employee = await signIn(running.url, login("employee", "samarinda"));
    const upload = (filename: string, body: Buffer) =>
      employee(`/evidence/work-entries/${entryId}`, { method: "POST", headers: { "x-filename": filename }, body });

    const large = await upload("besar.pdf", Buffer.concat([PDF, Buffer.alloc(SAMARINDA_MAX_BYTES + 1 - PDF.length)]));
    expect(large.status).toBe(413);
    expect(((await large.json()) as { error: string }).error).toMatch(/melebihi batas 5242880 bait/);

    const gif = await upload("bukti.gif", GIF);
    expect(gif.status).toBe(400);
    expect(((await gif.json()) as { error: string }).error).toMatch(/berisi GIF, sedangkan wilayah ini hanya menerima PDF, JPEG, PNG/);

    const disguised = await upload("bukti.pdf", PNG);
    expect(((await disguised.json()) as { error: string }).error).toMatch(/berakhiran \.pdf tetapi isinya PNG/);

    const unnamed = await employee(`/evidence/work-entries/${entryId}`, { method: "POST", body: PDF });
    expect(unnamed.status).toBe(400);
    expect(((await unnamed.json()) as { error: string }).error).toMatch(/X-Filename/);

    const files = await database.db.selectFrom("evidence_files").select("filename").where("work_entry_id", "=", entryId).execute();
    expect(files).toHaveLength(2);
  });

  it("lets the assessor download the file, and refuses other regions and the signed-out", async () => {
    const assessor = await signIn(running.url, login("assessor", "samarinda"));
    const download = await assessor(`/evidence/files/${pdfId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toContain("filename*=UTF-8''Laporan%20Februari.pdf");
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const binjai = await signIn(running.url, login("admin", "binjai"));
    expect((await binjai(`/evidence/files/${pdfId}`)).status).toBe(404);
    expect((await binjai(`/evidence/files/${pdfId}?regionId=samarinda`)).status).toBe(403);
    const upload = await binjai(`/evidence/work-entries/${entryId}`, { method: "POST", headers: { "x-filename": "x.pdf" }, body: PDF });
    expect(upload.status).toBe(404);
    expect((await fetch(`${running.url}/evidence/files/${pdfId}`)).status).toBe(401);
    expect((await assessor(`/evidence/files/${pdfId}`, { method: "DELETE" })).status).toBe(405);
  });
});
