// The SIASN employee master (a source an admin reviews first): the units and employees of the region as
// SIASN (BKN) holds them, fetched over SIASN's web service (client.ts) or read from the spreadsheet a BKD
// downloads from SIASN, compared with the region (diff.ts): new, moved and left employees, new and changed
// units. The run stops at the diff; an admin applies it (one transaction, audited) or discards it. An
// employee who left is marked, never deleted, so their assessments and finalised results stay as they were.
import { z } from "zod";
import { DomainError } from "../../lib/index.js";
import type { SourceConnector } from "../connector.js";
import { checkBaseUrl, SiasnClient } from "./client.js";
import { applyDiff, diffAgainstRegion, type SiasnDiff } from "./diff.js";
import { defaultSiasnMapping, siasnMapping, type SiasnMapping } from "./mapping.js";
import { readRest, readSheet } from "./records.js";

export { SiasnClient, checkBaseUrl } from "./client.js";
export type { SiasnDiff } from "./diff.js";
export { defaultSiasnMapping, type SiasnMapping } from "./mapping.js";

export const SIASN_FETCH = "siasn";

function emptyDiff(): SiasnDiff {
  return { counts: { units: 0, employees: 0, newUnits: 0, changedUnits: 0, new: 0, moved: 0, left: 0, unchanged: 0, problems: 0 }, units: { new: [], changed: [] }, new: [], moved: [], left: [] };
}

const settings = z.strictObject({
  baseUrl: z
    .string()
    .max(500)
    .refine((v) => v === "" || /^https?:\/\/[^\s?#]+$/.test(v), { error: "alamat SIASN: https://… tanpa ?… atau #…" }),
});

export const siasnConnector: SourceConnector<SiasnMapping, SiasnDiff> = {
  kind: "source",
  name: "siasn",
  label: { id: "Data induk pegawai SIASN (BKN)", en: "SIASN employee master (BKN)" },
  description: {
    id: "Mengambil unit (unor) dan pegawai (jabatan, golongan, unit, atasan) dari layanan web SIASN, atau dari berkas ekspor SIASN (XLSX/CSV), lalu menunjukkan pegawai baru, pindah dan keluar untuk ditinjau sebelum diterapkan.",
    en: "Fetches the units (unor) and employees (jabatan, golongan, unit, atasan) from SIASN's web service, or reads SIASN's export (XLSX/CSV), and shows the new, moved and departed employees for review before they are applied.",
  },
  mapping: siasnMapping,
  defaultMapping: defaultSiasnMapping,
  secrets: ["apim_token", "sso_token"],
  settings,
  formats: [SIASN_FETCH, "xlsx", "csv"],
  fetchFormat: SIASN_FETCH,
  review: true,

  async read(db, regionId, input, mapping) {
    let read;
    if (input.format === SIASN_FETCH) {
      const baseUrl = typeof input.remote?.settings.baseUrl === "string" ? input.remote.settings.baseUrl : "";
      if (!baseUrl) throw new DomainError({ code: "PRECONDITION_FAILED", message: "Alamat SIASN belum diisi; isi di halaman Integrasi (SIASN base URL not set)" });
      const secrets = input.remote?.secrets ?? {};
      const client = new SiasnClient({
        baseUrl: checkBaseUrl(baseUrl),
        apimToken: secrets.apim_token ?? null,
        ssoToken: secrets.sso_token ?? null,
        timeoutSeconds: mapping.rest.timeoutSeconds,
        retries: mapping.rest.retries,
        pageSize: mapping.rest.pageSize,
      });
      // Units first (a small list), then employees; progress counts employees.
      const units = await client.list(mapping.rest.unitsPath);
      const employees = await client.list(mapping.rest.employeesPath, (p) => input.progress?.(p.rows, p.total));
      read = readRest(units, employees, mapping.rest);
    } else {
      read = await readSheet(input.format, input.bytes, mapping.sheet);
      await input.progress?.(read.rows, read.rows);
    }
    if (read.employees.length === 0) {
      // Nothing read (an empty list, or an export refused whole) must never read as "everyone left".
      const problems = read.problems.length > 0 ? read.problems : [{ line: 1, field: input.format === SIASN_FETCH ? mapping.rest.employeesPath : "berkas", value: "", message: "tidak ada satu pun pegawai", expected: "daftar pegawai instansi dari SIASN" }];
      return { rows: 0, problems, plan: emptyDiff(), summary: emptyDiff() as unknown as Record<string, unknown> };
    }
    const { diff, problems } = await diffAgainstRegion(db, regionId, read, mapping);
    return { rows: read.rows, problems, plan: diff, summary: diff as unknown as Record<string, unknown> };
  },

  async write(trx, regionId, runId, plan) {
    const written = await applyDiff(trx, regionId, runId, plan);
    return { written, summary: {} };
  },
};
