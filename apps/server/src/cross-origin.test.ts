// Requests that change something, sent by a page of another site (cross-site request forgery), over real
// HTTP: tRPC mutations, evidence uploads and better-auth's POSTs are refused with 403 and an Indonesian
// message unless Origin is the server's own or a trusted origin; reads pass, and so do clients that send
// neither Origin nor Sec-Fetch-Site (curl, scripts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "./testing/http-client.js";
import { startSeededServer, type SeededServer } from "./testing/seeded-server.js";

const PASSWORD = "sandi-uji-asal";
const OPERATOR = "operator@kinerja.local";
const TRUSTED = "https://portal.example.go.id";
const EVIL = "https://penipu.example.com";

interface TrpcError {
  error: { message: string; data: { code: string; httpStatus: number } };
}

describe("requests from other origins", () => {
  let server: SeededServer;
  let base: string;
  let cookie: string;

  const signIn = (headers: Record<string, string>) =>
    fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ email: OPERATOR, password: PASSWORD }),
    });
  const createRegion = (id: string, headers: Record<string, string>) =>
    fetch(`${base}/trpc/region.create`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, ...headers },
      body: JSON.stringify({ id, name: `Kota ${id}`, admin: { name: "Admin", email: `admin@${id}.example`, password: "sandi-kuat-baru-2025" } }),
    });
  const regionExists = async (id: string) =>
    (await server.database.db.selectFrom("regions").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;

  beforeAll(async () => {
    server = await startSeededServer("sqlite", {
      password: PASSWORD,
      seedSize: 12,
      configure: (config) => ({ ...config, trustedOrigins: [TRUSTED] }),
    });
    base = server.running.url;
    const response = await signIn({ origin: base });
    expect(response.status).toBe(200);
    cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a tRPC mutation from another site, in tRPC's error shape, and does not run it", async () => {
    const refused = await createRegion("kota-asing", { origin: EVIL });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as TrpcError;
    expect(body.error.data).toMatchObject({ code: "FORBIDDEN", httpStatus: 403 });
    expect(body.error.message).toContain(EVIL);
    expect(body.error.message).toContain("KINERJA_TRUSTED_ORIGINS");
    expect(await regionExists("kota-asing")).toBe(false);

    const batch = await fetch(`${base}/trpc/region.create,region.create?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: EVIL },
      body: JSON.stringify({ 0: {}, 1: {} }),
    });
    expect(batch.status).toBe(403);
    const answers = (await batch.json()) as TrpcError[];
    expect(answers.map((a) => a.error.data.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);

    const crossSite = await createRegion("kota-lintas", { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as TrpcError).error.message).toBe("Permintaan dari situs lain ditolak.");
    expect((await createRegion("kota-kosong", { origin: "null" })).status).toBe(403);
  });

  it("lets the server's own origin, a trusted origin and clients without Origin change things", async () => {
    expect((await createRegion("kota-sendiri", { origin: base })).status).toBe(200);
    expect((await createRegion("kota-percaya", { origin: TRUSTED })).status).toBe(200);
    expect((await createRegion("kota-curl", {})).status).toBe(200);
    expect((await createRegion("kota-sama", { "sec-fetch-site": "same-origin" })).status).toBe(200);
    for (const id of ["kota-sendiri", "kota-percaya", "kota-curl", "kota-sama"]) expect(await regionExists(id)).toBe(true);
  });

  it("refuses better-auth's POSTs and evidence uploads from another site, but not reads", async () => {
    const refused = await signIn({ origin: EVIL });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toContain(EVIL);
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect((await signIn({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await signIn({})).status).toBe(200);

    const upload = await fetch(`${base}/evidence/work-entries/x`, {
      method: "POST",
      headers: { cookie, origin: EVIL, "x-filename": "bukti.pdf", "content-type": "application/pdf" },
      body: "%PDF-1.7",
    });
    expect(upload.status).toBe(403);

    const read = new HttpClient(base);
    expect(await read.signIn(OPERATOR, PASSWORD)).toBe(200);
    const regions = await fetch(`${base}/trpc/region.list`, { headers: { cookie, origin: EVIL } });
    expect(regions.status).toBe(200);
  });
});
