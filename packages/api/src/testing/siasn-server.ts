// A SIASN web service on loopback for tests, speaking the shapes the SIASN connector's client reads:
//   GET /referensi/ref-unor?page=N&limit=L   → { code: 1, data: [{ id, namaUnor, diatasanId }], meta: { page, limit, total } }
//   GET /pns/data-utama?page=N&limit=L       → { code: 1, data: [{ nipBaru, nama, jabatanNama, golRuangAkhir, unorId, unorNama, atasanNipBaru }], meta }
// Each request must carry `Authorization: Bearer <apimToken>` and `Auth: bearer <ssoToken>`, else 401
// `{ code: 0, message: "Invalid Credentials" }`. `limit` above `maxLimit` is cut to it, as a gateway does.
//   POST /kinerjaperiodik/save, /skp22/save   a kinerja record (the results-to-SIASN sink) → 200
//        { success: true, message, mapData: { rwKinerjaPeriodikId } }; a body without the required fields, or
//        a rating or kuadran out of range → 400 { success: false, message }; a `pnsDinilaiId` no PNS of
//        `employees` has (nor listed in `refuseNips`) → 400 { success: false, message: "PNS … tidak ditemukan" }.
//        Every accepted body is kept in `received`.
// `fail` queues answers for the next requests to a path (a status with a body and headers, a body that is not
// JSON, a delay, or a dropped connection), so a test sees the client's handling of each; every request is recorded.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SiasnUnorRow {
  id: string;
  namaUnor: string;
  diatasanId: string | null;
}

export interface SiasnPnsRow {
  nipBaru: string;
  nama: string;
  jabatanNama: string;
  golRuangAkhir: string;
  unorId: string;
  unorNama: string;
  atasanNipBaru: string | null;
}

export interface SiasnFault {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Waits this long before answering (a slow or stuck service). */
  delayMs?: number;
  /** Drops the connection without an answer. */
  drop?: boolean;
}

export interface SiasnRequest {
  method: string;
  path: string;
  page: number;
  limit: number;
  authorization: string | null;
  auth: string | null;
}

export interface TestSiasn {
  url: string;
  units: SiasnUnorRow[];
  employees: SiasnPnsRow[];
  requests: SiasnRequest[];
  /** The kinerja bodies accepted, in order, with the id answered. */
  received: Array<{ path: string; id: string; body: Record<string, unknown> }>;
  /** NIPs whose kinerja record is refused although SIASN lists them (e.g. a record already verified). */
  refuseNips: Map<string, string>;
  /** Answers the next requests to `path` with these faults, in order, before answering normally again. */
  fail(path: string, ...faults: SiasnFault[]): void;
  close(): Promise<void>;
}

export const SIASN_UNITS_PATH = "/referensi/ref-unor";
export const SIASN_EMPLOYEES_PATH = "/pns/data-utama";
export const SIASN_KINERJA_PATHS = ["/kinerjaperiodik/save", "/skp22/save"] as const;

/** Why a kinerja body is not what SIASN takes, or null. */
function kinerjaProblem(body: unknown): string | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "badan permintaan harus objek JSON";
  const b = body as Record<string, unknown>;
  if (typeof b.pnsDinilaiId !== "string" || b.pnsDinilaiId === "") return "pnsDinilaiId wajib diisi";
  if (!Number.isInteger(b.tahun) || (b.tahun as number) < 2000) return "tahun wajib berupa bilangan bulat";
  for (const key of ["hasilKinerjaNilai", "perilakuKerjaNilai"]) {
    if (!Number.isInteger(b[key]) || (b[key] as number) < 1 || (b[key] as number) > 3) return `${key} harus 1, 2 atau 3 (referensi perilakuDanKinerja)`;
  }
  if (!Number.isInteger(b.kuadranKinerjaNilai) || (b.kuadranKinerjaNilai as number) < 1 || (b.kuadranKinerjaNilai as number) > 5) return "kuadranKinerjaNilai harus 1 sampai 5 (referensi kuadranNilai)";
  return null;
}

export async function startSiasn(options: { apimToken: string; ssoToken: string; units?: SiasnUnorRow[]; employees?: SiasnPnsRow[]; maxLimit?: number }): Promise<TestSiasn> {
  const faults = new Map<string, SiasnFault[]>();
  const state: Omit<TestSiasn, "url" | "close" | "fail"> = { units: options.units ?? [], employees: options.employees ?? [], requests: [], received: [], refuseNips: new Map() };
  let received = 0;
  const maxLimit = options.maxLimit ?? 100;
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { "content-type": typeof body === "string" ? "text/html" : "application/json", ...headers });
    res.end(text);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const page = Number(url.searchParams.get("page") ?? "1");
    const limit = Math.min(Number(url.searchParams.get("limit") ?? "10"), maxLimit);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    state.requests.push({ method: req.method ?? "GET", path: url.pathname, page, limit, authorization: req.headers.authorization ?? null, auth: (req.headers.auth as string | undefined) ?? null });
    const queued = faults.get(url.pathname);
    const fault = queued?.shift();
    if (fault) {
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.drop) {
        res.destroy();
        return;
      }
      if (fault.status !== undefined || fault.body !== undefined) {
        if (res.destroyed) return;
        res.writeHead(fault.status ?? 200, { "content-type": "application/json", ...fault.headers });
        res.end(fault.body ?? "");
        return;
      }
    }
    if (req.headers.authorization !== `Bearer ${options.apimToken}` || req.headers.auth !== `bearer ${options.ssoToken}`) {
      send(res, 401, { code: 0, message: "Invalid Credentials" });
      return;
    }
    if ((SIASN_KINERJA_PATHS as readonly string[]).includes(url.pathname)) {
      if (req.method !== "POST") {
        send(res, 405, { success: false, message: "Gunakan POST" });
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        send(res, 400, { success: false, message: "badan permintaan bukan JSON" });
        return;
      }
      const problem = kinerjaProblem(body);
      if (problem) {
        send(res, 400, { success: false, message: problem });
        return;
      }
      const record = body as Record<string, unknown>;
      const nip = record.pnsDinilaiId as string;
      const refused = state.refuseNips.get(nip);
      if (refused) {
        send(res, 400, { success: false, message: refused });
        return;
      }
      if (!state.employees.some((e) => e.nipBaru === nip)) {
        send(res, 400, { success: false, message: `PNS dengan NIP ${nip} tidak ditemukan` });
        return;
      }
      const id = `rw-${String(++received).padStart(4, "0")}`;
      state.received.push({ path: url.pathname, id, body: record });
      send(res, 200, { success: true, message: "Data berhasil disimpan", mapData: { rwKinerjaPeriodikId: id } });
      return;
    }
    const rows = url.pathname === SIASN_UNITS_PATH ? state.units : url.pathname === SIASN_EMPLOYEES_PATH ? state.employees : null;
    if (!rows) {
      send(res, 404, { code: 0, message: `Resource ${url.pathname} not found` });
      return;
    }
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1) {
      send(res, 400, { code: 0, message: "page dan limit harus bilangan bulat positif" });
      return;
    }
    send(res, 200, { code: 1, data: rows.slice((page - 1) * limit, page * limit), meta: { page, limit, total: rows.length } });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { code: 0, message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    fail(path: string, ...more: SiasnFault[]) {
      faults.set(path, [...(faults.get(path) ?? []), ...more]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
