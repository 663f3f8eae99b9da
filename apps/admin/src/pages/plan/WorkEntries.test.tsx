import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ADMIN, renderWithApi } from "../../test/api";
import { WorkEntries } from "./WorkEntries";

const EMPLOYEE = { ...ADMIN, id: "u-e1", name: "Siti Rahma", role: "employee" as const, username: "198503122010011001" };

function iki(over: Record<string, unknown>) {
  return {
    rhkId: "r1",
    rhkText: "Layanan perizinan tepat waktu",
    indicatorId: null,
    pending: 0,
    entries: { submitted: 0, confirmed: 12, returned: 0 },
    ...over,
  };
}

const handlers = {
  "workEntry.progress": () => ({
    planId: "p1",
    planStatus: "approved",
    indicators: [
      iki({ ikiId: "i1", text: "Berkas izin yang diverifikasi", satuan: "berkas", target: 95, aspect: null, confirmed: 12, percent: 12.6 }),
      iki({ ikiId: "i2", text: "Mutu verifikasi berkas", satuan: "persen", target: 95, aspect: "kualitas", confirmed: 90, percent: 94.7 }),
    ],
    realisasi: {},
  }),
  "workEntry.list": () => ({ items: [], nextCursor: null }),
};

describe("work logged against the SKP", () => {
  it("shows each IKI's confirmed realisasi in its own unit, from how many entries, and asks the quantity in that unit", async () => {
    renderWithApi(<WorkEntries cycleId="c1" periodLabel="2025" canLog />, { user: EMPLOYEE, handlers });
    const table = await screen.findByTestId("work-progress");
    const count = within(table).getByText("Berkas izin yang diverifikasi").closest("tr") as HTMLElement;
    expect(within(count).getByText(/12 \/ 95 berkas/)).toBeTruthy();
    expect(within(count).getByText("jumlah dari 12 catatan")).toBeTruthy();
    const quality = within(table).getByText("Mutu verifikasi berkas").closest("tr") as HTMLElement;
    expect(within(quality).getByText(/90 \/ 95 persen/)).toBeTruthy();
    expect(within(quality).getByText("rata-rata dari 12 catatan")).toBeTruthy();

    expect(screen.getByLabelText("Jumlah")).toBeTruthy();
    const user = userEvent.setup();
    // The IKI's Select loads after the form is drawn (LazySelect).
    await user.click(await screen.findByTestId("work-iki"));
    // The dropdown is still in its opening transition in happy-dom, so its options count as hidden.
    fireEvent.click(await screen.findByRole("option", { name: "Mutu verifikasi berkas", hidden: true }));
    expect(await screen.findByLabelText("Jumlah (persen)")).toBeTruthy();
    expect(screen.getByText(/Aspek kualitas: mutu keluaran ini, dalam persen/)).toBeTruthy();
  });

  it("marks each entry the year's view carries over from a period with that period, its evidence beside it", async () => {
    const entry = (id: string, cycleId: string, periodLabel: string, description: string) => ({
      id,
      cycleId,
      periodLabel,
      employeeId: "e1",
      planId: "p1",
      ikiId: "i1",
      ikiText: "Berkas izin yang diverifikasi",
      satuan: "berkas",
      rhkId: "r1",
      rhkText: "Layanan perizinan tepat waktu",
      workDate: "2025-05-12",
      description,
      quantity: 3,
      status: "confirmed",
      reviewNote: null,
      reviewedAt: null,
      createdAt: "2025-05-12T03:00:00Z",
      updatedAt: "2025-05-12T03:00:00Z",
      evidence: [{ id: `f-${id}`, filename: `bukti-${id}.pdf`, contentType: "application/pdf", size: 10, sha256: "x", createdAt: "2025-05-12T03:00:00Z" }],
    });
    renderWithApi(<WorkEntries cycleId="c-2025" periodLabel="2025" canLog={false} />, {
      user: EMPLOYEE,
      handlers: {
        ...handlers,
        "workEntry.list": () => ({ items: [entry("w1", "c-q2", "2025-Q2", "Verifikasi triwulan II"), entry("w2", "c-2025", "2025", "Verifikasi tahunan")], nextCursor: null }),
      },
    });
    const table = await screen.findByTestId("work-entries");
    const quarter = within(table).getByText("Verifikasi triwulan II").closest("tr") as HTMLElement;
    expect(within(quarter).getByTestId("period-mark").textContent).toBe("Triwulan II 2025");
    expect(within(quarter).getByText("bukti-w1.pdf")).toBeTruthy();
    const year = within(table).getByText("Verifikasi tahunan").closest("tr") as HTMLElement;
    expect(within(year).queryByTestId("period-mark")).toBeNull();
  });
});
