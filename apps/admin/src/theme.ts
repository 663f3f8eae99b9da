// The portal's look: Mantine's defaults with darker shades where the defaults miss WCAG AA contrast
// (filled buttons, dimmed text), and the words Mantine's components say on their own in the UI's language.
import { createTheme, mergeThemeOverrides, PasswordInput, type CSSVariablesResolver, type MantineThemeOverride } from "@mantine/core";
import type { TFunction } from "i18next";

export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 6 },
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
  defaultRadius: "md",
  headings: { fontWeight: "650" },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "var(--mantine-color-gray-7)" },
  dark: {},
});

/** The theme with the labels Mantine would otherwise give in English (the password visibility toggle). */
export function localizedTheme(t: TFunction): MantineThemeOverride {
  return mergeThemeOverrides(theme, {
    components: {
      PasswordInput: PasswordInput.extend({ defaultProps: { visibilityToggleButtonProps: { "aria-label": t("common.togglePassword") } } }),
    },
  });
}
