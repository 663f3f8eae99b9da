import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../../test/api";
import AppealsPage from "./AppealsPage";

function appeal(over: Record<string, unknown> = {}) {
  return {
    id: "ap1",
    cycleId: "c1",
    cycleName: "Penilaian Kinerja 2025",
    employee: { id: "e1", nip: "198503122010011001", nama: "Siti Rahma", jabatan: "Analis", unitId: "u" },
    predikat: "butuh_perbaikan",
    predikatLabel: "Butuh Perbaikan",
    reason: "Realisasi triwulan IV belum dihitung.",
    status: "submitted",
    submittedAt: "2026-01-10T02:00:00Z",
    assessorNip: "197001011995031001",
    decider: { nip: "196501011990031002", nama: "Ir. Bambang" },
    decidedAt: null,
    decidedBy: null,
    decisionReason: null,
    newPredikat: null,
    newPredikatLabel: null,
    resultRunId: null,
    canDecide: false,
    ...over,
  };
}

const handlers = (item: ReturnType<typeof appeal>) => ({
  "appeal.inbox": () => [item],
  "cycle.get": () => ({ id: "c1", ruleSetVersionId: "v1" }),
  "ruleSet.get": () => ({ id: "v1", content: { predikat: [{ id: "baik", label: "Baik" }] } }),
});

describe("the appeals screen", () => {
  it("tells an admin who decides an appeal for the assessor's superior, without a decision form", async () => {
    renderWithApi(<AppealsPage />, { handlers: handlers(appeal()) });
    fireEvent.click(await screen.findByText("Siti Rahma"));
    expect(screen.getByTestId("appeal-decider").textContent).toBe("Diputus oleh atasan pejabat penilai: Ir. Bambang (NIP 196501011990031002).");
    expect(screen.getByTestId("appeal-not-yours").textContent).toContain("menunggu keputusan Ir. Bambang");
    expect(screen.queryByLabelText(/Alasan keputusan/)).toBeNull();
    expect(screen.queryByRole("button", { name: "Kabulkan" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Tolak keberatan" })).toBeNull();
  });

  it("offers the decision to the person who decides", async () => {
    renderWithApi(<AppealsPage />, { handlers: handlers(appeal({ decider: null, canDecide: true })) });
    fireEvent.click(await screen.findByText("Siti Rahma"));
    expect(screen.getByTestId("appeal-decider").textContent).toContain("Diputus oleh admin BKPSDM");
    expect(screen.queryByTestId("appeal-not-yours")).toBeNull();
    expect(await screen.findByLabelText(/Alasan keputusan/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Kabulkan" })).toBeTruthy();
  });
});
