// Results to SIASN (BKN) / e-Kinerja: a sink. A finalised cycle's results (predikat as SIASN's kuadran, the
// work-results and work-behaviour ratings, the penilai) as the bodies of SIASN's kinerja save endpoint
// (`/kinerjaperiodik/save` by default), laid out by the mapping file (payloads.ts). Downloaded as a file
// (JSON, the bodies as they would be posted; CSV or XLSX, one row per employee) through the sink's export, or
// posted to SIASN employee by employee with the SIASN connector's client, base URL and secrets (send.ts), what
// was sent and the answer kept per employee in `siasn_submissions`.
import { requireAdmin } from "../../access/index.js";
import { safeName, tableFile, type Cell } from "../../documents/index.js";
import type { SinkConnector } from "../connector.js";
import { defaultKinerjaMapping, kinerjaMapping, type KinerjaMapping } from "./mapping.js";
import { buildPayloads } from "./payloads.js";

export { defaultKinerjaMapping, type KinerjaMapping } from "./mapping.js";
export { buildPayloads, type KinerjaPayload } from "./payloads.js";

export const SIASN_KINERJA = "siasn-kinerja";

export const siasnKinerjaConnector: SinkConnector<KinerjaMapping> = {
  kind: "sink",
  name: SIASN_KINERJA,
  label: { id: "Kirim hasil ke SIASN (e-Kinerja)", en: "Results to SIASN (e-Kinerja)" },
  description: {
    id: "Predikat akhir dan rating hasil kerja serta perilaku kerja tiap pegawai dari siklus yang sudah final, dalam bentuk isian kinerja periodik SIASN: diunduh sebagai berkas atau dikirim langsung ke layanan SIASN dengan alamat dan rahasia konektor SIASN.",
    en: "Each employee's final predikat and work-results and work-behaviour ratings from a finalised cycle, shaped as SIASN's periodic performance record: downloaded as a file or posted to SIASN with the SIASN connector's address and secrets.",
  },
  mapping: kinerjaMapping,
  defaultMapping: defaultKinerjaMapping,
  // It posts with the SIASN employee master's base URL and secrets (apim_token, sso_token); it keeps none of its own.
  secrets: [],
  formats: ["json", "csv", "xlsx"],

  async export(scope, input, mapping) {
    requireAdmin(scope, "mengunduh berkas hasil untuk SIASN");
    const { cycle, runVersion, payloads } = await buildPayloads(scope.db, scope.regionId, input.cycleId, mapping);
    const name = safeName(`siasn-kinerja-${scope.regionId}-${cycle.period_label}`);
    if (input.format === "json") {
      const body = payloads.map((p) => ({ nip: p.nip, nama: p.nama, problem: p.problem, path: mapping.path, payload: p.body }));
      return { filename: `${name}.json`, contentType: "application/json; charset=utf-8", body: Buffer.from(`${JSON.stringify(body, null, 2)}\n`, "utf8"), rows: payloads.length, period: cycle.period_label };
    }
    const fields = Object.keys(mapping.fields);
    const file = await tableFile({
      format: input.format,
      name,
      sheetName: "Kinerja SIASN",
      columns: [
        { header: "NIP", key: "nip", width: 22, text: true },
        { header: "Nama", key: "nama", width: 30 },
        { header: "Unit", key: "unit", width: 28 },
        { header: "Predikat", key: "predikat", width: 16 },
        { header: "Rating Hasil Kerja", key: "hasil", width: 20 },
        { header: "Rating Perilaku Kerja", key: "perilaku", width: 20 },
        ...fields.map((f) => ({ header: f, key: `f:${f}`, width: 18, ...(typeof payloads[0]?.body[f] === "string" ? { text: true } : {}) })),
        { header: "Masalah", key: "problem", width: 40 },
      ],
      rows: payloads.map((p) => ({
        nip: p.nip,
        nama: p.nama,
        unit: p.unit,
        predikat: p.predikatLabel,
        hasil: p.ratingHasilKerja,
        perilaku: p.ratingPerilaku,
        ...Object.fromEntries(fields.map((f) => [`f:${f}`, p.body[f] as Cell])),
        problem: p.problem ?? "",
      })),
      about: [
        ["Siklus", cycle.name],
        ["Periode", cycle.period_label],
        ["Versi hasil", runVersion],
        ["Jalur SIASN", mapping.path],
        ["Kode versi aturan", cycle.rule_set_hash],
      ],
    });
    return { ...file, rows: payloads.length, period: cycle.period_label };
  },
};
