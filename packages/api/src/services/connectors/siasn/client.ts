// A client for SIASN's web service (BKN), for the two lists the employee master needs:
//   GET {baseUrl}/referensi/ref-unor?page=N&limit=L   the units (unor) of the instansi
//   GET {baseUrl}/pns/data-utama?page=N&limit=L       the employees' main data (jabatan, golongan, unor, atasan)
// Every request carries `Authorization: Bearer <apim_token>` (the API gateway's token) and `Auth: bearer
// <sso_token>` (the instansi's SSO token) when set; both are the region's server-side secrets and never leave
// the server. An answer is `{ "code": 1, "data": [...], "meta": { "page", "limit", "total" } }`; pages are read
// until `total` rows (or a short page) have come. A 5xx answer, a dropped connection or a 429 is tried again a
// bounded number of times (a 429 after its Retry-After, when that is short enough); anything else fails the
// fetch at once with a message saying what failed, where, and what was expected. Nothing is guessed.
import { DomainError } from "../../lib/index.js";

export interface SiasnClientOptions {
  baseUrl: string;
  apimToken: string | null;
  ssoToken: string | null;
  timeoutSeconds: number;
  retries: number;
  pageSize: number;
  /** Longest Retry-After waited for before trying again; a longer one fails the fetch. */
  maxRetryAfterSeconds?: number;
}

export interface PageProgress {
  path: string;
  rows: number;
  total: number;
}

/** A page's rows are JSON objects. */
export type SiasnRecord = Record<string, unknown>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function failure(message: string, code: "SERVICE_UNAVAILABLE" | "PRECONDITION_FAILED" | "TOO_MANY_REQUESTS" = "SERVICE_UNAVAILABLE"): DomainError {
  return new DomainError({ code, message });
}

/** A trimmed body text for an error message. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat || "(kosong)";
}

/** A base URL the client can use: http(s), no query or fragment; its trailing slash dropped. */
export function checkBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new DomainError({ code: "BAD_REQUEST", message: `Alamat SIASN "${text}" tidak sah; yang diharapkan: alamat lengkap, mis. https://apimws.bkn.go.id:8243/apisiasn/1.0` });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new DomainError({ code: "BAD_REQUEST", message: `Alamat SIASN harus diawali https:// (atau http://), bukan ${url.protocol}` });
  if (url.search || url.hash) throw new DomainError({ code: "BAD_REQUEST", message: "Alamat SIASN tanpa ?… atau #…: hanya alamat dasar layanan" });
  return url.toString().replace(/\/+$/, "");
}

export class SiasnClient {
  private readonly base: string;
  constructor(private readonly options: SiasnClientOptions) {
    this.base = checkBaseUrl(options.baseUrl);
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.options.apimToken) headers.authorization = `Bearer ${this.options.apimToken}`;
    if (this.options.ssoToken) headers.auth = `bearer ${this.options.ssoToken}`;
    return headers;
  }

  /**
   * One request to `path`, tried again on a dropped connection, a 5xx answer and a short 429 (after its
   * Retry-After) up to `retries` times; 401/403 throws at once (the credentials are wrong for every request
   * alike), as does a connection that never answered or a 429 asking too long a wait. The answer otherwise,
   * with its body text; a 5xx only once no try is left.
   */
  private async exchange(path: string, where: string, init: RequestInit, again: string): Promise<{ response: Response; text: string; tries: number }> {
    const url = `${this.base}${path}`;
    const maxWait = this.options.maxRetryAfterSeconds ?? 30;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= this.options.retries;
      const tries = `${attempt + 1} kali dicoba`;
      let response: Response;
      try {
        response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutSeconds * 1000) });
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        if (!last) {
          await sleep(250 * 2 ** attempt);
          continue;
        }
        throw failure(
          timedOut
            ? `SIASN tidak menjawab dalam ${this.options.timeoutSeconds} detik pada ${where} (${tries}); yang diharapkan: jawaban JSON. Periksa alamat SIASN atau coba lagi nanti`
            : `SIASN tidak dapat dihubungi pada ${where} (${tries}): ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}; periksa alamat SIASN (${this.base})`,
        );
      }
      const text = await response.text();
      if (response.status === 401 || response.status === 403) {
        throw failure(
          `SIASN menolak kredensial pada ${where}: HTTP ${response.status} ${excerpt(text)}; yang diharapkan: token apim_token dan sso_token yang masih berlaku. Perbarui rahasia konektor SIASN di halaman Integrasi`,
          "PRECONDITION_FAILED",
        );
      }
      if (response.status === 429) {
        const retryAfter = Number(response.headers.get("retry-after") ?? "");
        const wait = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null;
        if (!last && wait !== null && wait <= maxWait) {
          await sleep(wait * 1000);
          continue;
        }
        throw failure(`SIASN membatasi permintaan pada ${where}: HTTP 429${wait !== null ? `, coba lagi setelah ${wait} detik (Retry-After)` : ""}; ${tries}. ${again}`, "TOO_MANY_REQUESTS");
      }
      if (response.status >= 500 && !last) {
        await sleep(250 * 2 ** attempt);
        continue;
      }
      return { response, text, tries: attempt + 1 };
    }
  }

  /** One page's JSON. */
  private async getJson(path: string, query: Record<string, string>): Promise<unknown> {
    const where = `GET ${path} (halaman ${query.page})`;
    const { response, text, tries } = await this.exchange(`${path}?${new URLSearchParams(query).toString()}`, where, { headers: this.headers() }, "Jalankan lagi nanti");
    if (response.status >= 500) {
      throw failure(`SIASN gagal pada ${where}: HTTP ${response.status} ${excerpt(text)}, ${tries} kali dicoba; yang diharapkan: HTTP 200 dengan JSON. Coba lagi nanti`);
    }
    if (response.status !== 200) {
      throw failure(`SIASN menjawab HTTP ${response.status} pada ${where}: ${excerpt(text)}; yang diharapkan: HTTP 200 dengan JSON. Periksa alamat SIASN dan jalur di berkas pemetaan (rest.*Path)`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw failure(`Jawaban SIASN pada ${where} bukan JSON: ${excerpt(text)}; yang diharapkan: {"code": 1, "data": [...], "meta": {...}}`);
    }
  }

  /**
   * POSTs one JSON body to `path` (a kinerja save endpoint) and gives back SIASN's answer: its status, its body
   * text and the body as JSON when it is. A 5xx answer, a dropped connection or a short 429 is tried again as a
   * GET is; 401/403 throws (the credentials are wrong for every body alike); any other answer (2xx, or a 4xx
   * naming what is wrong with this body) is returned for the caller to judge. Throws only when no answer came.
   */
  async post(path: string, body: unknown, label: string): Promise<{ status: number; text: string; json: unknown; tries: number }> {
    const init = { method: "POST", headers: { ...this.headers(), "content-type": "application/json" }, body: JSON.stringify(body) };
    const { response, text, tries } = await this.exchange(path, `POST ${path} (${label})`, init, "Kirim lagi nanti");
    let json: unknown = null;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = null;
    }
    return { status: response.status, text, json, tries };
  }

  /** Every row of a paged list, page by page; `progress` after each page. */
  async list(path: string, progress?: (p: PageProgress) => void | Promise<void>): Promise<SiasnRecord[]> {
    const rows: SiasnRecord[] = [];
    const limit = this.options.pageSize;
    let page = 0;
    while (page < 100_000) {
      page++;
      const body = await this.getJson(path, { page: String(page), limit: String(limit) });
      const where = `GET ${path} (halaman ${page})`;
      const shape = `yang diharapkan: {"code": 1, "data": [ … ], "meta": {"page": ${page}, "limit": ${limit}, "total": … }}`;
      if (typeof body !== "object" || body === null || Array.isArray(body)) throw failure(`Jawaban SIASN pada ${where} tidak berbentuk objek; ${shape}`);
      const { code, data, meta, message } = body as { code?: unknown; data?: unknown; meta?: unknown; message?: unknown };
      if (code !== 1 && code !== "1") throw failure(`SIASN menjawab gagal pada ${where}: code ${JSON.stringify(code ?? null)}${typeof message === "string" ? `, "${excerpt(message)}"` : ""}; ${shape}`);
      if (!Array.isArray(data)) throw failure(`Jawaban SIASN pada ${where} tanpa daftar "data"; ${shape}`);
      const bad = data.findIndex((row) => typeof row !== "object" || row === null || Array.isArray(row));
      if (bad >= 0) throw failure(`Baris ke-${bad + 1} jawaban SIASN pada ${where} bukan objek; ${shape}`);
      const total = typeof meta === "object" && meta !== null ? Number((meta as { total?: unknown }).total) : NaN;
      if (!Number.isInteger(total) || total < 0) throw failure(`Jawaban SIASN pada ${where} tanpa "meta.total" berupa bilangan bulat; ${shape}`);
      rows.push(...(data as SiasnRecord[]));
      await progress?.({ path, rows: rows.length, total });
      // A gateway may cut `limit` to its own page size: pages go on until `total` rows came, and an empty
      // page before that is an error, not the end.
      if (rows.length >= total || data.length === 0) {
        if (rows.length !== total) throw failure(`SIASN menyebut ${total} baris pada ${path} tetapi mengirim ${rows.length}; yang diharapkan: jumlah yang sama. Ambil lagi`);
        return rows;
      }
    }
    throw failure(`SIASN tidak berhenti mengirim halaman pada ${path}`);
  }
}
