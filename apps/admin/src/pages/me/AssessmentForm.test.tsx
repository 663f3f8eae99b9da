import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../../test/api";
import { AssessmentForm } from "./AssessmentForm";

const scale = { min: 1, max: 5, step: 1, toScore: "percentOfMax", labels: { "3": "Sesuai ekspektasi", "4": "Di atas ekspektasi" }, guidance: "Nilai 3 berarti sesuai ekspektasi; 4 perlu contoh nyata." };

function form(sheet: unknown = null) {
  return {
    cycleId: "c1",
    employee: { id: "e1", nip: "198503122010011001", nama: "Siti Rahma", jabatan: "Analis", unitId: "bkpsdm" },
    source: "supervisor",
    sourceName: "atasan langsung",
    rater: "197001011995031001",
    indicatorSet: { id: "umum", name: "Umum" },
    indicators: [{ id: "komunikasi", name: "Komunikasi", description: null, axis: "perilaku", guidance: "Contoh: menyampaikan hasil rapat dengan jelas.", scale }],
    objective: [{ id: "kehadiran", name: "Kehadiran", description: null, axis: "perilaku", input: { kind: "attendance", bands: [{ maxDays: null, score: 100 }] } }],
    facts: [],
    dueDate: "2025-12-15",
    sheet,
  };
}

describe("an assessment sheet", () => {
  it("shows the indicator's and the scale's guidance beside the form, and submits only what the sheet asks", async () => {
    const submitted: unknown[] = [];
    const { calls } = renderWithApi(<AssessmentForm cycleId="c1" employeeId="e1" source="supervisor" canReopen />, {
      handlers: {
        "assessment.form": () => form({ id: "a1", ratings: { komunikasi: 2, lama: 5 }, values: {}, facts: {}, comment: null, submittedAt: null, reopenings: [], cycleId: "c1", employeeId: "e1", source: "supervisor", rater: "x" }),
        "assessment.submit": (input) => {
          submitted.push(input);
          return {};
        },
      },
    });
    expect(await screen.findByText("Siti Rahma")).toBeTruthy();
    expect(screen.getByText("Batas waktu: 2025-12-15")).toBeTruthy();
    const komunikasi = screen.getByRole("radiogroup", { name: "Komunikasi (Perilaku kerja)" });
    expect(within(komunikasi).getByRole("radio", { name: "2" }).getAttribute("aria-checked")).toBe("true");
    fireEvent.click(within(komunikasi).getByRole("radio", { name: "4" }));
    expect(within(komunikasi).getByRole("radio", { name: "4" }).getAttribute("aria-checked")).toBe("true");
    expect(within(komunikasi).getByRole("radio", { name: "2" }).getAttribute("aria-checked")).toBe("false");
    expect(screen.getByText("Di atas ekspektasi")).toBeTruthy();
    const aside = screen.getByRole("complementary", { name: "Petunjuk penilaian" });
    expect(within(aside).getByText("Contoh: menyampaikan hasil rapat dengan jelas.")).toBeTruthy();
    expect(within(aside).getByText(scale.guidance)).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Umpan balik tertulis/), { target: { value: "Hasil rapat disampaikan jelas." } });
    fireEvent.click(screen.getByRole("button", { name: "Kirim penilaian" }));
    await waitFor(() => expect(submitted).toHaveLength(1));
    expect(submitted[0]).toMatchObject({ ratings: { komunikasi: 4 }, comment: "Hasil rapat disampaikan jelas.", source: "supervisor" });
    expect((submitted[0] as { ratings: Record<string, number> }).ratings).not.toHaveProperty("lama");
    expect(calls.some((c) => c.path === "assessment.submit")).toBe(true);
  });

  it("locks a submitted sheet and offers the assessor to open it again", async () => {
    renderWithApi(<AssessmentForm cycleId="c1" employeeId="e1" source="supervisor" canReopen />, {
      handlers: {
        "assessment.form": () => form({ id: "a1", ratings: { komunikasi: 3 }, values: {}, facts: {}, comment: "Baik.", submittedAt: "2025-12-01T00:00:00Z", reopenings: [], cycleId: "c1", employeeId: "e1", source: "supervisor", rater: "x" }),
      },
    });
    expect((await screen.findAllByText("Sudah dikirim")).length).toBeGreaterThan(0);
    expect((screen.getByRole("button", { name: "Kirim penilaian" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole("button", { name: "Buka kembali" })).toBeTruthy();
  });

  it("saves a draft with assessment.save, which leaves the sheet open", async () => {
    const saved: unknown[] = [];
    const { calls } = renderWithApi(<AssessmentForm cycleId="c1" employeeId="e1" source="supervisor" canReopen={false} />, {
      handlers: {
        "assessment.form": () => form(),
        "assessment.save": (input) => {
          saved.push(input);
          return {};
        },
      },
    });
    expect(await screen.findByText("Siti Rahma")).toBeTruthy();
    expect(screen.getByText("Pilih nilai")).toBeTruthy();
    fireEvent.click(screen.getByRole("radio", { name: "3" }));
    fireEvent.click(screen.getByRole("button", { name: "Simpan draf" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ ratings: { komunikasi: 3 }, source: "supervisor" });
    expect(calls.some((c) => c.path === "assessment.submit")).toBe(false);
    expect((screen.getByRole("button", { name: "Kirim penilaian" }) as HTMLButtonElement).disabled).toBe(false);
  });
});
