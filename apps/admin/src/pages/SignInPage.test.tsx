import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { Providers } from "../Providers";
import { SignInPage } from "./SignInPage";

function setup(result: { ok: boolean; status?: number; error?: string; message?: string }) {
  const signIn = vi.fn(async () => result);
  const onSignedIn = vi.fn();
  render(
    <Providers>
      <SignInPage onSignedIn={onSignedIn} signIn={signIn} />
    </Providers>,
  );
  return { signIn, onSignedIn };
}

describe("signing in", () => {
  it("says a NIP is used when the login is 18 digits, and signs in", async () => {
    const { signIn, onSignedIn } = setup({ ok: true });
    fireEvent.change(screen.getByLabelText(/E-mail atau NIP/), { target: { value: "198503122010011001" } });
    expect(screen.getByText("Masuk dengan NIP")).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Kata sandi/), { target: { value: "rahasia-123" } });
    fireEvent.click(screen.getByRole("button", { name: "Masuk" }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(signIn).toHaveBeenCalledWith("198503122010011001", "rahasia-123");
  });

  it("asks for both fields before calling the server", async () => {
    const { signIn } = setup({ ok: true });
    fireEvent.click(screen.getByRole("button", { name: "Masuk" }));
    expect(await screen.findByText("Isi e-mail atau NIP")).toBeTruthy();
    expect(screen.getByText("Isi kata sandi")).toBeTruthy();
    expect(signIn).not.toHaveBeenCalled();
  });

  it("says why a refused sign-in failed", async () => {
    setup({ ok: false, status: 401 });
    fireEvent.change(screen.getByLabelText(/E-mail atau NIP/), { target: { value: "admin@binjai.test" } });
    fireEvent.change(screen.getByLabelText(/Kata sandi/), { target: { value: "salah" } });
    fireEvent.click(screen.getByRole("button", { name: "Masuk" }));
    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(screen.getByText("E-mail/NIP atau kata sandi salah.")).toBeTruthy();
  });

  it("says in the server's words why sign-in is held back after too many attempts, and for how long", async () => {
    const message = "Terlalu banyak percobaan masuk. Akun dikunci sementara; coba lagi dalam 15 menit.";
    setup({ ok: false, status: 429, error: "SIGN_IN_LOCKED", message });
    fireEvent.change(screen.getByLabelText(/E-mail atau NIP/), { target: { value: "admin@binjai.test" } });
    fireEvent.change(screen.getByLabelText(/Kata sandi/), { target: { value: "rahasia-uji-123" } });
    fireEvent.click(screen.getByRole("button", { name: "Masuk" }));
    expect((await screen.findByRole("alert")).textContent).toContain(message);
  });
});
