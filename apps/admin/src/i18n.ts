// UI text: Indonesian by default, English by the switch in the header; the choice is remembered.
// Every string the portal shows lives in locales/en.json and, in Indonesian, in locales/id.json or, for a
// screen whose strings only it shows, in locales/screens/<screen>.id.json. Indonesian comes with the first
// script, and a screen's own Indonesian strings with that screen's script (addScreenStrings); English is
// fetched whole when it is first chosen (loadLanguage), so most visits never carry it.
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import id from "./locales/id.json";

export const LANGUAGES = ["id", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "kinerja.lang";

function storedLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return stored === "en" ? "en" : "id";
  } catch {
    return "id";
  }
}

type Strings = Record<string, unknown>;
const screenStrings: Strings[] = [];

/**
 * Adds a screen's own Indonesian strings (locales/screens/<screen>.id.json) when its module loads, so
 * they travel with that screen instead of with every screen. Keys keep their full names ("rules.…").
 */
export function addScreenStrings(strings: Strings): void {
  screenStrings.push(strings);
  if (i18next.isInitialized) i18next.addResourceBundle("id", "translation", strings, true, false);
}

/** Fetches a language's strings once; Indonesian is always there. */
export async function loadLanguage(lang: Language): Promise<void> {
  if (lang === "id" || i18next.hasResourceBundle(lang, "translation")) return;
  const strings = await import("./locales/en.json");
  i18next.addResourceBundle(lang, "translation", strings.default);
}

export function setLanguage(lang: Language): void {
  if (lang === "id" || i18next.hasResourceBundle(lang, "translation")) void i18next.changeLanguage(lang);
  else void loadLanguage(lang).then(() => i18next.changeLanguage(lang));
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private windows may refuse storage; the switch still works for this visit.
  }
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

export function initI18n(lang: Language = storedLanguage()) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { id: { translation: withScreens(id) } },
      lng: lang,
      fallbackLng: "id",
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  if (typeof document !== "undefined") document.documentElement.lang = lang;
  return i18next;
}

function withScreens(base: Strings): Strings {
  let merged: Strings = base;
  for (const strings of screenStrings) merged = deepMerge(merged, strings);
  return merged;
}

function deepMerge(into: Strings, from: Strings): Strings {
  const out: Strings = { ...into };
  for (const [key, value] of Object.entries(from)) {
    const existing = out[key];
    out[key] =
      isRecord(existing) && isRecord(value) ? deepMerge(existing, value) : value;
  }
  return out;
}

function isRecord(value: unknown): value is Strings {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The portal's first render waits for this: the stored language's strings. */
export function storedLanguageLoaded(): Promise<void> {
  return loadLanguage(storedLanguage());
}

export function currentLanguage(): Language {
  return i18next.language === "en" ? "en" : "id";
}
