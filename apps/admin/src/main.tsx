// The portal's entry: language, theme, then the app (the data clients and the router come with the
// signed-in portal, Portal.tsx).
import "@mantine/core/styles.css";
import "@mantine/charts/styles.css";
import "@mantine/notifications/styles.css";
import "./app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ThemeProvider } from "./ThemeProvider";
import { initI18n, storedLanguageLoaded } from "./i18n";

initI18n();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
// A visitor who chose English sees English from the first paint, once its strings have arrived.
void storedLanguageLoaded().then(() =>
  createRoot(root).render(
    <StrictMode>
      <ThemeProvider>
        <App />
      </ThemeProvider>
    </StrictMode>,
  ),
);
