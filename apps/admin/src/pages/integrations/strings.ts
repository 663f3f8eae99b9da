// The integration screens' strings, in their own i18next namespace and loaded with these screens only, so
// the first screen's script does not carry them.
import i18next from "i18next";
import en from "../../locales/integrations.en.json";
import id from "../../locales/integrations.id.json";

export const NS = "integrations";

for (const [lang, strings] of [["id", id], ["en", en]] as const) {
  if (!i18next.hasResourceBundle(lang, NS)) i18next.addResourceBundle(lang, NS, strings);
}
