import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ADMIN, renderWithApi } from "../../test/api";
import { DialogueEvidence, DialoguesPanel } from "./DialoguesPanel";

const EMPLOYEE = { ...ADMIN, id: "u-e1", name: "Siti Rahma", role: "employee" as const, username: "198503122010011001" };

function dialogue(extra: Record<string, unknown> = {}) {
  return {
    id: "d1",
    cycleId: "c1",
    periodLabel: "2025",
    employeeId: "e1",
    assessorNip: "197001011995031001",
    heldOn: "2025-03-14",
    topic: "Ketepatan waktu laporan",
    agreedActions: ["Kirim draf laporan H-3", "Pakai templat baru"],
    notes: null,
    recordedBy: "Drs. Ahmad",
    usefulness: null,
    usefulnessComment: null,
    ratedAt: null,
    createdAt: "2025-03-14T03:00:00Z",
    ...extra,
  };
}

describe("performance dialogues", () => {
  it("records a dialogue with its agreed actions", async () => {
    const recorded: unknown[] = [];
    renderWithApi(<DialoguesPanel cycleId="c1" employeeId="e1" employeeName="Siti Rahma" periodLabel="2025" canRecord canRate={false} />, {
      handlers: {
        "dialogue.listForEmployee": () => ({ items: [], nextCursor: null, summary: { count: 0, rated: 0, meanUsefulness: null } }),
        "dialogue.record": (input) => {
          recorded.push(input);
          return dialogue();
        },
      },
    });
    expect(await screen.findByText("Belum ada dialog kinerja")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Catat dialog" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText(/Tanggal dialog/), { target: { value: "2025-03-14" } });
    fireEvent.change(within(dialog).getByLabelText(/Topik/), { target: { value: "Ketepatan waktu laporan" } });
    fireEvent.change(within(dialog).getByLabelText("Tindakan 1"), { target: { value: "Kirim draf laporan H-3" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "+ Tambah tindakan" }));
    fireEvent.change(within(dialog).getByLabelText("Tindakan 2"), { target: { value: "   " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Simpan dialog" }));
    await waitFor(() => expect(recorded).toHaveLength(1));
    expect(recorded[0]).toMatchObject({ cycleId: "c1", employeeId: "e1", heldOn: "2025-03-14", topic: "Ketepatan waktu laporan", agreedActions: ["Kirim draf laporan H-3"] });
  });

  it("lets the coached employee rate how useful it was, 1 to 5 with a comment", async () => {
    const rated: unknown[] = [];
    renderWithApi(<DialoguesPanel cycleId="c1" employeeId="e1" employeeName="Siti Rahma" periodLabel="2025" canRecord canRate />, {
      user: EMPLOYEE,
      handlers: {
        "dialogue.listForEmployee": () => ({ items: [dialogue()], nextCursor: null, summary: { count: 1, rated: 0, meanUsefulness: null } }),
        "dialogue.rate": (input) => {
          rated.push(input);
          return dialogue({ usefulness: 4 });
        },
      },
    });
    const card = await screen.findByRole("article", { name: "Dialog 2025-03-14: Ketepatan waktu laporan" });
    expect(within(card).getByText("Kirim draf laporan H-3")).toBeTruthy();
    expect(within(card).getByText("Belum dinilai")).toBeTruthy();
    expect(screen.getByTestId("dialogue-summary").textContent).toBe("1 dialog, 0 sudah dinilai manfaatnya");
    fireEvent.click(within(card).getByRole("button", { name: "Nilai manfaat" }));
    fireEvent.click(within(card).getByRole("radio", { name: "4" }));
    expect(within(card).getByRole("radiogroup", { name: "Seberapa bermanfaat dialog ini?" })).toBeTruthy();
    expect(within(card).getByRole("radio", { name: "4" }).getAttribute("aria-checked")).toBe("true");
    expect(within(card).getByText("4: bermanfaat")).toBeTruthy();
    fireEvent.change(within(card).getByLabelText("Komentar (tidak wajib)"), { target: { value: "Templatnya membantu." } });
    fireEvent.click(within(card).getByRole("button", { name: "Simpan nilai" }));
    await waitFor(() => expect(rated).toEqual([expect.objectContaining({ id: "d1", usefulness: 4, comment: "Templatnya membantu." })]));
  });

  it("stands beside a result as evidence, with the mean usefulness", async () => {
    renderWithApi(<DialogueEvidence cycleId="c1" employeeId="e1" />, {
      handlers: {
        "dialogue.listForEmployee": () => ({
          items: [dialogue({ usefulness: 4 }), dialogue({ id: "d2", heldOn: "2025-06-02", topic: "Rencana pelatihan", usefulness: 5, agreedActions: [] })],
          nextCursor: null,
          summary: { count: 2, rated: 2, meanUsefulness: 4.5 },
        }),
      },
    });
    const evidence = await screen.findByTestId("dialogue-evidence");
    await within(evidence).findByText("Rencana pelatihan");
    expect(within(evidence).getByTestId("dialogue-summary").textContent).toBe("2 dialog, 2 sudah dinilai manfaatnya · rata-rata manfaat 4,50 dari 5");
    expect(within(evidence).getByText("Disepakati: Kirim draf laporan H-3; Pakai templat baru")).toBeTruthy();
    expect(within(evidence).getByText("Manfaat 5/5")).toBeTruthy();
    // Both were held in the year's own cycle: no period is marked.
    expect(within(evidence).queryAllByTestId("period-mark")).toHaveLength(0);
  });

  it("marks each dialogue carried into the year with the period it was held in", async () => {
    renderWithApi(<DialoguesPanel cycleId="c-2025" employeeId="e1" employeeName="Siti Rahma" periodLabel="2025" canRecord={false} canRate={false} />, {
      handlers: {
        "dialogue.listForEmployee": () => ({
          items: [dialogue({ cycleId: "c-q1", periodLabel: "2025-Q1" }), dialogue({ id: "d2", cycleId: "c-2025", periodLabel: "2025", heldOn: "2025-11-03", topic: "Evaluasi tahunan" })],
          nextCursor: null,
          summary: { count: 2, rated: 0, meanUsefulness: null },
        }),
      },
    });
    const quarter = await screen.findByRole("article", { name: "Dialog 2025-03-14: Ketepatan waktu laporan" });
    expect(within(quarter).getByTestId("period-mark").textContent).toBe("Triwulan I 2025");
    const year = screen.getByRole("article", { name: "Dialog 2025-11-03: Evaluasi tahunan" });
    expect(within(year).queryByTestId("period-mark")).toBeNull();
  });
});
