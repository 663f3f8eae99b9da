// The plan's rules on their own, without a database: which statuses move where, what a save must hold,
// which IKIs may be tied to which indicators and aspects, and when the cascade is demanded.
import type { RealisasiIndicator } from "@kinerja/core";
import type { PlanIkiRow, PlanRhkRow, PlanRow } from "@kinerja/db";
import { describe, expect, it } from "vitest";
import {
  aspectOf,
  assertDecidable,
  assertEditable,
  cascadeState,
  checkSave,
  completenessProblems,
  decisionNote,
  linksDemanded,
  parentAfterSave,
  parentProblems,
  usedIkiProblems,
  type StoredRows,
  type SuperiorPlan,
} from "./plan-rules.js";

const AT = "2025-01-10T00:00:00.000Z";

function rhkRow(id: string, fields: Partial<PlanRhkRow> = {}): PlanRhkRow {
  return { region_id: "r", id, plan_id: "p1", kind: "utama", text: `RHK ${id}`, parent_rhk_id: null, position: 0, created_at: AT, updated_at: AT, ...fields };
}

function ikiRow(id: string, rhkId: string): PlanIkiRow {
  return {
    region_id: "r",
    id,
    plan_id: "p1",
    rhk_id: rhkId,
    text: `IKI ${id}`,
    target: 10,
    satuan: "dokumen",
    indicator_id: null,
    aspect: null,
    position: 0,
    created_at: AT,
    updated_at: AT,
  };
}

function planRow(status: PlanRow["status"]): PlanRow {
  return {
    region_id: "r",
    id: "atasan-plan",
    cycle_id: "c",
    employee_id: "atasan",
    status,
    assessor_nip: null,
    review_note: null,
    submitted_at: null,
    decided_at: null,
    decided_by: null,
    created_at: AT,
    updated_at: AT,
  };
}

function superiorWith(status: PlanRow["status"] | null, rhk: PlanRhkRow[] = [rhkRow("s1", { plan_id: "atasan-plan", text: "Mutu layanan" })]): SuperiorPlan {
  return { nip: "197001011990031001", nama: "Atasan", plan: status ? planRow(status) : null, rhk: status ? rhk : [] };
}

const INDICATORS = new Map<string, RealisasiIndicator>([
  ["rhk_utama", { id: "rhk_utama", name: "RHK utama", kind: "target", aspects: ["kuantitas", "kualitas", "waktu"] }],
  ["mutu", { id: "mutu", name: "Mutu", kind: "target", aspects: ["kualitas"] }],
  ["tepat_waktu", { id: "tepat_waktu", name: "Tepat waktu", kind: "achievement", aspects: [] }],
]);

describe("plan statuses", () => {
  it("edits and submits only drafts, revisions and rejections, and decides only submitted plans", () => {
    for (const status of ["draft", "revision", "rejected"] as const) expect(() => assertEditable(status, "diubah")).not.toThrow();
    expect(() => assertEditable("submitted", "diajukan")).toThrow(/SKP berstatus diajukan; yang bisa diajukan hanya SKP draf/);
    expect(() => assertEditable("approved", "diubah")).toThrow(expect.objectContaining({ code: "PRECONDITION_FAILED" }));
    expect(() => assertDecidable("submitted")).not.toThrow();
    expect(() => assertDecidable("revision")).toThrow(/berstatus dikembalikan untuk revisi; hanya SKP yang diajukan/);
  });

  it("asks a revision for a note and a rejection for a reason, and keeps no blank note", () => {
    expect(decisionNote("approve", "  ")).toBeNull();
    expect(decisionNote("approve", " Sesuai ")).toBe("Sesuai");
    expect(() => decisionNote("revise", " ")).toThrow(/memerlukan catatan/);
    expect(() => decisionNote("reject", undefined)).toThrow(expect.objectContaining({ code: "BAD_REQUEST", message: "Penolakan SKP memerlukan alasan" }));
  });
});

describe("cascade", () => {
  it("demands links only once the superior's plan is approved and holds RHK rows", () => {
    expect(linksDemanded(true, superiorWith("approved"))).toBe(true);
    expect(linksDemanded(true, superiorWith("submitted"))).toBe(false);
    expect(linksDemanded(true, superiorWith("approved", []))).toBe(false);
    expect(linksDemanded(false, superiorWith("approved"))).toBe(false);
    expect(linksDemanded(true, null)).toBe(false);
  });

  it("counts unlinked RHK utama and waits (not blocks) while the superior's plan is not approved", () => {
    const rows = [rhkRow("a"), rhkRow("b", { parent_rhk_id: "s1" }), rhkRow("c", { kind: "tambahan" })];
    expect(cascadeState(true, rows, superiorWith(null))).toEqual({ unlinked: 1, waitingForSuperior: true });
    expect(cascadeState(true, rows, superiorWith("approved"))).toEqual({ unlinked: 1, waitingForSuperior: false });
    expect(cascadeState(false, rows, superiorWith(null))).toEqual({ unlinked: 1, waitingForSuperior: false });
    expect(cascadeState(true, rows, null)).toEqual({ unlinked: 1, waitingForSuperior: false });
  });

  it("accepts a link to the superior's RHK and says what else is expected", () => {
    expect(parentProblems("parentRhkId", "s1", superiorWith("submitted"))).toEqual([]);
    expect(parentProblems("parentRhkId", "s1", null)[0]).toMatch(/tidak punya atasan/);
    expect(parentProblems("parentRhkId", "s1", superiorWith(null))[0]).toMatch(/belum punya SKP pada siklus ini; simpan tanpa tautan/);
    expect(parentProblems("rhk[0].parentRhkId", "x", superiorWith("approved"))).toEqual([
      'rhk[0].parentRhkId: x bukan RHK pada SKP atasan (NIP 197001011990031001); yang diharapkan salah satu dari: s1 ("Mutu layanan")',
    ]);
  });
});

describe("IKI aspects", () => {
  it("defaults target indicators to kuantitas and keeps achievement indicators without an aspect", () => {
    expect(aspectOf("w", { indicatorId: "rhk_utama" }, INDICATORS)).toEqual({ aspect: "kuantitas", problem: null });
    expect(aspectOf("w", { indicatorId: "rhk_utama", aspect: "waktu" }, INDICATORS)).toEqual({ aspect: "waktu", problem: null });
    expect(aspectOf("w", { indicatorId: "tepat_waktu" }, INDICATORS)).toEqual({ aspect: null, problem: null });
    expect(aspectOf("w", {}, INDICATORS)).toEqual({ aspect: null, problem: null });
  });

  it("refuses aspects that do not fit, with the path and what is expected", () => {
    expect(aspectOf("w", { indicatorId: "mutu" }, INDICATORS).problem).toBe('w.aspect: indikator "mutu" memakai aspek kualitas; yang diharapkan salah satunya, bukan (kosong)');
    expect(aspectOf("w", { indicatorId: "tepat_waktu", aspect: "kuantitas" }, INDICATORS).problem).toMatch(/berjenis capaian, tanpa aspek/);
    expect(aspectOf("w", { aspect: "kuantitas" }, INDICATORS).problem).toMatch(/^w\.aspect: aspek hanya berlaku/);
    expect(aspectOf("w", { indicatorId: "tidak_ada" }, INDICATORS).problem).toMatch(/yang diharapkan: rhk_utama, mutu, tepat_waktu$/);
    expect(aspectOf("w", { indicatorId: "tidak_ada" }, new Map()).problem).toMatch(/tidak ada \(rule set ini hanya memakai penilaian\)/);
  });
});

describe("saving a plan", () => {
  const stored: StoredRows = {
    rhk: new Map([
      ["a", rhkRow("a", { parent_rhk_id: "s1" })],
      ["b", rhkRow("b", { kind: "tambahan" })],
    ]),
    iki: new Map([
      ["a1", ikiRow("a1", "a")],
      ["b1", ikiRow("b1", "b")],
    ]),
  };

  it("keeps, adds and drops rows by id, and resolves each IKI's aspect", () => {
    const input = [
      { id: "a", kind: "utama" as const, text: "A", indicators: [{ id: "a1", text: "x", target: 1, satuan: "s", indicatorId: "rhk_utama" }] },
      { kind: "utama" as const, text: "Baru", indicators: [{ text: "y", target: 2, satuan: "s" }] },
    ];
    const check = checkSave(input, stored, superiorWith("approved"), INDICATORS);
    expect(check.problems).toEqual([]);
    expect(check.droppedRhk.map((r) => r.id)).toEqual(["b"]);
    expect(check.droppedIki.map((i) => i.id)).toEqual(["b1"]);
    expect(input[0]!.indicators.map((iki) => check.aspects.get(iki))).toEqual(["kuantitas"]);
  });

  it("says which row is wrong and why", () => {
    const check = checkSave(
      [
        { id: "zz", kind: "utama", text: "A", parentRhkId: "bukan", indicators: [] },
        { id: "b", kind: "tambahan", text: "B", indicators: [{ id: "a1", text: "x", target: 1, satuan: "s" }] },
        { id: "b", kind: "tambahan", text: "B", indicators: [{ text: "x", target: 1, satuan: "s", indicatorId: "tidak_ada" }] },
      ],
      stored,
      superiorWith("approved"),
      INDICATORS,
    );
    expect(check.problems).toEqual([
      "rhk[0].id: RHK zz bukan bagian dari SKP ini; untuk RHK baru, kosongkan id",
      expect.stringMatching(/^rhk\[0\]\.parentRhkId: bukan bukan RHK pada SKP atasan/),
      "rhk[0].indicators: setiap RHK perlu paling sedikit satu IKI",
      "rhk[1].indicators[0].id: IKI a1 bukan bagian dari RHK ini; untuk IKI baru, kosongkan id",
      "rhk[2].id: RHK b disebut dua kali",
      expect.stringMatching(/^rhk\[2\]\.indicators\[0\]\.indicatorId: "tidak_ada" bukan indikator/),
    ]);
  });

  it("does not check again a link the row already has, even when the superior's plan changed since", () => {
    const check = checkSave([{ id: "a", kind: "utama", text: "A", parentRhkId: "s1", indicators: [{ id: "a1", text: "x", target: 1, satuan: "s" }] }], stored, null, INDICATORS);
    expect(check.problems).toEqual([]);
  });

  it("keeps an existing row's link when none is sent, and clears it on null", () => {
    expect(parentAfterSave({ id: "a" }, stored)).toBe("s1");
    expect(parentAfterSave({ id: "a", parentRhkId: null }, stored)).toBeNull();
    expect(parentAfterSave({ id: "b", parentRhkId: "s1" }, stored)).toBe("s1");
    expect(parentAfterSave({}, stored)).toBeNull();
  });

  it("keeps IKIs that carry work entries", () => {
    expect(usedIkiProblems([{ iki_id: "b1", n: 3 }], stored)).toEqual([
      'IKI "IKI b1" sudah punya 3 catatan kerja dan tidak bisa dihapus; ubah teks atau targetnya saja',
    ]);
  });
});

describe("a complete plan", () => {
  it("needs an RHK utama and an IKI under every RHK", () => {
    expect(completenessProblems([], new Set(), false, null)).toEqual(["SKP perlu paling sedikit satu RHK utama"]);
    const rows = [rhkRow("a"), rhkRow("b", { kind: "tambahan", text: "Magang" })];
    expect(completenessProblems(rows, new Set(["a"]), false, null)).toEqual(['RHK "Magang" belum punya IKI']);
    expect(completenessProblems(rows, new Set(["a", "b"]), false, null)).toEqual([]);
  });

  it("needs each RHK utama linked once the superior's plan is approved, not before", () => {
    const rows = [rhkRow("a", { text: "Layanan" }), rhkRow("b", { kind: "tambahan" })];
    const withIki = new Set(["a", "b"]);
    expect(completenessProblems(rows, withIki, true, superiorWith("submitted"))).toEqual([]);
    expect(completenessProblems(rows, withIki, true, superiorWith("approved"))).toEqual([
      'RHK utama "Layanan" belum menginduk ke RHK atasan; SKP atasan (NIP 197001011990031001) sudah disetujui, tautkan ke salah satu RHK-nya',
    ]);
    expect(completenessProblems([rhkRow("a", { parent_rhk_id: "s1" })], new Set(["a"]), true, superiorWith("approved"))).toEqual([]);
  });
});
