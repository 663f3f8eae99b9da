// Component tests: the language is Indonesian, and the DOM APIs Mantine expects but happy-dom lacks
// are stubbed; every test ends with the page unmounted.
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { addScreenStrings, initI18n, loadLanguage, setLanguage } from "../i18n";

// A component may be tested without the screen module that brings its strings.
for (const strings of Object.values(import.meta.glob<Record<string, unknown>>("../locales/screens/*.id.json", { eager: true, import: "default" })))
  addScreenStrings(strings);
initI18n("id");
// Tests switch languages synchronously, so English is there from the start.
await loadLanguage("en");

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

if (!("fonts" in document)) {
  Object.defineProperty(document, "fonts", {
    value: { addEventListener: () => undefined, removeEventListener: () => undefined, ready: Promise.resolve() },
  });
}

afterEach(() => {
  cleanup();
  setLanguage("id");
});
