import { describe, expect, it } from "vitest";
import { parseNip } from "../domain/nip.js";
import { kuadranRuleSet } from "../evaluate/test-support/kuadran.js";
import { generateDemo } from "./generate.js";
import type { DemoProfile } from "./profile.js";
import { demoProfileSchema } from "./profile.js";

const profile: DemoProfile = demoProfileSchema.parse({
  region: { id: "uji", name: "Kota Uji" },
  units: [
    { id: "dinkes", name: "Dinas Kesehatan", type: "dinas_kesehatan", size: 2 },
    { id: "pkm", name: "Puskesmas Uji", type: "puskesmas", parent: "dinkes" },
  ],
  posts: [
    { jabatan: "Kepala Seksi", jenisJabatan: "struktural", golongan: ["III/d"], unitTypes: ["dinas_kesehatan"] },
    { jabatan: "Kepala Puskesmas", jenisJabatan: "struktural", golongan: ["IV/a"], unitTypes: ["puskesmas"] },
    { jabatan: "Perawat", jenisJabatan: "fungsional", jenjang: "Terampil", golongan: ["II/c"], unitTypes: ["puskesmas"], share: 3 },
    { jabatan: "Pengadministrasi Umum", jenisJabatan: "pelaksana", golongan: ["II/a"] },
  ],
});

describe("generateDemo", () => {
  it("gives the same appraisals for the same seed and different ones for another seed", () => {
    const a = [...generateDemo(kuadranRuleSet(), profile, { size: 50, seed: 7 })];
    const b = [...generateDemo(kuadranRuleSet(), profile, { size: 50, seed: 7 })];
    const c = [...generateDemo(kuadranRuleSet(), profile, { size: 50, seed: 8 })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("gives every employee a valid NIP, unique across a large run", () => {
    const seen = new Set<string>();
    for (const input of generateDemo(kuadranRuleSet(), profile, { size: 20_000, seed: 1 })) {
      const check = parseNip(input.employee.nip);
      expect(check.ok, input.employee.nip).toBe(true);
      seen.add(input.employee.nip);
    }
    expect(seen.size).toBe(20_000);
  });

  it("gives other seeds (other regions) other NIPs", () => {
    const first = new Set([...generateDemo(kuadranRuleSet(), profile, { size: 2_000, seed: 1 })].map((i) => i.employee.nip));
    const second = [...generateDemo(kuadranRuleSet(), profile, { size: 2_000, seed: 2 })].map((i) => i.employee.nip);
    expect(second.filter((nip) => first.has(nip))).toEqual([]);
  });

  it("places posts only in units of their type, and each team under its unit's head", () => {
    const inputs = [...generateDemo(kuadranRuleSet(), profile, { size: 200, seed: 3 })];
    for (const { employee } of inputs) {
      if (employee.jabatan === "Perawat" || employee.jabatan === "Kepala Puskesmas") expect(employee.unitType).toBe("puskesmas");
      if (employee.jabatan === "Kepala Seksi") expect(employee.unitType).toBe("dinas_kesehatan");
    }
    const heads = new Set(inputs.filter((i) => i.employee.jenisJabatan === "struktural").map((i) => i.employee.nip));
    const withSuperior = inputs.filter((i) => i.employee.attributes?.atasan !== undefined);
    expect(withSuperior.length).toBeGreaterThan(150);
    for (const input of withSuperior) expect(heads.has(String(input.employee.attributes?.atasan))).toBe(true);
  });

  it("rates every rating indicator by each weighted source within the scale, with three peers", () => {
    const [input] = [...generateDemo(kuadranRuleSet(), profile, { size: 10, seed: 5 })];
    const supervisor = input?.ratings?.supervisor;
    const peers = input?.ratings?.peer;
    expect(supervisor && !Array.isArray(supervisor)).toBe(true);
    expect(Array.isArray(peers) && peers.length).toBe(3);
    for (const value of Object.values(supervisor as Record<string, number>)) {
      expect(value).toBeGreaterThanOrEqual(1);
      expect(value).toBeLessThanOrEqual(5);
    }
    expect(input?.history).toHaveLength(2);
  });

  it("is lazy: the first appraisals of a million come without generating the rest", () => {
    const generator = generateDemo(kuadranRuleSet(), profile, { size: 1_000_000, seed: 2 });
    const first = generator.next();
    expect(first.done).toBe(false);
    generator.return(undefined);
  });

  it("refuses a size out of range, naming the range", () => {
    expect(() => generateDemo(kuadranRuleSet(), profile, { size: 0, seed: 1 }).next()).toThrow(/from 1 to 1000000/);
  });
});
