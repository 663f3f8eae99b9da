// Bahasa Indonesia or English, on the sign-in page and in the header of every signed-in screen.
import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { currentLanguage, setLanguage, type Language } from "../i18n";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("layout.language")}
      value={i18n.language === "en" ? "en" : currentLanguage()}
      onChange={(value) => setLanguage(value as Language)}
      data={[
        { value: "id", label: "ID" },
        { value: "en", label: "EN" },
      ]}
    />
  );
}
