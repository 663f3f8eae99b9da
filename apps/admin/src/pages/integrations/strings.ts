// The integration screens' strings, in their own i18next namespace and loaded with these screens only, so
// the first screen's script does not carry them; the English ones are fetched when English is chosen.
import i18next from "i18next";
import id from "../../locales/integrations.id.json";

export const NS = "integrations";

if (!i18next.hasResourceBundle("id", NS)) i18next.addResourceBundle("id", NS, id);

function loadEnglish(lang: string): void {
  if (lang !== "en" || i18next.hasResourceBundle("en", NS)) return;
  void import("../../locales/integrations.en.json").then((strings) => {
    i18next.addResourceBundle("en", NS, strings.default);
    // Screens drawn in Indonesian meanwhile read the English strings again.
    void i18next.changeLanguage("en");
  });
}

loadEnglish(i18next.language);
i18next.on("languageChanged", loadEnglish);
