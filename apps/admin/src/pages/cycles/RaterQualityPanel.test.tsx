import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../../test/api";
import { RaterQualityPanel } from "./RaterQualityPanel";

const raters = [
  {
    rater: "197001011995031001",
    nama: "Drs. Ahmad",
    sources: ["supervisor"],
    ratees: 6,
    ratings: 30,
    mean: 92.5,
    sd: 1.2,
    meanDifference: 14.3,
    z: 2.4,
    flags: [
      { kind: "lenient", message: "Cenderung murah: rata-rata +14,3 poin di atas penilai lain untuk 6 pegawai yang sama (z = 2,4)" },
      { kind: "flat", message: "Nilai hampir seragam: simpangan baku 1,2 poin dari 30 nilai" },
    ],
    rateeIds: ["e1"],
  },
  { rater: "199001012015031002", nama: null, sources: ["peer"], ratees: 4, ratings: 20, mean: 75, sd: 10, meanDifference: -1.5, z: -0.3, flags: [], rateeIds: ["e1"] },
];

describe("rater quality", () => {
  it("shows each rater's leniency against the others, with the flags and their reasons", async () => {
    const asked: Array<{ flaggedOnly?: boolean }> = [];
    renderWithApi(<RaterQualityPanel cycleId="c1" units={[]} />, {
      handlers: {
        "raterQuality.raters": (input) => {
          asked.push(input as { flaggedOnly?: boolean });
          return (input as { flaggedOnly?: boolean }).flaggedOnly ? raters.slice(0, 1) : raters;
        },
      },
    });
    const table = await screen.findByTestId("rater-quality");
    const rows = within(table).getAllByRole("row");
    expect(rows[1]?.textContent).toContain("Drs. Ahmad");
    expect(rows[1]?.textContent).toContain("+14,30");
    expect(within(rows[1] as HTMLElement).getByText("Cenderung murah")).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText("Nilai seragam")).toBeTruthy();
    expect(rows[2]?.textContent).toContain("199001012015031002");
    expect(rows[2]?.textContent).toContain("-1,50");
    expect(screen.getByTestId("rater-count").textContent).toBe("2 penilai, 1 ditandai");

    fireEvent.click(screen.getByLabelText("Hanya yang ditandai"));
    await waitFor(() => expect(within(screen.getByTestId("rater-quality")).getAllByRole("row")).toHaveLength(2));
    expect(asked.at(-1)).toMatchObject({ flaggedOnly: true });
  });
});
