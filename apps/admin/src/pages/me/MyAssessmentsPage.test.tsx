import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ADMIN, renderWithApi } from "../../test/api";
import MyAssessmentsPage from "./MyAssessmentsPage";

const EMPLOYEE = { ...ADMIN, id: "u-e1", name: "Siti Rahma", role: "employee" as const, username: "198503122010011001" };
const ASSESSOR = { ...ADMIN, id: "u-a1", name: "Drs. Ahmad", role: "assessor" as const, username: "197001011995031001" };
const cycle = { id: "c1", name: "Penilaian Kinerja 2025", status: "open", periodKind: "annual", periodLabel: "2025" };
const siti = { employeeId: "e1", nip: "198503122010011001", nama: "Siti Rahma", jabatan: "Analis", unitId: "u" };

function render(user: typeof EMPLOYEE | typeof ASSESSOR, source: "self" | "supervisor") {
  renderWithApi(<MyAssessmentsPage />, {
    user,
    handlers: {
      "cycle.list": () => [cycle],
      "assessment.tasks": () => [{ source, ratee: siti, rater: null, raterNote: null, state: "missing", assessmentId: null, dueDate: null, daysLate: null }],
    },
  });
}

describe("my assessment sheets", () => {
  it("speaks to an employee about their own sheets, not about employees they supervise, and names the cycle", async () => {
    render(EMPLOYEE, "self");
    expect(await screen.findByText(/Isi lembar penilaian yang diminta dari Anda/)).toBeTruthy();
    expect(screen.queryByText(/pegawai yang Anda bina/)).toBeNull();
    expect((await screen.findByTestId("cycle-picker")).textContent).toBe("Siklus: Penilaian Kinerja 2025DibukaPeriode 2025");
    expect(screen.getByRole("navigation", { name: "Lembar penilaian Anda" })).toBeTruthy();
  });

  it("speaks to an assessor about the employees they supervise", async () => {
    render(ASSESSOR, "supervisor");
    expect(await screen.findByText(/Nilai setiap pegawai yang Anda bina/)).toBeTruthy();
  });
});
