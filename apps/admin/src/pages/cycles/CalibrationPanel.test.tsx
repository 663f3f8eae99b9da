import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../../test/api";
import { CalibrationPanel } from "./CalibrationPanel";

const national = { sangat_baik: 2, baik: 6, butuh_perbaikan: 1, kurang: 1, sangat_kurang: 0 };

function render(enforcement: "warn" | "block" | "off", broken: number) {
  renderWithApi(<CalibrationPanel cycleId="c1" editable={false} canRecord={false} manager={false} units={[]} predikatLabel={(id) => id ?? ""} />, {
    handlers: {
      "result.distribution": () => ({
        runId: "r1",
        enforcement,
        units: [{ unitId: "u", unitName: "Dinas", organisationPredikat: "baik", organisationPredikatSet: false, total: 10, counts: {}, national, unmapped: {}, checks: [], broken }],
      }),
    },
  });
}

describe("the calibration panel's curve summary", () => {
  it("says the units are within the curve, with the region's rule as a note, not a warning title", async () => {
    render("warn", 0);
    const state = await screen.findByTestId("curve-state");
    expect(state.textContent).toContain("Sesuai kurva distribusi");
    expect(state.textContent).toContain("Semua unit berada dalam batas kurva.");
    expect(state.textContent).toContain("pelanggaran kurva hanya peringatan");
    expect(state.textContent).not.toMatch(/dilanggar/);
  });

  it("names a breach as a warning or as blocking finalisation, as the rules say", async () => {
    render("block", 1);
    expect((await screen.findByTestId("curve-state")).textContent).toContain("Kurva distribusi dilanggar: finalisasi terblokir");
  });
});

describe("the calibration panel's proposals", () => {
  it("opens the proposals for a unit outside the curve and closes them again", async () => {
    renderWithApi(<CalibrationPanel cycleId="c1" editable canRecord manager={false} units={[]} predikatLabel={(id) => id ?? ""} />, {
      handlers: {
        "result.distribution": () => ({
          runId: "r1",
          enforcement: "warn",
          units: [{ unitId: "u", unitName: "Dinas", organisationPredikat: "baik", organisationPredikatSet: false, total: 10, counts: {}, national, unmapped: {}, checks: [], broken: 1 }],
        }),
        "forum.proposals": () => ({ cycle: { id: "c1", name: "S", status: "evaluated" }, runId: "r1", forum: { enabled: true, maxLevels: 1 }, predikat: [{ id: "baik", label: "Baik", national: "baik" }, { id: "butuh_perbaikan", label: "Butuh Perbaikan", national: "butuh_perbaikan" }],
          units: [{ unitId: "u", unitName: "Dinas", organisationPredikat: "baik", total: 10, before: [], after: [], fits: true, moves: [
            { employeeId: "e1", nip: "198001012005011001", nama: "Agus Salim", jabatan: "Analis", score: 70, from: "baik", fromLabel: "Baik", to: "butuh_perbaikan", toLabel: "Butuh Perbaikan", rulePredikat: "baik", allowedPredikat: [{ id: "baik", label: "Baik" }, { id: "butuh_perbaikan", label: "Butuh Perbaikan" }] },
          ] }] }),
        "forum.view": () => ({ sessions: [], flagged: [] }),
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Usulan penyesuaian" }));
    await screen.findByRole("group", { name: "Agus Salim" });
    fireEvent.click(await screen.findByRole("button", { name: "Tutup usulan" }));
    await waitFor(() => expect(screen.getByTestId("calibration-proposals").closest("[hidden]")).not.toBeNull());
  });
});
