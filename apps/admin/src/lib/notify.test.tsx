import { fireEvent, screen, waitFor } from "@testing-library/react";
import { notificationsStore } from "@mantine/notifications";
import { act } from "react";
import { Link, Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { AppLayout } from "../components/AppLayout";
import { renderWithApi } from "../test/api";
import { ERROR_TOAST_MS, notifyError } from "./notify";

function Pages() {
  return (
    <AppLayout>
      <Routes>
        <Route path="/" element={<Link to="/kedua">ke halaman kedua</Link>} />
        <Route path="/kedua" element={<p>Halaman kedua</p>} />
      </Routes>
    </AppLayout>
  );
}

describe("error toasts", () => {
  it("close by themselves after a while, and when the person moves to another page", async () => {
    renderWithApi(<Pages />, { handlers: { "region.list": () => [{ id: "binjai", name: "Kota Binjai" }] } });
    act(() => notifyError({ title: "Tidak bisa disimpan", message: "Tanggal di luar periode." }));
    expect(await screen.findByText("Tanggal di luar periode.")).toBeTruthy();
    const shown = notificationsStore.getState().notifications.find((n) => n.message === "Tanggal di luar periode.");
    expect(shown?.autoClose).toBe(ERROR_TOAST_MS);

    fireEvent.click(screen.getByRole("link", { name: "ke halaman kedua" }));
    expect(await screen.findByText("Halaman kedua")).toBeTruthy();
    await waitFor(() => expect(screen.queryByText("Tanggal di luar periode.")).toBeNull());
  });
});
