import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../../test/api";
import AccountsPage from "./AccountsPage";
import { randomPassword } from "./credentials";

const accounts = [
  { id: "u1", name: "Admin BKPSDM Binjai", email: "admin@binjai.kinerja.local", username: null, role: "admin", regionId: "binjai" },
  { id: "u2", name: "Siti Rahma", email: "198503122010011001@nip.kinerja.invalid", username: "198503122010011001", role: "employee", regionId: "binjai" },
];

describe("the region's accounts", () => {
  it("lists who signs in with what, never the placeholder address of a NIP sign-in", async () => {
    renderWithApi(<AccountsPage />, { handlers: { "account.list": () => accounts } });
    const table = await screen.findByTestId("account-table");
    const rows = within(table).getAllByRole("row");
    expect(rows[1]?.textContent).toContain("admin@binjai.kinerja.local");
    expect(rows[2]?.textContent).toContain("198503122010011001");
    expect(rows[2]?.textContent).not.toContain("nip.kinerja.invalid");
    fireEvent.change(screen.getByLabelText("Cari akun"), { target: { value: "siti" } });
    expect(within(table).getAllByRole("row")).toHaveLength(2);
  });

  it("creates an admin by e-mail and shows the sign-in to pass on", async () => {
    const created: unknown[] = [];
    renderWithApi(<AccountsPage />, {
      handlers: {
        "account.list": () => accounts,
        "employee.list": () => ({ items: [], nextCursor: null }),
        "account.create": (input) => {
          created.push(input);
          return { id: "u3", name: "Rina", email: "rina@binjai.go.id", username: null, role: "admin", regionId: "binjai" };
        },
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Akun baru" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByText("Admin BKPSDM"));
    fireEvent.change(within(dialog).getByLabelText(/^Nama/), { target: { value: "Rina" } });
    fireEvent.change(within(dialog).getByLabelText(/^E-mail/), { target: { value: "bukan-email" } });
    fireEvent.change(within(dialog).getByLabelText(/Kata sandi awal/), { target: { value: "pendek" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Buat akun" }));
    expect(await within(dialog).findByText("E-mail tidak sah; contoh: nama@bkpsdm.go.id")).toBeTruthy();
    expect(within(dialog).getByText("Kata sandi paling sedikit 8 karakter")).toBeTruthy();
    expect(created).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText(/^E-mail/), { target: { value: "rina@binjai.go.id" } });

    fireEvent.change(within(dialog).getByLabelText(/Kata sandi awal/), { target: { value: "rahasia-rina-1" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Buat akun" }));
    await waitFor(() => expect(created).toEqual([expect.objectContaining({ role: "admin", name: "Rina", email: "rina@binjai.go.id", password: "rahasia-rina-1" })]));
    const done = await screen.findByTestId("account-created");
    expect(done.textContent).toContain("rina@binjai.go.id");
    expect(done.textContent).toContain("rahasia-rina-1");
  });

  it("generates passwords without look-alike characters", () => {
    const password = randomPassword();
    expect(password).toHaveLength(14);
    expect(password).not.toMatch(/[0O1lI]/);
  });
});
