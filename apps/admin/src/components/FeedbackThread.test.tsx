import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ADMIN, renderWithApi } from "../test/api";
import { FeedbackThread, threads } from "./FeedbackThread";

const EMPLOYEE = { ...ADMIN, id: "u-e1", name: "Siti Rahma", role: "employee" as const, username: "198503122010011001" };
const ASSESSOR_NIP = "197001011995031001";

function message(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    workEntryId: "w1",
    parentId: null,
    kind: "feedback" as const,
    askedNip: null,
    periodLabel: "2025-Q1",
    body: `pesan ${id}`,
    author: { id: "u-e1", name: "Siti Rahma", role: "employee", nip: "198503122010011001" },
    createdAt: "2025-03-14T03:00:00Z",
    ...extra,
  };
}

describe("feedback threads", () => {
  it("puts every reply under the message that started its thread", () => {
    const list = [message("a"), message("b"), message("c", { parentId: "a" }), message("d", { parentId: "c" }), message("e", { parentId: "b" })];
    expect(threads(list).map((t) => [t.message.id, t.replies.map((r) => r.id)])).toEqual([
      ["a", ["c", "d"]],
      ["b", ["e"]],
    ]);
  });

  it("asks the employee's assessor for feedback by default", async () => {
    const posted: unknown[] = [];
    renderWithApi(<FeedbackThread workEntryId="w1" assessorNip={ASSESSOR_NIP} />, {
      user: EMPLOYEE,
      handlers: {
        "feedback.list": () => ({ items: [], nextCursor: null }),
        "feedback.post": (input) => {
          posted.push(input);
          return message("n");
        },
      },
    });
    expect(await screen.findByText("Belum ada umpan balik untuk catatan kerja ini.")).toBeTruthy();
    expect((screen.getByLabelText(`Pejabat penilai saya (NIP ${ASSESSOR_NIP})`) as HTMLInputElement).checked).toBe(true);
    fireEvent.change(screen.getByLabelText(/Pertanyaan/), { target: { value: "Apakah laporan ini sudah sesuai?" } });
    fireEvent.click(screen.getByRole("button", { name: "Kirim permintaan" }));
    await waitFor(() => expect(posted).toEqual([expect.objectContaining({ workEntryId: "w1", kind: "request", askNip: ASSESSOR_NIP, body: "Apakah laporan ini sudah sesuai?" })]));
  });

  it("checks a colleague's NIP before asking", async () => {
    renderWithApi(<FeedbackThread workEntryId="w1" assessorNip={ASSESSOR_NIP} />, {
      user: EMPLOYEE,
      handlers: { "feedback.list": () => ({ items: [], nextCursor: null }) },
    });
    fireEvent.click(await screen.findByLabelText("Rekan lain, dengan NIP"));
    fireEvent.change(screen.getByLabelText(/NIP rekan/), { target: { value: "12345" } });
    fireEvent.change(screen.getByLabelText(/Pertanyaan/), { target: { value: "Mohon masukan." } });
    expect(screen.getByText("NIP terdiri dari 18 angka")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Kirim permintaan" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("answers a request in its thread", async () => {
    const posted: unknown[] = [];
    const request = message("r1", { kind: "request", askedNip: ASSESSOR_NIP, body: "Apakah laporan ini sudah sesuai?" });
    renderWithApi(<FeedbackThread workEntryId="w1" defaultKind="feedback" />, {
      user: { ...ADMIN, id: "u-a1", name: "Drs. Ahmad", role: "assessor", username: ASSESSOR_NIP },
      handlers: {
        "feedback.list": () => ({ items: [request, message("r2", { parentId: "r1", body: "Lampiran menyusul.", author: request.author })], nextCursor: null }),
        "feedback.post": (input) => {
          posted.push(input);
          return message("r3");
        },
      },
    });
    const thread = await screen.findByTestId("feedback-thread");
    await within(thread).findByText("Apakah laporan ini sudah sesuai?");
    expect(within(thread).getByText("Permintaan")).toBeTruthy();
    expect(within(thread).getByText("kepada Anda")).toBeTruthy();
    expect(within(thread).getByText("Lampiran menyusul.")).toBeTruthy();
    fireEvent.click(within(thread).getByRole("button", { name: "Jawab" }));
    fireEvent.change(within(thread).getByLabelText("Jawaban untuk Siti Rahma"), { target: { value: "Sudah sesuai, tambahkan ringkasan." } });
    fireEvent.click(within(thread).getByRole("button", { name: "Kirim jawaban" }));
    await waitFor(() => expect(posted).toEqual([expect.objectContaining({ kind: "feedback", parentId: "r1", body: "Sudah sesuai, tambahkan ringkasan." })]));
  });

  it("is read-only once the cycle is final", async () => {
    renderWithApi(<FeedbackThread workEntryId="w1" closed />, {
      user: EMPLOYEE,
      handlers: { "feedback.list": () => ({ items: [message("a", { kind: "request" })], nextCursor: null }) },
    });
    expect(await screen.findByText("Siklus sudah final: utas ini hanya bisa dibaca.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Jawab" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Kirim permintaan" })).toBeNull();
  });
});
