import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
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
    decider: {
      kind: "atasan",
      reason: "superior",
      nip: "196501011990031002",
      nama: "Ir. Bambang",
      afterDays: 14,
      deadline: "2099-01-24T02:00:00Z",
      overdue: false,
      text: "atasan pejabat penilai (Ir. Bambang, NIP 196501011990031002)",
    },
    decidedAt: null,
    decidedBy: null,
    decisionReason: null,
    newPredikat: null,
    newPredikatLabel: null,
    resultRunId: null,
    canDecide: false,
    actions: [],
    ...over,
  };
}

const handlers = (item: ReturnType<typeof appeal>) => ({
  "appeal.inbox": () => [item],
  "cycle.get": () => ({ id: "c1", ruleSetVersionId: "v1" }),
  "ruleSet.get": () => ({ id: "v1", content: { predikat: [{ id: "baik", label: "Baik" }] } }),
});

const ADMIN_FALLBACK = { kind: "admin", nip: null, nama: null, afterDays: 14, text: "admin BKD" };

describe("the appeals screen", () => {
  it("tells a reader who decides an appeal for the assessor's superior and by when, without a decision form", async () => {
    renderWithApi(<AppealsPage />, { handlers: handlers(appeal()) });
    fireEvent.click(await screen.findByText("Siti Rahma"));
    expect(screen.getByTestId("appeal-decider").textContent).toBe("Diputus oleh atasan pejabat penilai, Ir. Bambang (NIP 196501011990031002).");
    expect(screen.getByTestId("appeal-deadline").textContent).toMatch(/^Batas waktu putusan atasan: \d+ Jan 2099/);
    expect(screen.getByTestId("appeal-deadline").textContent).not.toContain("sudah lewat");
    expect(screen.getByTestId("appeal-not-yours").textContent).toContain("menunggu keputusan atasan pejabat penilai, Ir. Bambang");
    expect(screen.queryByLabelText(/Alasan keputusan/)).toBeNull();
    expect(screen.queryByRole("button", { name: "Kabulkan" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Tolak keberatan" })).toBeNull();
  });

  it("offers the decision to the admin who decides because the superior has no account", async () => {
    const decider = { ...ADMIN_FALLBACK, reason: "no_account", deadline: "2099-01-24T02:00:00Z", overdue: false };
    renderWithApi(<AppealsPage />, { handlers: handlers(appeal({ decider, canDecide: true, actions: ["decide"] })) });
    fireEvent.click(await screen.findByText("Siti Rahma"));
    expect(screen.getByTestId("appeal-decider").textContent).toBe("Diputus oleh admin BKD (atasan tidak memiliki akun).");
    expect(screen.queryByTestId("appeal-not-yours")).toBeNull();
    expect(await screen.findByLabelText(/Alasan keputusan/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Kabulkan" })).toBeTruthy();
  });

  it("marks a passed deadline and names the panel that decides once the superior's time ran out", async () => {
    const decider = { ...ADMIN_FALLBACK, kind: "panel", nama: "Tim Keberatan BKPSDM", reason: "overdue", deadline: "2026-01-24T02:00:00Z", overdue: true };
    renderWithApi(<AppealsPage />, { handlers: handlers(appeal({ decider })) });
    fireEvent.click(await screen.findByText("Siti Rahma"));
    expect(screen.getByTestId("appeal-decider").textContent).toBe("Diputus oleh Tim Keberatan BKPSDM (tidak diputus dalam 14 hari).");
    expect(screen.getByTestId("appeal-deadline").textContent).toMatch(/^Batas waktu putusan atasan: .*2026.* \(sudah lewat\)$/);
    expect(screen.getByTestId("appeal-not-yours").textContent).toContain("menunggu keputusan Tim Keberatan BKPSDM");
    expect(screen.queryByLabelText(/Alasan keputusan/)).toBeNull();
  });

  it("names the admin where the assessor has no superior, and offers no decision to a reader who may not take it", async () => {
    renderWithApi(<AppealsPage />, { handlers: handlers(appeal({ decider: { ...ADMIN_FALLBACK, reason: "no_superior", deadline: "2099-01-24T02:00:00Z", overdue: false } })) });
    fireEvent.click(await screen.findByText("Siti Rahma"));
    expect(screen.getByTestId("appeal-decider").textContent).toBe("Diputus oleh admin BKD (pejabat penilai tidak memiliki atasan dalam data).");
    expect(screen.getByTestId("appeal-not-yours").textContent).toContain("menunggu keputusan admin BKD");
    expect(screen.queryByRole("button", { name: "Kabulkan" })).toBeNull();
  });

  it("lists the appeals of every status under Semua", async () => {
    const decided = appeal({ id: "ap2", status: "rejected", employee: { id: "e2", nip: "198701012010011002", nama: "Budi Santoso", jabatan: "Analis", unitId: "u" } });
    renderWithApi(<AppealsPage />, {
      handlers: {
        ...handlers(appeal()),
        "appeal.inbox": (input) => ({ submitted: [appeal()], rejected: [decided], upheld: [] })[(input as { status: "submitted" | "rejected" | "upheld" }).status],
      },
    });
    await screen.findByText("Siti Rahma");
    expect(screen.queryByText("Budi Santoso")).toBeNull();
    await userEvent.setup().click(screen.getByRole("combobox", { name: "Status keberatan" }));
    fireEvent.click(await screen.findByRole("option", { name: "Semua", hidden: true }));
    expect(await screen.findByText("Budi Santoso")).toBeTruthy();
    expect(screen.getByText("Siti Rahma")).toBeTruthy();
  });
});
