// Mantine's theme, with labels in the chosen language: all the sign-in page needs around it. The data
// clients (Providers.tsx) come with the signed-in portal.
import { MantineProvider } from "@mantine/core";
import { useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { cssVariablesResolver, localizedTheme } from "./theme";

export function ThemeProvider(props: { children: ReactNode }) {
  const { t } = useTranslation();
  const theme = useMemo(() => localizedTheme(t), [t]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      {props.children}
    </MantineProvider>
  );
}
