import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithApi } from "../../test/api";
import FailedMail from "./FailedMail";

const failed = [
  {
    id: "m2",
    kind: "plan_submitted",
    to: "budi@binjai.go.id",
    subject: "SKP Siti menunggu persetujuan Anda",
    attempts: 5,
    error: "550 5.1.1 mailbox unavailable",
    createdAt: "2026-12-01T01:00:00.000Z",
    lastTriedAt: "2026-12-01T03:00:00.000Z",
  },
  {
    id: "m1",
    kind: "results_published",
    to: "rina@binjai.go.id",
    subject: "Hasil penilaian 2025 terbit",
    attempts: 5,
    error: "connect ECONNREFUSED",
    createdAt: "2026-11-30T01:00:00.000Z",
    lastTriedAt: "2026-11-30T03:00:00.000Z",
  },
];

describe("the region's failed mail", () => {
  it("lists each failed mail with its error and sends one or the selected again", async () => {
    const { calls } = renderWithApi(<FailedMail />, {
      handlers: {
        "notification.outbox": () => ({ mailConfigured: true, waiting: 3, failed }),
        "notification.resend": (input) => (input as { ids: string[] }).ids.length,
      },
    });
    expect(await screen.findByText("550 5.1.1 mailbox unavailable")).toBeTruthy();
    expect(screen.getByTestId("mail-waiting").textContent).toBe("3 surat menunggu dikirim.");
    expect(screen.queryByText("Server belum diatur untuk mengirim e-mail")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Kirim lagi «Hasil penilaian 2025 terbit» kepada rina@binjai.go.id" }));
    await waitFor(() => expect(calls.filter((c) => c.path === "notification.resend").map((c) => c.input)).toEqual([{ ids: ["m1"] }]));
    expect(await screen.findByText("1 surat dimasukkan kembali ke antrean.")).toBeTruthy();

    const many = screen.getByRole("button", { name: "Kirim lagi yang dipilih (0)" });
    expect(many.hasAttribute("disabled")).toBe(true);
    fireEvent.click(screen.getByRole("checkbox", { name: "Pilih semua" }));
    fireEvent.click(await screen.findByRole("button", { name: "Kirim lagi yang dipilih (2)" }));
    await waitFor(() => expect(calls.filter((c) => c.path === "notification.resend").at(-1)?.input).toEqual({ ids: ["m2", "m1"] }));
  });

  it("says when the server cannot send mail, and when nothing failed", async () => {
    renderWithApi(<FailedMail />, { handlers: { "notification.outbox": () => ({ mailConfigured: false, waiting: 12, failed: [] }) } });
    expect(await screen.findByText("Server belum diatur untuk mengirim e-mail")).toBeTruthy();
    expect(screen.getByText("Tidak ada surat yang gagal")).toBeTruthy();
    expect(screen.getByTestId("mail-waiting").textContent).toBe("12 surat menunggu dikirim.");
  });
});
