// How work entries become realisasi, without a database: the sum of an IKI's confirmed quantities, or their
// mean for kualitas and for an IKI in percent, and laid over the values an assessor recorded without losing
// the aspects entries do not give.
import { describe, expect, it } from "vitest";
import type { IndicatorValue } from "@kinerja/core";
import { realisasiOf, withRealisasi } from "./realisasi.js";

describe("realisasiOf", () => {
  it("adds the entries' quantities up, except for kualitas, where each entry is one output's quality", () => {
    expect(realisasiOf({ aspect: "kuantitas", satuan: "berkas" }, 42, 3)).toBe(42);
    expect(realisasiOf({ aspect: null, satuan: "berkas" }, 42, 3)).toBe(42);
    expect(realisasiOf({ aspect: "kualitas", satuan: "berkas" }, 270, 3)).toBe(90);
  });

  it("means the entries of an IKI counted in percent, each a rate measured at that time, however the unit is written", () => {
    for (const satuan of ["%", "persen", " Persen ", "persentase"]) {
      expect(realisasiOf({ aspect: null, satuan }, 12 * 92, 12), satuan).toBe(92);
      expect(realisasiOf({ aspect: "kuantitas", satuan }, 90 + 94, 2), satuan).toBe(92);
    }
    expect(realisasiOf({ aspect: null, satuan: "persen" }, 0, 0)).toBe(0);
  });

  it("gives 0 for kualitas with no confirmed entry instead of dividing by zero", () => {
    expect(realisasiOf({ aspect: "kualitas", satuan: "berkas" }, 0, 0)).toBe(0);
    expect(realisasiOf({ aspect: "waktu", satuan: "hari" }, 0, 0)).toBe(0);
  });
});

describe("withRealisasi", () => {
  const recorded: Record<string, IndicatorValue> = {
    tugas: { target: { kuantitas: 10, kualitas: 100 }, realisasi: { kuantitas: 4, kualitas: 90 } },
    capaian: { target: 100, realisasi: 50 },
    kehadiran: 1,
  };

  it("keeps the recorded values when the work entries give nothing", () => {
    expect(withRealisasi(recorded, undefined)).toBe(recorded);
  });

  it("replaces an achievement and lays a target's aspects over the recorded ones, keeping the others", () => {
    const merged = withRealisasi(recorded, {
      tugas: { target: { kuantitas: 12 }, realisasi: { kuantitas: 11 } },
      capaian: { target: 100, realisasi: 87.5 },
    });
    expect(merged).toEqual({
      tugas: { target: { kuantitas: 12, kualitas: 100 }, realisasi: { kuantitas: 11, kualitas: 90 } },
      capaian: { target: 100, realisasi: 87.5 },
      kehadiran: 1,
    });
    expect(recorded.tugas).toEqual({ target: { kuantitas: 10, kualitas: 100 }, realisasi: { kuantitas: 4, kualitas: 90 } });
  });

  it("adds a value the assessor did not record", () => {
    expect(withRealisasi({}, { capaian: { target: 100, realisasi: 60 } })).toEqual({ capaian: { target: 100, realisasi: 60 } });
  });
});
