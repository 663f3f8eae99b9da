// The appraisal outcome rules of appraisal-rules.ts written by hand as plain TypeScript: the yardstick
// for how fast compiled rules could possibly be. Same decisions, same events, same order (highest
// priority first, then the order of the rule set).
import type { Event, RunResult } from "../src/engine/index.js";
import { appraisalRules, type AppraisalFacts } from "./appraisal-rules.js";

function eventOf(name: string): Event {
  const rule = appraisalRules.find((candidate) => candidate.name === name);
  if (!rule) throw new Error(`no rule ${name} in appraisalRules`);
  return rule.event;
}

const E = {
  penghargaan: eventOf("penghargaan"),
  promosi: eventOf("promosi"),
  kenaikanJenjang: eventOf("kenaikan_jenjang"),
  akSangatBaik: eventOf("angka_kredit_sangat_baik"),
  akBaik: eventOf("angka_kredit_baik"),
  akButuhPerbaikan: eventOf("angka_kredit_butuh_perbaikan"),
  akKurang: eventOf("angka_kredit_kurang"),
  akSangatKurang: eventOf("angka_kredit_sangat_kurang"),
  tppPenuh: eventOf("tpp_penuh"),
  tpp90: eventOf("tpp_90"),
  tpp75: eventOf("tpp_75"),
  tpp50: eventOf("tpp_50"),
  tppDisiplin: eventOf("tpp_potongan_disiplin"),
  pelatihanKomunikasi: eventOf("pelatihan_komunikasi"),
  pelatihanKualitas: eventOf("pelatihan_kualitas"),
  pelatihanKerjasama: eventOf("pelatihan_kerjasama"),
  pembinaan: eventOf("pembinaan"),
  peringatan: eventOf("peringatan"),
  pppkPerpanjangan: eventOf("pppk_perpanjangan"),
  pppkEvaluasi: eventOf("pppk_evaluasi"),
  mentor: eventOf("mentor"),
  diklatStruktural: eventOf("diklat_struktural"),
  proporsional: eventOf("penilaian_proporsional"),
};

function record(result: RunResult, passed: boolean, event: Event): void {
  if (passed) result.events.push(event);
  else result.failureEvents.push(event);
}

const isGood = (p: string | null) => p === "sangat_baik" || p === "baik";
const isBad = (p: string | null) => p === "kurang" || p === "sangat_kurang";

export function handwrittenOutcomes(facts: AppraisalFacts): RunResult {
  const result: RunResult = { events: [], failureEvents: [] };
  const { predikat, score, sanksi, employee } = facts;
  const previous = facts["predikat.previous"];
  const fungsional = employee.jenisJabatan === "fungsional";
  const struktural = employee.jenisJabatan === "struktural";
  const pppk = employee.status === "PPPK";

  record(result, predikat === "sangat_baik" && sanksi === false, E.penghargaan);
  record(result, isGood(predikat) && isGood(previous) && sanksi === false, E.promosi);
  record(
    result,
    fungsional &&
      (employee.jenjang === "Ahli Pertama" || employee.jenjang === "Ahli Muda") &&
      predikat === "sangat_baik" &&
      previous === "sangat_baik",
    E.kenaikanJenjang,
  );
  record(result, fungsional && predikat === "sangat_baik", E.akSangatBaik);
  record(result, fungsional && predikat === "baik", E.akBaik);
  record(result, fungsional && predikat === "butuh_perbaikan", E.akButuhPerbaikan);
  record(result, fungsional && predikat === "kurang", E.akKurang);
  record(result, fungsional && predikat === "sangat_kurang", E.akSangatKurang);
  record(result, score >= 90, E.tppPenuh);
  record(result, score >= 80 && score < 90, E.tpp90);
  record(result, score >= 70 && score < 80, E.tpp75);
  record(result, score < 70, E.tpp50);
  record(result, sanksi === true, E.tppDisiplin);
  record(result, facts["score.komunikasi"] < 60, E.pelatihanKomunikasi);
  record(result, facts["score.kualitas"] < 60, E.pelatihanKualitas);
  record(result, facts["score.kerjasama"] < 60, E.pelatihanKerjasama);
  record(result, !isGood(predikat), E.pembinaan);
  record(result, isBad(predikat) && isBad(previous), E.peringatan);
  record(result, pppk && isGood(predikat), E.pppkPerpanjangan);
  record(result, pppk && !isGood(predikat), E.pppkEvaluasi);
  record(
    result,
    predikat === "sangat_baik" && facts["score.perilaku"] >= 90 && employee.jenisJabatan !== "pelaksana",
    E.mentor,
  );
  record(result, struktural && (facts["score.hasil_kerja"] < 70 || facts["score.perilaku"] < 65), E.diklatStruktural);
  record(result, facts["period.months"] < 12, E.proporsional);
  return result;
}
