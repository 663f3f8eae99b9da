import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../../test/api";
import { FollowUpPanel } from "./FollowUpPanel";

const summary = [
  { type: "penghargaan", kind: "award", kindName: "Penghargaan", label: "Penghargaan pegawai teladan", employees: 3, rules: ["teladan"] },
  { type: "pelatihan", kind: "training", kindName: "Kebutuhan pelatihan", label: "pelatihan", employees: 4, rules: ["training.komunikasi", "training.kualitas_kerja"] },
];

function trainee(employeeId: string, nama: string, indicator: string, score: number) {
  return { employeeId, nip: `19850312201001100${employeeId.slice(1)}`, nama, jabatan: "Analis", unitId: "bkpsdm", unitName: "BKPSDM", indicator, score, rule: `training.${indicator}` };
}

describe("follow-up", () => {
  it("summarises each outcome type, and groups training needs by topic with counts", async () => {
    const asked: unknown[] = [];
    renderWithApi(<FollowUpPanel cycleId="c1" ruleFile={null} units={[]} />, {
      handlers: {
        "followUp.summary": () => summary,
        "result.list": () => ({ items: [], nextCursor: null }),
        "followUp.training": (input) => {
          asked.push(input);
          return [
            { topic: "Komunikasi efektif", count: 3, indicators: ["komunikasi"], employees: [trainee("e1", "Siti", "komunikasi", 41.5), trainee("e2", "Budi", "komunikasi", 38), trainee("e3", "Citra", "komunikasi", 45)] },
            { topic: "Penulisan laporan", count: 1, indicators: ["kualitas_kerja"], employees: [trainee("e1", "Siti", "kualitas_kerja", 50)] },
          ];
        },
      },
    });
    const table = await screen.findByTestId("follow-up-summary");
    const rows = within(table).getAllByRole("row");
    expect(rows[1]?.textContent).toContain("Penghargaan");
    expect(rows[1]?.textContent).toContain("3");
    expect(rows[2]?.textContent).toContain("Kebutuhan pelatihan");
    expect(rows[2]?.textContent).toContain("training.komunikasi");

    fireEvent.click(within(table).getByRole("button", { name: "Pelatihan" }));
    expect((await screen.findByTestId("training-count")).textContent).toBe("2 topik pelatihan untuk 3 pegawai");
    const topics = screen.getByTestId("training-topics");
    expect(within(topics).getByText("Komunikasi efektif")).toBeTruthy();
    expect(within(topics).getByText("3 pegawai")).toBeTruthy();
    expect(within(topics).getByText("1 pegawai")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Unduh daftar (XLSX)" }).getAttribute("href")).toBe("/export/cycles/c1/follow-up/pelatihan.xlsx?regionId=binjai");
    expect(asked).toEqual([expect.objectContaining({ cycleId: "c1" })]);
  });

  it("says so when the results call for no follow-up", async () => {
    renderWithApi(<FollowUpPanel cycleId="c1" ruleFile={null} units={[]} />, { handlers: { "followUp.summary": () => [] } });
    expect(await screen.findByText("Tidak ada tindak lanjut")).toBeTruthy();
  });
});
