import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ADMIN, renderWithApi } from "../../test/api";
import { regionIdFrom } from "./CreateRegionForm";
import RegionsPage from "./RegionsPage";

const OPERATOR = { ...ADMIN, id: "u-op", name: "Operator Nasional", role: "operator" as const, regionId: null };

describe("regions", () => {
  it("suggests a region's code from its name", () => {
    expect(regionIdFrom("Kota Tebing Tinggi")).toBe("kota-tebing-tinggi");
    expect(regionIdFrom("  Kab. Deli Serdang ")).toBe("kab-deli-serdang");
    expect(regionIdFrom("1 Kecamatan Médan")).toBe("kecamatan-medan");
  });

  it("creates a region with its first admin", async () => {
    const created: unknown[] = [];
    renderWithApi(<RegionsPage />, {
      user: OPERATOR,
      handlers: {
        "region.list": () => [{ id: "binjai", name: "Kota Binjai", createdAt: "2025-01-01T00:00:00Z", employees: 60, units: 8 }],
        "region.create": (input) => {
          created.push(input);
          return { region: { id: "kota-tebing-tinggi", name: "Kota Tebing Tinggi" }, admin: {} };
        },
      },
    });
    const table = await screen.findByTestId("region-table");
    expect(within(table).getByText("Kota Binjai")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Wilayah baru" }));
    const dialog = await screen.findByRole("dialog");
    // The form loads when the dialog first opens.
    fireEvent.change(await within(dialog).findByLabelText(/^Nama wilayah/), { target: { value: "Kota Tebing Tinggi" } });
    expect((within(dialog).getByLabelText(/^Kode wilayah/) as HTMLInputElement).value).toBe("kota-tebing-tinggi");
    fireEvent.change(within(dialog).getByLabelText(/^Nama$|^Nama \*/), { target: { value: "Admin Tebing Tinggi" } });
    fireEvent.change(within(dialog).getByLabelText(/^E-mail/), { target: { value: "admin@tebingtinggi.go.id" } });
    fireEvent.change(within(dialog).getByLabelText(/Kata sandi awal/), { target: { value: "sandi-awal-123" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Buat wilayah" }));
    await waitFor(() =>
      expect(created).toEqual([
        { id: "kota-tebing-tinggi", name: "Kota Tebing Tinggi", admin: { name: "Admin Tebing Tinggi", email: "admin@tebingtinggi.go.id", password: "sandi-awal-123" } },
      ]),
    );
  });

  it("refuses a code the server would refuse", async () => {
    renderWithApi(<RegionsPage />, { user: OPERATOR, handlers: { "region.list": () => [] } });
    fireEvent.click(await screen.findByRole("button", { name: "Wilayah baru" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(await within(dialog).findByLabelText(/^Nama wilayah/), { target: { value: "Kota Binjai Baru" } });
    fireEvent.change(within(dialog).getByLabelText(/^Kode wilayah/), { target: { value: "Kota Binjai" } });
    fireEvent.change(within(dialog).getByLabelText(/^Nama$|^Nama \*/), { target: { value: "Admin" } });
    fireEvent.change(within(dialog).getByLabelText(/^E-mail/), { target: { value: "admin@binjai.go.id" } });
    fireEvent.change(within(dialog).getByLabelText(/Kata sandi awal/), { target: { value: "sandi-awal-123" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Buat wilayah" }));
    expect(await within(dialog).findByText("Kode: huruf kecil, angka dan -, diawali huruf, 2–40 karakter")).toBeTruthy();
  });
});
