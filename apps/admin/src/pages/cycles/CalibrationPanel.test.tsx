import { screen } from "@testing-library/react";
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
