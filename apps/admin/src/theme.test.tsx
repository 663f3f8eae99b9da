import { PasswordInput } from "@mantine/core";
import { act, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { setLanguage } from "./i18n";
import { renderWithApi } from "./test/api";

describe("the theme's own words", () => {
  it("names the password visibility toggle in the UI's language, not Mantine's English", async () => {
    renderWithApi(<PasswordInput label="Kata sandi" />, { handlers: {} });
    expect(screen.getByRole("button", { name: "Tampilkan atau sembunyikan sandi" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Toggle password visibility" })).toBeNull();
    await act(async () => setLanguage("en"));
    expect(await screen.findByRole("button", { name: "Show or hide the characters typed" })).toBeTruthy();
  });
});
