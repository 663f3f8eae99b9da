import { readFileSync } from "node:fs";
import { join } from "node:path";
import { render, screen } from "@testing-library/react";
import i18next from "i18next";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Providers } from "../Providers";
import { SsoSignIn } from "./SsoSignIn";

/** The refusal codes the server sends back with (services/identity/sign-in.ts and auth-sso.ts), read from its source. */
function serverCodes(): string[] {
  const read = (path: string, constant: string) => {
    const text = readFileSync(join(import.meta.dirname, "../../../../packages/api/src", path), "utf8");
    const list = new RegExp(`${constant} = \\[([^\\]]*)\\]`).exec(text)?.[1];
    if (list === undefined) throw new Error(`${constant} not found in ${path}`);
    return [...list.matchAll(/"([a-z_]+)"/g)].map((m) => m[1] as string);
  };
  return [...read("services/identity/sign-in.ts", "SSO_REFUSALS"), ...read("auth-sso.ts", "SSO_FLOW_ERRORS")];
}

function renderAt(address: string, providers: unknown[] = []) {
  window.history.replaceState(null, "", address);
  vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify(providers), { status: 200, headers: { "content-type": "application/json" } })));
  render(
    <Providers>
      <SsoSignIn />
    </Providers>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, "", "/");
});

describe("sign-in through a region's identity provider", () => {
  it("has an Indonesian and an English reason for every refusal the server sends", () => {
    const codes = serverCodes();
    expect(codes.length).toBeGreaterThanOrEqual(10);
    expect(i18next.exists("sso.errors.kode_baru", { lng: "en", fallbackLng: false })).toBe(false);
    for (const lang of ["id", "en"]) {
      const missing = codes.filter((code) => !i18next.exists(`sso.errors.${code}`, { lng: lang, fallbackLng: false }));
      expect(missing, lang).toEqual([]);
    }
  });

  it("says why a sign-in came back refused, and takes the code off the address", async () => {
    renderAt("/?sso_error=no_account&x=1");
    expect(await screen.findByText(/Anda belum memiliki akun di Kinerja/)).toBeTruthy();
    expect(window.location.search).toBe("?x=1");
  });

  it("names an unknown code rather than hiding it", async () => {
    renderAt("/?sso_error=kode_baru");
    expect(await screen.findByText("Masuk lewat penyedia identitas gagal (kode: kode_baru).")).toBeTruthy();
  });

  it("offers a button per enabled provider, named with its region", async () => {
    renderAt("/", [{ id: "p1", name: "MyASN", regionName: "Kota Binjai" }]);
    expect(await screen.findByRole("button", { name: "Masuk dengan MyASN (Kota Binjai)" })).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
