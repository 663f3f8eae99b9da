import { fireEvent, render, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { Providers } from "../Providers";
import { ResultsTable, sortRows, type ResultRow } from "./ResultsTable";

function rows(n: number): ResultRow[] {
  return Array.from({ length: n }, (_, i) => ({
    employeeId: `e${i}`,
    nip: String(198001012005011000 + i),
    nama: `Pegawai ${String(n - i).padStart(6, "0")}`,
    jabatan: "Analis",
    unitId: i % 2 ? "dinkes" : "disdik",
    predikat: "baik",
    predikatLabel: "Baik",
    score: (i * 37) % 101,
    outcomes: i % 3 === 0 ? ["penghargaan"] : [],
    error: null,
  }));
}

// happy-dom lays nothing out: give each element the height its style says, so the virtualiser sees a window.
beforeEach(() => {
  const height = vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockImplementation(function (this: HTMLElement) {
    return parseFloat(this.style.height) || 0;
  });
  const width = vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockImplementation(() => 1000);
  return () => {
    height.mockRestore();
    width.mockRestore();
  };
});

const unitName = (id: string) => (id === "dinkes" ? "Dinas Kesehatan" : "Dinas Pendidikan");

describe("the results table", () => {
  it("renders only the rows in view with 100,000 results", () => {
    render(
      <Providers client={undefined}>
        <ResultsTable rows={rows(100_000)} unitName={unitName} onOpen={() => undefined} label="hasil" height={600} />
      </Providers>,
    );
    const table = screen.getByRole("table", { name: "hasil" });
    expect(table.getAttribute("aria-rowcount")).toBe("100001");
    const rendered = within(screen.getByTestId("results-scroller")).getAllByRole("row");
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(60);
  });

  it("sorts by a column on a click, and reverses on a second click", () => {
    render(
      <Providers>
        <ResultsTable rows={rows(30)} unitName={unitName} onOpen={() => undefined} label="hasil" height={2000} />
      </Providers>,
    );
    const header = screen.getByRole("button", { name: /Nilai/ });
    fireEvent.click(header);
    expect(screen.getAllByRole("columnheader").find((h) => h.getAttribute("aria-sort") === "descending")).toBeTruthy();
    const scores = rows(30).map((r) => r.score ?? 0);
    const first = within(screen.getByTestId("results-scroller")).getAllByRole("row")[0]!;
    expect(first.textContent).toContain(`${Math.max(...scores)},00`);
    fireEvent.click(header);
    const again = within(screen.getByTestId("results-scroller")).getAllByRole("row")[0]!;
    expect(again.textContent).toContain(`${Math.min(...scores)},00`);
  });

  it("opens a row with Enter", () => {
    const onOpen = vi.fn();
    render(
      <Providers>
        <ResultsTable rows={rows(5)} unitName={unitName} onOpen={onOpen} label="hasil" height={800} />
      </Providers>,
    );
    const row = within(screen.getByTestId("results-scroller")).getAllByRole("row")[2]!;
    fireEvent.keyDown(row, { key: "Enter" });
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ employeeId: "e2" }));
  });

  it("sorts by name in Indonesian collation, ties by NIP", () => {
    const sorted = sortRows(rows(4), { key: "nama", direction: "asc" }, unitName);
    expect(sorted.map((r) => r.nama)).toEqual(["Pegawai 000001", "Pegawai 000002", "Pegawai 000003", "Pegawai 000004"]);
  });
});
