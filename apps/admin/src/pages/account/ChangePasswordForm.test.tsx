import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { Providers } from "../../Providers";
import type { PasswordChangeResult } from "../../lib/auth";
import { ChangePasswordForm } from "./ChangePasswordForm";

function setup(result: PasswordChangeResult) {
  const changePassword = vi.fn(async () => result);
  const onChanged = vi.fn();
  render(
    <Providers>
      <ChangePasswordForm onChanged={onChanged} changePassword={changePassword} />
    </Providers>,
  );
  const fill = (current: string, next: string, repeat = next) => {
    fireEvent.change(screen.getByLabelText(/Kata sandi saat ini/), { target: { value: current } });
    fireEvent.change(screen.getByLabelText(/^Kata sandi baru/), { target: { value: next } });
    fireEvent.change(screen.getByLabelText(/Ulangi kata sandi baru/), { target: { value: repeat } });
    fireEvent.click(screen.getByRole("button", { name: "Ganti kata sandi" }));
  };
  return { changePassword, onChanged, fill };
}

describe("changing one's password", () => {
  it("checks the new password twice and against the current one before calling the server", async () => {
    const { changePassword, fill } = setup({ ok: true });
    fill("sandi-lama-1", "sandi-lama-1");
    expect(await screen.findByText("Kata sandi baru harus berbeda dari kata sandi saat ini")).toBeTruthy();
    fill("sandi-lama-1", "sandi-baru-22", "sandi-baru-23");
    expect(await screen.findByText("Kedua isian kata sandi baru tidak sama")).toBeTruthy();
    expect(changePassword).not.toHaveBeenCalled();
  });

  it("changes it and says so", async () => {
    const { changePassword, onChanged, fill } = setup({ ok: true });
    fill("sandi-lama-1", "sandi-baru-22");
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(changePassword).toHaveBeenCalledWith("sandi-lama-1", "sandi-baru-22");
  });

  it("says in Indonesian that the current password is wrong, and passes the policy's own words on", async () => {
    const wrong = setup({ ok: false, code: "INVALID_PASSWORD", message: "Invalid password" });
    wrong.fill("salah-sandi", "sandi-baru-22");
    expect(await screen.findByText("Kata sandi saat ini salah.")).toBeTruthy();
    expect(wrong.onChanged).not.toHaveBeenCalled();
    cleanup();

    const common = "Kata sandi ini termasuk yang paling sering dipakai sehingga mudah ditebak; pilih yang lain.";
    const weak = setup({ ok: false, code: "PASSWORD_TOO_COMMON", message: common });
    weak.fill("sandi-lama-1", "bismillah123");
    expect(await screen.findByText(common)).toBeTruthy();
  });
});
