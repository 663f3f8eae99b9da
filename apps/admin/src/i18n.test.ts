import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import en from "./locales/en.json";
import id from "./locales/id.json";
import integrationsEn from "./locales/integrations.en.json";
import integrationsId from "./locales/integrations.id.json";

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("UI text", () => {
  it("has the same keys in Indonesian and English", () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
    // The integration screens' own namespace (pages/integrations/strings.ts).
    expect(keys(integrationsEn).sort()).toEqual(keys(integrationsId).sort());
  });

  it("has every literal key the code asks for", () => {
    const known = new Set([...keys(id), ...keys(integrationsId)]);
    const missing: string[] = [];
    for (const file of sources(import.meta.dirname)) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/\bt\(\s*"([a-zA-Z][\w.]*)"/g)) if (!known.has(match[1]!)) missing.push(`${file}: ${match[1]}`);
      for (const match of text.matchAll(/label: "((?:nav)\.\w+)"/g)) if (!known.has(match[1]!)) missing.push(`${file}: ${match[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it("is Indonesian by default and switches to English", async () => {
    expect(i18next.t("signIn.submit")).toBe("Masuk");
    expect(i18next.t("rules.check.errors", { count: 2 })).toBe("2 kesalahan");
    await i18next.changeLanguage("en");
    expect(i18next.t("signIn.submit")).toBe("Sign in");
    await i18next.changeLanguage("id");
  });
});
