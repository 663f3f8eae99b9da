// Whole appraisals of four shipped regions written by hand as plain TypeScript: Binjai (weighted axes,
// attendance bands, PP 94/2021 sanctions, a teachers' set), Samarinda (the PermenPANRB 6/2022 kuadran,
// PP 46 targets, public satisfaction at puskesmas, angka kredit), Kota Pariaman (discipline 60 / performance
// 40, vaccination coverage at health units, TPP bands) and Kecamatan Medan Amplas as resolved over Kota Medan
// and the national baseline (service targets, five competencies rated with self-assessment); the three of them
// also rate each axis score for SIASN on their own Sangat Baik / Baik floors. The yardstick for how fast a compiled
// rule set could possibly evaluate: the same result, key for key and bit for bit, as `compileRuleSet(…)
// .evaluate` for well-formed inputs (the benchmark checks that before timing), with none of its checks
// of malformed input. Arithmetic is done in the evaluator's order so floating point agrees.
import type { AppraisalInput, AppraisalResult, OutcomeEvent, RaterRatings } from "../src/domain/types.js";
import type { RuleSet } from "../src/ruleset/schema.js";

type Ratings = AppraisalInput["ratings"];

/** Σ weight × mean over the sources that rated `id`, renormalised over those present, as a percentage of `max`. */
function ratingScore(ratings: Ratings, id: string, supervisorWeight: number, peerWeight: number, max: number): number {
  let weighted = 0;
  let present = 0;
  const supervisor = (ratings?.supervisor as RaterRatings | undefined)?.[id];
  if (supervisorWeight > 0 && supervisor !== undefined && supervisor !== null) {
    weighted += supervisorWeight * supervisor;
    present += supervisorWeight;
  }
  if (peerWeight > 0) {
    const peer = meanOf(ratings?.peer, id);
    if (peer !== null) {
      weighted += peerWeight * peer;
      present += peerWeight;
    }
  }
  return (weighted / present / max) * 100;
}

/** The mean of one indicator's ratings from a source that rates with one sheet or several. */
function meanOf(given: RaterRatings | RaterRatings[] | undefined, id: string): number | null {
  if (given === undefined) return null;
  if (!Array.isArray(given)) return given[id] ?? null;
  let sum = 0;
  let n = 0;
  for (const sheet of given) {
    const value = sheet[id];
    if (value === undefined || value === null) continue;
    sum += value;
    n++;
  }
  return n === 0 ? null : sum / n;
}

function achievement(value: unknown, cap: number): number {
  const percent = typeof value === "number" ? value : ((value as { realisasi: number }).realisasi / (value as { target: number }).target) * 100;
  return percent > cap ? cap : percent;
}

function eventParams(ruleSet: RuleSet, rule: string): Record<string, unknown> {
  const found = ruleSet.outcomes.find((candidate) => candidate.name === rule);
  if (!found) throw new Error(`no outcome rule ${rule} in ${ruleSet.id}`);
  return found.event.params ?? {};
}

/** Years in a row before the period's year whose result is one of `levels` (the demo's history is annual). */
function yearsInRow(input: AppraisalInput, levels: readonly string[]): number {
  const byYear = new Map((input.history ?? []).map((h) => [h.year ?? Number(h.period), h.predikat]));
  let count = 0;
  for (let year = Number(input.period!.label.slice(0, 4)) - 1; levels.includes(byYear.get(year) ?? ""); year--) count++;
  return count;
}

const PREDIKAT_LABELS = (ruleSet: RuleSet) => new Map(ruleSet.predikat.map((p) => [p.id, p.label]));
/** A region's SIASN rating of an axis score from its Sangat Baik and Baik floors (the rating_* tables). */
const ratingFrom = (score: number, diAtas: number, sesuai: number) => (score >= diAtas ? "di_atas" : score >= sesuai ? "sesuai" : "di_bawah");

/** Binjai: the evaluator's result for one appraisal, by hand. */
export function handwrittenBinjai(ruleSet: RuleSet): (input: AppraisalInput) => AppraisalResult {
  const labels = PREDIKAT_LABELS(ruleSet);
  const sanksiLabel = eventParams(ruleSet, "sanksi_disiplin").label;
  const pendidikanLabel = eventParams(ruleSet, "usulan_pendidikan_lanjut").label;
  const pangkatLabel = eventParams(ruleSet, "usulan_kenaikan_pangkat").label;
  const promosiLabel = eventParams(ruleSet, "usulan_promosi_jabatan").label;
  const pembinaanLabel = eventParams(ruleSet, "pembinaan").label;
  const trainingOf = (setId: string) =>
    ruleSet.indicatorSets.find((set) => set.id === setId)!.indicators.filter((i) => i.training).map((i) => [i.id, i.training!.topic] as const);
  const guruTopics = trainingOf("guru");
  const umumTopics = trainingOf("umum");

  const attendance = (days: number) => (days <= 0 ? 100 : days <= 2 ? 90 : days <= 3 ? 75 : days <= 6 ? 60 : days <= 10 ? 40 : 0);
  const sanksiOf = (days: number, berturut: boolean) =>
    berturut === true || days >= 28
      ? "pemberhentian"
      : days >= 25
        ? "pembebasan_jabatan"
        : days >= 21
          ? "penurunan_jabatan"
          : days >= 17
            ? "potong_tunjangan_12_bulan"
            : days >= 14
              ? "potong_tunjangan_9_bulan"
              : days >= 11
                ? "potong_tunjangan_6_bulan"
                : days >= 7
                  ? "pernyataan_tidak_puas"
                  : days >= 4
                    ? "teguran_tertulis"
                    : days >= 3
                      ? "teguran_lisan"
                      : "tidak_ada";
  const tingkatOf = (sanksi: string) =>
    sanksi === "tidak_ada"
      ? "tidak_ada"
      : sanksi === "teguran_lisan" || sanksi === "teguran_tertulis" || sanksi === "pernyataan_tidak_puas"
        ? "ringan"
        : sanksi.startsWith("potong_tunjangan")
          ? "sedang"
          : "berat";
  const predikatOf = (score: number) =>
    score >= 91 ? "sangat_baik" : score >= 76 ? "baik" : score >= 61 ? "butuh_perbaikan" : score >= 51 ? "kurang" : "sangat_kurang";

  return (input) => {
    const { employee, ratings, values } = input;
    const guru = employee.unitType === "sekolah" || employee.attributes?.guru === true;
    const days = values!.kehadiran as number;
    const kehadiran = attendance(days);
    const komunikasi = ratingScore(ratings, "komunikasi", 70, 30, 5);
    const perilaku = (50 * kehadiran + 50 * komunikasi) / 100;
    let scores: Record<string, number>;
    let hasilKerja: number;
    // The scores of the indicators that propose training, in the set's order.
    let trained: number[];
    if (guru) {
      const perencanaan = ratingScore(ratings, "perencanaan_pembelajaran", 70, 0, 5);
      const pelaksanaan = ratingScore(ratings, "pelaksanaan_pembelajaran", 70, 0, 5);
      const penilaian = ratingScore(ratings, "penilaian_pembelajaran", 70, 0, 5);
      hasilKerja = (30 * perencanaan + 40 * pelaksanaan + 30 * penilaian) / 100;
      trained = [perencanaan, pelaksanaan, penilaian];
      scores = {
        score: 0,
        "score.hasil_kerja": hasilKerja,
        "score.perilaku": perilaku,
        "score.perencanaan_pembelajaran": perencanaan,
        "score.pelaksanaan_pembelajaran": pelaksanaan,
        "score.penilaian_pembelajaran": penilaian,
        "score.kehadiran": kehadiran,
        "score.komunikasi": komunikasi,
      };
    } else {
      const kualitas = ratingScore(ratings, "kualitas_kerja", 70, 0, 5);
      const tepatWaktu = achievement(values!.penyelesaian_tepat_waktu, 100);
      hasilKerja = (50 * kualitas + 50 * tepatWaktu) / 100;
      trained = [kualitas, tepatWaktu, komunikasi];
      scores = {
        score: 0,
        "score.hasil_kerja": hasilKerja,
        "score.perilaku": perilaku,
        "score.kualitas_kerja": kualitas,
        "score.penyelesaian_tepat_waktu": tepatWaktu,
        "score.kehadiran": kehadiran,
        "score.komunikasi": komunikasi,
      };
    }
    const score = (50 * hasilKerja + 50 * perilaku) / 100;
    scores.score = score;

    const berturut = (input.facts?.["disiplin.berturut_turut"] as boolean | undefined) ?? false;
    const sanksi = sanksiOf(days, berturut);
    const tingkat = tingkatOf(sanksi);
    const predikat = predikatOf(score);

    const outcomes: OutcomeEvent[] = [];
    if (sanksi !== "tidak_ada") {
      const params = { label: sanksiLabel, sanksi, tingkat, hari: days, berturut_turut: berturut };
      outcomes.push({ type: "sanksi_disiplin", params, rule: "sanksi_disiplin" });
    }
    if (predikat === "sangat_baik" && tingkat === "tidak_ada") {
      outcomes.push({ type: "usulan_pendidikan_lanjut", params: { label: pendidikanLabel, nilai: score }, rule: "usulan_pendidikan_lanjut" });
    }
    const baikYears = yearsInRow(input, ["sangat_baik", "baik"]);
    if ((predikat === "sangat_baik" || predikat === "baik") && baikYears >= 1) {
      const params = { label: pangkatLabel, predikat, tahun_sebelumnya_minimal_baik: baikYears };
      outcomes.push({ type: "usulan_kenaikan_pangkat", params, rule: "usulan_kenaikan_pangkat" });
    }
    if (predikat === "sangat_baik" && baikYears >= 1 && tingkat === "tidak_ada") {
      outcomes.push({ type: "usulan_promosi_jabatan", params: { label: promosiLabel, predikat, nilai: score }, rule: "usulan_promosi_jabatan" });
    }
    if (predikat === "butuh_perbaikan" || predikat === "kurang" || predikat === "sangat_kurang") {
      outcomes.push({ type: "pembinaan", params: { label: pembinaanLabel, predikat, nilai: score }, rule: "pembinaan" });
    }
    const topics = guru ? guruTopics : umumTopics;
    for (let i = 0; i < trained.length; i++) {
      if (trained[i]! < 60) {
        const [indicator, topic] = topics[i]!;
        outcomes.push({ type: "pelatihan", params: { indicator, topic }, rule: `pelatihan:${indicator}` });
      }
    }
    return {
      nip: employee.nip,
      ruleSetId: ruleSet.id,
      indicatorSet: guru ? "guru" : "umum",
      scores,
      decisions: {
        sanksi,
        tingkat_hukuman_disiplin: tingkat,
        predikat,
        "rating.hasil_kerja": ratingFrom(hasilKerja, 91, 76),
        "rating.perilaku": ratingFrom(perilaku, 91, 76),
      },
      predikat,
      predikatLabel: labels.get(predikat)!,
      outcomes,
    };
  };
}

const KOEFISIEN: Record<string, number> = {
  Terampil: 5,
  Mahir: 12.5,
  Penyelia: 25,
  "Ahli Pertama": 12.5,
  "Ahli Muda": 25,
  "Ahli Madya": 37.5,
  "Ahli Utama": 50,
};
const PERSEN: Record<string, number> = { sangat_baik: 150, baik: 100, butuh_perbaikan: 75, kurang: 50, sangat_kurang: 25 };
/** The kuadran: rating hasil kerja (rows) by rating perilaku (columns). */
function kuadran(hasilKerja: string, perilaku: string): string {
  if (hasilKerja === "di_atas") return perilaku === "di_bawah" ? "kurang" : perilaku === "sesuai" ? "baik" : "sangat_baik";
  if (hasilKerja === "sesuai") return perilaku === "di_bawah" ? "kurang" : "baik";
  return perilaku === "di_bawah" ? "sangat_kurang" : "butuh_perbaikan";
}

/** Samarinda: the evaluator's result for one appraisal, by hand. */
export function handwrittenSamarinda(ruleSet: RuleSet): (input: AppraisalInput) => AppraisalResult {
  const labels = PREDIKAT_LABELS(ruleSet);
  const angkaKreditLabel = eventParams(ruleSet, "angka_kredit").label;
  const pangkatLabel = eventParams(ruleSet, "usulan_kenaikan_pangkat").label;
  const penghargaanLabel = eventParams(ruleSet, "penghargaan").label;
  const gajiLabel = eventParams(ruleSet, "usulan_kenaikan_gaji").label;
  const promosiLabel = eventParams(ruleSet, "usulan_promosi_jabatan").label;
  const pembinaanLabel = eventParams(ruleSet, "pembinaan").label;
  const topic = ruleSet.indicatorSets[0]!.indicators.find((i) => i.id === "kolaboratif")!.training!.topic;
  const atLeastBaik = (predikat: unknown) => predikat === "sangat_baik" || predikat === "baik";

  return (input) => {
    const { employee, ratings, values } = input;
    const puskesmas = employee.unitType === "puskesmas";
    const task = values!.rhk_utama as { target: Record<string, number>; realisasi: Record<string, number> };
    const taskScore = ((task.realisasi.kuantitas! / task.target.kuantitas!) * 100 + (task.realisasi.kualitas! / task.target.kualitas!) * 100) / 2;
    const rhk = taskScore > 120 ? 120 : taskScore;
    const tepatWaktu = achievement(values!.ketepatan_waktu, 100);

    const pelayanan = ratingScore(ratings, "berorientasi_pelayanan", 70, 30, 5);
    const akuntabel = ratingScore(ratings, "akuntabel", 70, 30, 5);
    const kompeten = ratingScore(ratings, "kompeten", 70, 30, 5);
    const harmonis = ratingScore(ratings, "harmonis", 70, 30, 5);
    const loyal = ratingScore(ratings, "loyal", 70, 30, 5);
    const adaptif = ratingScore(ratings, "adaptif", 70, 30, 5);
    const kolaboratif = ratingScore(ratings, "kolaboratif", 70, 30, 5);
    const leader = !puskesmas && employee.jenisJabatan === "struktural" && input.unit?.pimpinan === true;
    // A structural unit leader's set: BerAKHLAK at 12 each and leading the team at 16, rated by direct reports alone.
    const kepemimpinan = leader ? ((100 * meanOf(ratings?.subordinate, "kepemimpinan_komunikasi")!) / 100 / 5) * 100 : 0;
    const perilakuSum = leader
      ? 12 * pelayanan + 12 * akuntabel + 12 * kompeten + 12 * harmonis + 12 * loyal + 12 * adaptif + 12 * kolaboratif + 16 * kepemimpinan
      : 16 * pelayanan + 14 * akuntabel + 14 * kompeten + 14 * harmonis + 14 * loyal + 14 * adaptif + 14 * kolaboratif;
    const perilaku = perilakuSum / 100;
    let hasilKerja: number;
    let score: number;
    let scores: Record<string, number>;
    if (leader) {
      hasilKerja = (80 * rhk + 20 * tepatWaktu) / 100;
      score =
        (80 * rhk + 20 * tepatWaktu + 12 * pelayanan + 12 * akuntabel + 12 * kompeten + 12 * harmonis + 12 * loyal + 12 * adaptif +
          12 * kolaboratif + 16 * kepemimpinan) /
        200;
      scores = {
        score,
        "score.hasil_kerja": hasilKerja,
        "score.perilaku": perilaku,
        "score.rhk_utama": rhk,
        "score.ketepatan_waktu": tepatWaktu,
        "score.berorientasi_pelayanan": pelayanan,
        "score.akuntabel": akuntabel,
        "score.kompeten": kompeten,
        "score.harmonis": harmonis,
        "score.loyal": loyal,
        "score.adaptif": adaptif,
        "score.kolaboratif": kolaboratif,
        "score.kepemimpinan_komunikasi": kepemimpinan,
      };
    } else if (puskesmas) {
      const kepuasan = ((100 * meanOf(ratings?.public, "kepuasan_masyarakat")!) / 100 / 4) * 100;
      hasilKerja = (50 * rhk + 20 * tepatWaktu + 30 * kepuasan) / 100;
      score =
        (50 * rhk + 20 * tepatWaktu + 30 * kepuasan + 16 * pelayanan + 14 * akuntabel + 14 * kompeten + 14 * harmonis + 14 * loyal +
          14 * adaptif + 14 * kolaboratif) /
        200;
      scores = {
        score,
        "score.hasil_kerja": hasilKerja,
        "score.perilaku": perilaku,
        "score.rhk_utama": rhk,
        "score.ketepatan_waktu": tepatWaktu,
        "score.kepuasan_masyarakat": kepuasan,
        "score.berorientasi_pelayanan": pelayanan,
        "score.akuntabel": akuntabel,
        "score.kompeten": kompeten,
        "score.harmonis": harmonis,
        "score.loyal": loyal,
        "score.adaptif": adaptif,
        "score.kolaboratif": kolaboratif,
      };
    } else {
      hasilKerja = (80 * rhk + 20 * tepatWaktu) / 100;
      score =
        (80 * rhk + 20 * tepatWaktu + 16 * pelayanan + 14 * akuntabel + 14 * kompeten + 14 * harmonis + 14 * loyal + 14 * adaptif +
          14 * kolaboratif) /
        200;
      scores = {
        score,
        "score.hasil_kerja": hasilKerja,
        "score.perilaku": perilaku,
        "score.rhk_utama": rhk,
        "score.ketepatan_waktu": tepatWaktu,
        "score.berorientasi_pelayanan": pelayanan,
        "score.akuntabel": akuntabel,
        "score.kompeten": kompeten,
        "score.harmonis": harmonis,
        "score.loyal": loyal,
        "score.adaptif": adaptif,
        "score.kolaboratif": kolaboratif,
      };
    }

    const given = input.facts;
    const ratingHasilKerja =
      (given?.["rating.hasil_kerja"] as string | undefined) ?? (hasilKerja > 100 ? "di_atas" : hasilKerja >= 90 ? "sesuai" : "di_bawah");
    const ratingPerilaku = (given?.["rating.perilaku"] as string | undefined) ?? (perilaku >= 80 ? "di_atas" : perilaku >= 60 ? "sesuai" : "di_bawah");
    const predikat = kuadran(ratingHasilKerja, ratingPerilaku);
    const fungsional = employee.jenisJabatan === "fungsional";
    const persen = fungsional ? PERSEN[predikat]! : null;
    const koefisien = fungsional ? KOEFISIEN[employee.jenjang!]! : null;
    const months = input.period?.months ?? 12;
    const angkaKredit =
      persen === null || koefisien === null ? null : Math.round(((persen / 100) * koefisien * (months / 12)) * 100 * (1 + Number.EPSILON)) / 100;

    const baikYears = yearsInRow(input, ["sangat_baik", "baik"]);
    const sangatBaikYears = yearsInRow(input, ["sangat_baik"]);
    const outcomes: OutcomeEvent[] = [];
    if (fungsional && angkaKredit !== null && angkaKredit > 0) {
      const params = { label: angkaKreditLabel, angka_kredit: angkaKredit, persen, koefisien, bulan: months };
      outcomes.push({ type: "angka_kredit", params, rule: "angka_kredit" });
    }
    if (atLeastBaik(predikat) && baikYears >= 1) {
      const params = { label: pangkatLabel, predikat, tahun_sebelumnya_minimal_baik: baikYears };
      outcomes.push({ type: "usulan_kenaikan_pangkat", params, rule: "usulan_kenaikan_pangkat" });
    }
    if (predikat === "sangat_baik") outcomes.push({ type: "penghargaan", params: { label: penghargaanLabel, predikat }, rule: "penghargaan" });
    if (predikat === "sangat_baik" && sangatBaikYears >= 1) {
      const params = { predikat, tahun_sangat_baik_sebelumnya: sangatBaikYears };
      outcomes.push({ type: "usulan_kenaikan_gaji", params: { label: gajiLabel, ...params }, rule: "usulan_kenaikan_gaji" });
      outcomes.push({ type: "usulan_promosi_jabatan", params: { label: promosiLabel, ...params }, rule: "usulan_promosi_jabatan" });
    }
    if (!atLeastBaik(predikat)) outcomes.push({ type: "pembinaan", params: { label: pembinaanLabel, predikat }, rule: "pembinaan" });
    if (kolaboratif < 60) {
      outcomes.push({ type: "pelatihan", params: { indicator: "kolaboratif", topic }, rule: "pelatihan:kolaboratif" });
    }
    return {
      nip: employee.nip,
      ruleSetId: ruleSet.id,
      indicatorSet: puskesmas ? "puskesmas" : leader ? "pimpinan_struktural" : "umum",
      scores,
      decisions: {
        "rating.hasil_kerja": ratingHasilKerja,
        "rating.perilaku": ratingPerilaku,
        predikat,
        angka_kredit_persen: persen,
        angka_kredit_koefisien: koefisien,
        angka_kredit: angkaKredit,
      },
      predikat,
      predikatLabel: labels.get(predikat)!,
      outcomes,
    };
  };
}

/** Σ weight × mean over supervisor, peer and self (in the rule file's order), renormalised over those present, as a percentage of `max`. */
function ratingScoreWithSelf(ratings: Ratings, id: string, supervisorWeight: number, peerWeight: number, selfWeight: number, max: number): number {
  let weighted = 0;
  let present = 0;
  const supervisor = meanOf(ratings?.supervisor, id);
  if (supervisor !== null) {
    weighted += supervisorWeight * supervisor;
    present += supervisorWeight;
  }
  const peer = meanOf(ratings?.peer, id);
  if (peer !== null) {
    weighted += peerWeight * peer;
    present += peerWeight;
  }
  const self = meanOf(ratings?.self, id);
  if (self !== null) {
    weighted += selfWeight * self;
    present += selfWeight;
  }
  return (weighted / present / max) * 100;
}

/** Kota Pariaman: discipline 60 / performance 40, vaccination coverage at health units, TPP percentage from the score. */
export function handwrittenPariaman(ruleSet: RuleSet): (input: AppraisalInput) => AppraisalResult {
  const labels = PREDIKAT_LABELS(ruleSet);
  const penghargaanLabel = eventParams(ruleSet, "penghargaan").label;
  const promosiLabel = eventParams(ruleSet, "usulan_promosi_jabatan").label;
  const penempatanLabel = eventParams(ruleSet, "penempatan").label;
  const tppLabel = eventParams(ruleSet, "tpp").label;
  const topicOf = (setId: string, id: string) =>
    ruleSet.indicatorSets.find((set) => set.id === setId)!.indicators.find((i) => i.id === id)!.training!.topic;
  const kualitasTopic = topicOf("umum", "kualitas_kerja");
  const layananTopic = topicOf("umum", "layanan_masyarakat");
  const vaksinasiTopic = topicOf("kesehatan", "cakupan_vaksinasi");

  const attendance = (days: number) => (days <= 0 ? 100 : days <= 2 ? 90 : days <= 5 ? 75 : days <= 10 ? 50 : 0);
  const predikatOf = (score: number) =>
    score >= 90 ? "sangat_baik" : score >= 80 ? "baik" : score >= 70 ? "butuh_perbaikan" : score >= 60 ? "kurang" : "sangat_kurang";
  const tppOf = (score: number) => (score >= 90 ? 100 : score >= 80 ? 90 : score >= 70 ? 80 : score >= 60 ? 60 : score >= 50 ? 40 : 0);

  return (input) => {
    const { employee, ratings, values } = input;
    const kesehatan = employee.unitType === "puskesmas" || employee.unitType === "dinas_kesehatan";
    const kualitas = ratingScore(ratings, "kualitas_kerja", 70, 30, 100);
    const layanan = ratingScore(ratings, "layanan_masyarakat", 70, 30, 100);
    const kehadiran = attendance(values!.kehadiran as number);
    const perilaku = (100 * kehadiran) / 100;
    let hasilKerja: number;
    let vaksinasi = 0;
    let scores: Record<string, number>;
    if (kesehatan) {
      vaksinasi = achievement(values!.cakupan_vaksinasi, 100);
      hasilKerja = (30 * kualitas + 30 * layanan + 40 * vaksinasi) / 100;
      scores = {
        score: 0,
        "score.hasil_kerja": hasilKerja,
        "score.perilaku": perilaku,
        "score.kualitas_kerja": kualitas,
        "score.layanan_masyarakat": layanan,
        "score.cakupan_vaksinasi": vaksinasi,
        "score.kehadiran": kehadiran,
      };
    } else {
      hasilKerja = (50 * kualitas + 50 * layanan) / 100;
      scores = {
        score: 0,
        "score.hasil_kerja": hasilKerja,
        "score.perilaku": perilaku,
        "score.kualitas_kerja": kualitas,
        "score.layanan_masyarakat": layanan,
        "score.kehadiran": kehadiran,
      };
    }
    const score = (60 * perilaku + 40 * hasilKerja) / 100;
    scores.score = score;
    const predikat = predikatOf(score);
    const tppPersen = tppOf(score);

    const outcomes: OutcomeEvent[] = [];
    if (predikat === "sangat_baik" || predikat === "baik") {
      outcomes.push({ type: "penghargaan", params: { label: penghargaanLabel, predikat }, rule: "penghargaan" });
    }
    if (predikat === "sangat_baik" && hasilKerja >= 95) {
      const params = { label: promosiLabel, nilai_hasil_kerja: hasilKerja };
      outcomes.push({ type: "usulan_promosi_jabatan", params, rule: "usulan_promosi_jabatan" });
    }
    if (predikat === "kurang" || predikat === "sangat_kurang") {
      outcomes.push({ type: "penempatan", params: { label: penempatanLabel, predikat }, rule: "penempatan" });
    }
    if (tppPersen > 0) outcomes.push({ type: "tpp", params: { label: tppLabel, persen: tppPersen, nilai: score }, rule: "tpp" });
    if (kualitas < 70) {
      outcomes.push({ type: "pelatihan", params: { indicator: "kualitas_kerja", topic: kualitasTopic }, rule: "pelatihan:kualitas_kerja" });
    }
    if (layanan < 70) {
      const params = { indicator: "layanan_masyarakat", topic: layananTopic };
      outcomes.push({ type: "pelatihan", params, rule: "pelatihan:layanan_masyarakat" });
    }
    if (kesehatan && vaksinasi < 80) {
      const params = { indicator: "cakupan_vaksinasi", topic: vaksinasiTopic };
      outcomes.push({ type: "pelatihan", params, rule: "pelatihan:cakupan_vaksinasi" });
    }
    return {
      nip: employee.nip,
      ruleSetId: ruleSet.id,
      indicatorSet: kesehatan ? "kesehatan" : "umum",
      scores,
      decisions: { predikat, tpp_persen: tppPersen, "rating.hasil_kerja": ratingFrom(hasilKerja, 90, 80), "rating.perilaku": ratingFrom(perilaku, 90, 80) },
      predikat,
      predikatLabel: labels.get(predikat)!,
      outcomes,
    };
  };
}

/**
 * Kecamatan Medan Amplas as resolved over Kota Medan and the national baseline: service targets on the
 * hasil kerja axis, five competencies rated by supervisor, peers and self on the perilaku axis.
 */
export function handwrittenMedanAmplas(ruleSet: RuleSet): (input: AppraisalInput) => AppraisalResult {
  const labels = PREDIKAT_LABELS(ruleSet);
  const penghargaanLabel = eventParams(ruleSet, "penghargaan").label;
  const pembinaanLabel = eventParams(ruleSet, "pembinaan").label;
  const topics = ruleSet.indicatorSets
    .find((set) => set.id === "umum")!
    .indicators.filter((i) => i.training)
    .map((i) => [i.id, i.training!.topic] as const);
  const predikatOf = (score: number) =>
    score >= 90 ? "sangat_baik" : score >= 75 ? "baik" : score >= 60 ? "butuh_perbaikan" : score >= 50 ? "kurang" : "sangat_kurang";

  return (input) => {
    const { employee, ratings, values } = input;
    const capaian = achievement(values!.capaian_target_layanan, 120);
    const tepatWaktu = achievement(values!.ketepatan_waktu_layanan, 100);
    const pengaduan = achievement(values!.tindak_lanjut_pengaduan, 100);
    const komunikasi = ratingScoreWithSelf(ratings, "komunikasi", 50, 30, 20, 5);
    const masalah = ratingScoreWithSelf(ratings, "penyelesaian_masalah", 50, 30, 20, 5);
    const pelayanan = ratingScoreWithSelf(ratings, "pelayanan_masyarakat", 50, 30, 20, 5);
    const kerjaSama = ratingScoreWithSelf(ratings, "kerja_sama", 50, 30, 20, 5);
    const integritas = ratingScoreWithSelf(ratings, "integritas", 50, 30, 20, 5);
    const hasilKerja = (50 * capaian + 25 * tepatWaktu + 25 * pengaduan) / 100;
    const perilaku = (20 * komunikasi + 20 * masalah + 25 * pelayanan + 20 * kerjaSama + 15 * integritas) / 100;
    const score = (50 * hasilKerja + 50 * perilaku) / 100;
    const predikat = predikatOf(score);

    const outcomes: OutcomeEvent[] = [];
    if (predikat === "sangat_baik") outcomes.push({ type: "penghargaan", params: { label: penghargaanLabel, nilai: score }, rule: "penghargaan" });
    if (predikat === "butuh_perbaikan" || predikat === "kurang" || predikat === "sangat_kurang") {
      outcomes.push({ type: "pembinaan", params: { label: pembinaanLabel, predikat, nilai: score }, rule: "pembinaan" });
    }
    const trained = [komunikasi, masalah, pelayanan, kerjaSama, integritas];
    for (let i = 0; i < trained.length; i++) {
      if (trained[i]! < 60) {
        const [indicator, topic] = topics[i]!;
        outcomes.push({ type: "pelatihan", params: { indicator, topic }, rule: `pelatihan:${indicator}` });
      }
    }
    return {
      nip: employee.nip,
      ruleSetId: ruleSet.id,
      indicatorSet: "umum",
      scores: {
        score,
        "score.hasil_kerja": hasilKerja,
        "score.perilaku": perilaku,
        "score.capaian_target_layanan": capaian,
        "score.ketepatan_waktu_layanan": tepatWaktu,
        "score.tindak_lanjut_pengaduan": pengaduan,
        "score.komunikasi": komunikasi,
        "score.penyelesaian_masalah": masalah,
        "score.pelayanan_masyarakat": pelayanan,
        "score.kerja_sama": kerjaSama,
        "score.integritas": integritas,
      },
      decisions: { predikat, "rating.hasil_kerja": ratingFrom(hasilKerja, 90, 75), "rating.perilaku": ratingFrom(perilaku, 90, 75) },
      predikat,
      predikatLabel: labels.get(predikat)!,
      outcomes,
    };
  };
}
