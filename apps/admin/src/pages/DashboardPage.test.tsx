import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../test/api";
import { DashboardPage } from "./DashboardPage";

describe("the dashboard", () => {
  it("walks a new region through its first steps", async () => {
    renderWithApi(<DashboardPage />, {
      handlers: {
        "region.list": () => [{ id: "binjai", name: "Kota Binjai", createdAt: "2025-01-01T00:00:00Z", employees: 0, units: 0 }],
        "ruleSet.list": () => [],
        "cycle.list": () => [],
      },
    });
    expect(await screen.findByText("Dasbor Kota Binjai")).toBeTruthy();
    const steps = await screen.findByTestId("first-steps");
    expect(steps.textContent).toContain("Terbitkan aturan penilaian");
    expect(steps.textContent).toContain("Impor unit kerja dan pegawai");
    expect(screen.getByText("Belum ada siklus penilaian")).toBeTruthy();
  });

  it("shows the current cycle's stage and figures once evaluated", async () => {
    const cycle = {
      id: "c1",
      name: "Penilaian Kinerja 2025",
      periodKind: "annual",
      periodLabel: "2025",
      status: "evaluated",
      unitId: null,
      ruleSetVersionId: "v1",
      ruleSetHash: "h",
      currentRunId: "r1",
      unitPredikat: {},
      createdAt: "2025-01-01T00:00:00Z",
      updatedAt: "2025-01-01T00:00:00Z",
    };
    const national = { sangat_baik: 2, baik: 6, butuh_perbaikan: 1, kurang: 1, sangat_kurang: 0 };
    renderWithApi(<DashboardPage />, {
      handlers: {
        "region.list": () => [{ id: "binjai", name: "Kota Binjai", createdAt: "2025-01-01T00:00:00Z", employees: 10, units: 1 }],
        "ruleSet.list": () => [{ id: "v1", version: 1, name: "Aturan", status: "published" }],
        "cycle.list": () => [cycle],
        "cycle.runs": () => [{ id: "r1", version: 1, status: "complete", total: 10, ruleSetHash: "h", reason: null, startedAt: "2025-01-01T00:00:00Z", completedAt: "2025-01-01T00:00:00Z", current: true }],
        "result.distribution": () => ({
          runId: "r1",
          enforcement: "warn",
          units: [{ unitId: "u", unitName: "Dinas", organisationPredikat: "baik", organisationPredikatSet: false, total: 10, counts: {}, national, unmapped: {}, checks: [], broken: 0 }],
        }),
      },
    });
    expect(await screen.findByText("Penilaian Kinerja 2025")).toBeTruthy();
    expect((await screen.findByTestId("figure-evaluated")).textContent).toBe("10");
    expect(screen.queryByTestId("first-steps")).toBeNull();
    // The chart loads with its own script, after the page.
    expect(await screen.findByText(/Persentase pegawai per predikat \(10 pegawai\)/, undefined, { timeout: 15_000 })).toBeTruthy();
  });
});
