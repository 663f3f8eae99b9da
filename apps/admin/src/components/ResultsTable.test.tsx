import { fireEvent, render, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { Providers } from "../Providers";
import { ResultsTable, type ResultRow, type Sort } from "./ResultsTable";

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
const BY_NIP: Sort = { key: "nip", direction: "asc" };

describe("the results table", () => {
  it("renders only the rows in view with 100,000 results", () => {
    render(
      <Providers client={undefined}>
        <ResultsTable rows={rows(100_000)} sort={BY_NIP} onSort={() => undefined} unitName={unitName} onOpen={() => undefined} label="hasil" height={600} />
      </Providers>,
    );
    const table = screen.getByRole("table", { name: "hasil" });
    expect(table.getAttribute("aria-rowcount")).toBe("100001");
    const rendered = within(screen.getByTestId("results-scroller")).getAllByRole("row");
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(60);
  });

  it("asks for an order on a column's click and its reverse on a second click, keeping the rows as given", () => {
    const asked: Sort[] = [];
    const given = rows(30);
    const view = (sort: Sort) => (
      <Providers>
        <ResultsTable rows={given} sort={sort} onSort={(s) => asked.push(s)} unitName={unitName} onOpen={() => undefined} label="hasil" height={2000} />
      </Providers>
    );
    const { rerender } = render(view(BY_NIP));
    fireEvent.click(screen.getByRole("button", { name: /Nilai/ }));
    expect(asked).toEqual([{ key: "score", direction: "desc" }]);
    rerender(view({ key: "score", direction: "desc" }));
    expect(screen.getAllByRole("columnheader").find((h) => h.getAttribute("aria-sort") === "descending")?.textContent).toContain("Nilai");
    const first = within(screen.getByTestId("results-scroller")).getAllByRole("row")[0]!;
    expect(first.textContent).toContain(given[0]!.nip);
    fireEvent.click(screen.getByRole("button", { name: /Nilai/ }));
    expect(asked[1]).toEqual({ key: "score", direction: "asc" });
  });

  it("numbers the rows after the pages before, and counts every matching row", () => {
    render(
      <Providers>
        <ResultsTable rows={rows(5)} sort={BY_NIP} onSort={() => undefined} rowOffset={100} total={2000} unitName={unitName} onOpen={() => undefined} label="hasil" height={800} />
      </Providers>,
    );
    expect(screen.getByRole("table", { name: "hasil" }).getAttribute("aria-rowcount")).toBe("2001");
    expect(within(screen.getByTestId("results-scroller")).getAllByRole("row")[0]!.getAttribute("aria-rowindex")).toBe("102");
  });

  it("opens a row with Enter", () => {
    const onOpen = vi.fn();
    render(
      <Providers>
        <ResultsTable rows={rows(5)} sort={BY_NIP} onSort={() => undefined} unitName={unitName} onOpen={onOpen} label="hasil" height={800} />
      </Providers>,
    );
    const row = within(screen.getByTestId("results-scroller")).getAllByRole("row")[2]!;
    fireEvent.keyDown(row, { key: "Enter" });
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ employeeId: "e2" }));
  });
});
