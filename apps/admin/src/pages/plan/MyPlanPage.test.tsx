import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ADMIN, renderWithApi } from "../../test/api";
import MyPlanPage from "./MyPlanPage";

const EMPLOYEE = { ...ADMIN, id: "u-e1", name: "Siti Rahma", role: "employee" as const, username: "198503122010011001" };
const cycle = (id: string, name: string, periodLabel: string) => ({ id, name, status: "open", periodKind: "semester", periodLabel });

describe("the employee's SKP page", () => {
  it("says which cycle the SKP is for", async () => {
    renderWithApi(<MyPlanPage />, { user: EMPLOYEE, handlers: { "cycle.list": () => [cycle("c1", "Penilaian Kinerja 2025 Semester I", "2025-S1")], "plan.get": () => null } });
    const picker = await screen.findByTestId("cycle-picker");
    expect(picker.textContent).toBe("Siklus: Penilaian Kinerja 2025 Semester IDibukaPeriode 2025-S1");
    expect(await screen.findByRole("button", { name: "Mulai SKP" })).toBeTruthy();
  });

  it("lets the employee choose between running cycles", async () => {
    renderWithApi(<MyPlanPage />, {
      user: EMPLOYEE,
      handlers: { "cycle.list": () => [cycle("c2", "Semester II", "2025-S2"), cycle("c1", "Semester I", "2025-S1")], "plan.get": () => null },
    });
    const picker = await screen.findByTestId("cycle-picker");
    // The picker's Select loads after the page is drawn (LazySelect).
    expect(((await screen.findByRole("combobox", { name: "Siklus" })) as HTMLInputElement).value).toBe("Semester II");
    expect(picker.textContent).toContain("Periode 2025-S2");
  });
});
