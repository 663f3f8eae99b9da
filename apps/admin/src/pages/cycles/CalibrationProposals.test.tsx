import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../../test/api";
import { CalibrationProposals } from "./CalibrationProposals";

const PREDIKAT = [
  { id: "sangat_baik", label: "Sangat Baik", national: "sangat_baik" },
  { id: "baik", label: "Baik", national: "baik" },
  { id: "butuh_perbaikan", label: "Butuh Perbaikan", national: "butuh_perbaikan" },
  { id: "kurang", label: "Kurang", national: "kurang" },
];
const ALLOWED = [
  { id: "sangat_baik", label: "Sangat Baik" },
  { id: "baik", label: "Baik" },
  { id: "butuh_perbaikan", label: "Butuh Perbaikan" },
];

function move(employeeId: string, nama: string, score: number) {
  return { employeeId, nip: `19800101200501100${employeeId.slice(-1)}`, nama, jabatan: "Analis", score, from: "baik", fromLabel: "Baik", to: "butuh_perbaikan", toLabel: "Butuh Perbaikan", rulePredikat: "baik", allowedPredikat: ALLOWED };
}

function check(kind: "atMost" | "atLeast", predikat: string[], allowed: number, actual: number, label: string) {
  return { bound: { predikat, kind, share: null }, label: { id: label, en: label }, total: 10, allowed, actual, actualShare: actual / 10, broken: kind === "atMost" ? actual > allowed : actual < allowed, message: { id: label, en: label } };
}

const proposals = {
  cycle: { id: "c1", name: "Penilaian Kinerja 2025", status: "evaluated" },
  runId: "r1",
  forum: { enabled: true, maxLevels: 1 },
  predikat: PREDIKAT,
  units: [
    {
      unitId: "u1",
      unitName: "Dinas Pendidikan",
      organisationPredikat: "baik",
      total: 10,
      before: [check("atMost", ["baik"], 7, 10, "Baik paling banyak 70%"), check("atLeast", ["butuh_perbaikan", "kurang"], 1, 0, "paling sedikit 1 pegawai Butuh Perbaikan")],
      after: [],
      fits: true,
      moves: [move("e1", "Agus Salim", 71.5), move("e2", "Budi Santoso", 74), move("e3", "Citra Lestari", 76.25)],
    },
  ],
};

describe("the calibration proposals", () => {
  it("shows each move by label, previews the curve with the forum's decisions, and applies them with one reason", async () => {
    let closed = 0;
    const { calls } = renderWithApi(<CalibrationProposals cycleId="c1" unitIds={["u1"]} opened onClose={() => closed++} />, {
      handlers: {
        "forum.proposals": () => proposals,
        "forum.calibrate": () => ({ session: { id: "s1", unitIds: ["u1"], moves: [], reason: "x", runId: "r2", actorName: "Admin", at: "" }, runVersion: 2, units: [] }),
      },
    });
    const agus = await screen.findByRole("group", { name: "Agus Salim" });
    expect(within(agus).getByTestId("proposal-arrow").textContent).toBe("Baik → Butuh Perbaikan");
    expect(screen.getByTestId("proposal-preview").textContent).toContain("Dengan keputusan ini unit sesuai kurva.");

    fireEvent.click(within(screen.getByRole("group", { name: "Budi Santoso" })).getByText("Tolak"));
    expect(screen.getByTestId("proposal-preview").textContent).toContain("masih melanggar 1 batas");
    expect(screen.getByTestId("proposal-preview").textContent).toContain("Baik paling banyak 70%: 10 → 8 pegawai (batas 7)");

    fireEvent.click(within(agus).getByText("Ubah"));
    const apply = screen.getByRole("button", { name: "Terapkan" });
    expect((apply as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/Alasan sesi kalibrasi/), { target: { value: "Forum evaluasi 12 Januari: capaian triwulan IV dibahas." } });
    // A change waits for its predikat.
    expect((apply as HTMLButtonElement).disabled).toBe(true);
    await userEvent.setup().click(await screen.findByRole("textbox", { name: "Predikat lain untuk Agus Salim" }));
    // The dropdown is still in its opening transition in happy-dom, so its options count as hidden.
    fireEvent.click(await screen.findByRole("option", { name: "Sangat Baik", hidden: true }));
    expect(screen.getByTestId("proposal-summary").textContent).toBe("1 diterima, 1 diubah, 1 ditolak");
    await waitFor(() => expect((apply as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(apply);
    await waitFor(() => expect(calls.some((c) => c.path === "forum.calibrate")).toBe(true));
    expect(calls.find((c) => c.path === "forum.calibrate")?.input).toEqual({
      regionId: "binjai",
      cycleId: "c1",
      runId: "r1",
      unitIds: ["u1"],
      reason: "Forum evaluasi 12 Januari: capaian triwulan IV dibahas.",
      decisions: [
        { employeeId: "e1", decision: "change", predikat: "sangat_baik" },
        { employeeId: "e2", decision: "reject" },
        { employeeId: "e3", decision: "accept" },
      ],
    });
    await waitFor(() => expect(closed).toBe(1));
  });
});
