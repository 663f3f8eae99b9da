// The portal's look: Mantine's defaults with darker shades where the defaults miss WCAG AA contrast
// (filled buttons, dimmed text), and the words Mantine's components say on their own in the UI's language.
import { CloseButton, createTheme, mergeThemeOverrides, PasswordInput, type CloseButtonProps, type CSSVariablesResolver, type MantineThemeOverride } from "@mantine/core";
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
  // Each value clears 4.5:1: white on the filled teal, the light variants' text on their pale background.
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-teal-filled": "#087f5b",
    "--mantine-color-teal-light-color": "#066b4e",
    "--mantine-color-yellow-light-color": "#8a4b00",
  },
  dark: {},
});

/** The theme with the labels Mantine would otherwise give in English or not at all (the password visibility toggle, close buttons). */
export function localizedTheme(t: TFunction): MantineThemeOverride {
  return mergeThemeOverrides(theme, {
    components: {
      // Every close button (dialogs, drawers, notices) is named, not only those a screen remembers to name.
      CloseButton: CloseButton.extend({ defaultProps: { "aria-label": t("common.close") } as Partial<CloseButtonProps> }),
      PasswordInput: PasswordInput.extend({ defaultProps: { visibilityToggleButtonProps: { "aria-label": t("common.togglePassword") } } }),
    },
  });
}
