import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../../test/api";
import type { Cycle } from "../../lib/cycles";
import { FinaliseDialog } from "./FinaliseDialog";
import { PeerTools } from "./PeerTools";

const lacking = (people: number) => ({
  min: 1,
  count: 2,
  total: people,
  unsatisfiable: people > 1 ? 1 : 0,
  people: [
    { employeeId: "e1", nip: "198501152010031001", nama: "Rahmat Hidayat", unitId: "induk", unitName: "Dinas Induk", assigned: 0, eligible: 0, satisfiable: false, reason: "Hanya 0 rekan di Dinas Induk" },
    { employeeId: "e2", nip: "198501152010031002", nama: "Siti Aminah", unitId: "pkm", unitName: "Puskesmas Segiri", assigned: 0, eligible: 4, satisfiable: true, reason: "Baru 0 dari 1 rekan penilai" },
  ].slice(0, people),
});

describe("peers chosen automatically", () => {
  it("lists who lacks peers with unit and reason, starts the job and shows its result", async () => {
    let job: Record<string, unknown> | null = null;
    let people = 2;
    const { calls } = renderWithApi(<PeerTools cycleId="c1" />, {
      handlers: {
        "unit.tree": () => [],
        "assessment.lackingPeers": () => lacking(people),
        "assessment.peerJob": () => job,
        "assessment.assignPeers": () => {
          people = 1;
          job = { jobId: "j1", cycleId: "c1", unitId: null, seed: "c1", status: "succeeded", done: 2, total: 2, added: 3, short: 1, error: null, createdAt: "", finishedAt: "" };
          return job;
        },
        "assessment.peers": () => null,
        "assessment.peerAssignments": () => [],
        "assessment.reminders": () => null,
      },
    });
    expect((await screen.findByTestId("lacking-count")).textContent).toBe("2 pegawai belum cukup rekan penilai. 1 di antaranya tidak punya cukup rekan yang memenuhi aturan.");
    const rows = screen.getAllByTestId("lacking-person");
    expect(rows[0]!.textContent).toContain("Rahmat Hidayat");
    expect(rows[0]!.textContent).toContain("Dinas Induk");
    expect(rows[0]!.textContent).toContain("Hanya 0 rekan di Dinas Induk");
    fireEvent.click(screen.getByRole("button", { name: "Tetapkan rekan otomatis" }));
    expect((await screen.findByTestId("peer-job-result")).textContent).toBe("Selesai: 3 penugasan rekan ditambahkan. 1 pegawai masih kurang rekan penilai.");
    await waitFor(() => expect(screen.getByTestId("lacking-count").textContent).toMatch(/^1 pegawai/));
    expect(calls.find((c) => c.path === "assessment.assignPeers")?.input).toMatchObject({ cycleId: "c1" });
  });
});

describe("the finalise dialog", () => {
  const cycle = { id: "c1", status: "evaluated" } as Cycle;
  const check = { label: { id: "Baik paling banyak 70%", en: "Good at most 70%" }, broken: true, message: { id: "Baik paling banyak 70%: paling banyak 2 dari 3 pegawai, ada 3 (100%)", en: "" } };
  const curve = (enforcement: "warn" | "block") => () => ({
    runId: "r1",
    enforcement,
    units: [
      { unitId: "u1", unitName: "Dinas Kominfo", organisationPredikat: "baik", organisationPredikatSet: false, total: 3, counts: {}, national: {}, unmapped: {}, checks: [check], broken: 1 },
      { unitId: "u2", unitName: "Dinas Kesehatan", organisationPredikat: "baik", organisationPredikatSet: false, total: 3, counts: {}, national: {}, unmapped: {}, checks: [], broken: 0 },
    ],
  });

  it("names each unit outside the curve with its predikat and the count against the limit, and refuses where the curve binds", async () => {
    const { calls } = renderWithApi(<FinaliseDialog cycle={cycle} opened onClose={() => undefined} />, { handlers: { "result.distribution": curve("block") } });
    const alert = await screen.findByTestId("curve-broken");
    expect(alert.textContent).toContain("1 unit di luar kurva distribusi; siklus belum bisa difinalkan");
    const units = within(alert).getAllByTestId("curve-unit");
    expect(units).toHaveLength(1);
    expect(units[0]!.textContent).toContain("Dinas Kominfo (predikat organisasi Baik)");
    expect(units[0]!.textContent).toContain("paling banyak 2 dari 3 pegawai, ada 3 (100%)");
    const finalise = screen.getByRole("button", { name: "Finalkan siklus" }) as HTMLButtonElement;
    expect(finalise.disabled).toBe(true);
    fireEvent.click(finalise);
    expect(calls.some((c) => c.path === "cycle.close")).toBe(false);
  });

  it("only warns where the curve is a consideration, and finalises", async () => {
    const { calls } = renderWithApi(<FinaliseDialog cycle={cycle} opened onClose={() => undefined} />, {
      handlers: { "result.distribution": curve("warn"), "cycle.close": () => ({ ...cycle, status: "finalised" }), "cycle.get": () => cycle },
    });
    expect((await screen.findByTestId("curve-broken")).textContent).toContain("siklus tetap bisa difinalkan");
    const finalise = screen.getByRole("button", { name: "Finalkan siklus" }) as HTMLButtonElement;
    await waitFor(() => expect(finalise.disabled).toBe(false));
    fireEvent.click(finalise);
    await waitFor(() => expect(calls.find((c) => c.path === "cycle.close")?.input).toMatchObject({ id: "c1" }));
  });
});
