// Sign-in through a region's identity provider (SIASN/MyASN or another OpenID Connect provider): a button
// per enabled provider, named with its region, and, when a sign-in through one came back refused
// (`?sso_error=<code>`), the reason in words. The server's endpoints are better-auth's (auth-sso.ts).
import { Alert, Button, Divider, Stack } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

interface SignInProvider {
  id: string;
  name: string;
  regionName: string;
}

const ERROR_PARAMETER = "sso_error";

/** The refusal the server sent back with, taken off the address so a reload does not show it again. */
function takeRefusal(): string | null {
  const url = new URL(window.location.href);
  const code = url.searchParams.get(ERROR_PARAMETER);
  if (code === null) return null;
  url.searchParams.delete(ERROR_PARAMETER);
  window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
  return code;
}

export function SsoSignIn() {
  const { t } = useTranslation();
  const [providers, setProviders] = useState<SignInProvider[]>([]);
  const [refusal] = useState(takeRefusal);
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetch("/api/auth/sso/providers")
      .then((response) => (response.ok ? (response.json() as Promise<SignInProvider[]>) : []))
      .then((found) => live && setProviders(found))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const start = async (provider: SignInProvider) => {
    setStarting(provider.id);
    setStartError(null);
    try {
      const response = await fetch("/api/auth/sign-in/sso", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ providerId: provider.id, callbackURL: "/", errorCallbackURL: "/" }),
      });
      const body = (await response.json()) as { url?: string; message?: string };
      if (response.ok && body.url) {
        window.location.assign(body.url);
        return;
      }
      setStartError(body.message ?? t("sso.errors.provider_unreachable"));
    } catch {
      setStartError(t("errors.network"));
    }
    setStarting(null);
  };

  const message = refusal === null ? null : t(`sso.errors.${refusal}`, { defaultValue: t("sso.errors.other", { code: refusal }) });
  if (providers.length === 0 && message === null) return null;
  return (
    <Stack gap="xs" mt="md">
      {(message ?? startError) && (
        <Alert color="red" role="alert" title={t("sso.failed")}>
          {message ?? startError}
        </Alert>
      )}
      {providers.length > 0 && <Divider label={t("sso.or")} labelPosition="center" />}
      {providers.map((provider) => (
        <Button
          key={provider.id}
          variant="default"
          fullWidth
          h="auto"
          py={8}
          // A long provider or region name wraps on a phone instead of being cut off.
          styles={{ label: { whiteSpace: "normal", textAlign: "center", lineHeight: 1.35 } }}
          loading={starting === provider.id}
          onClick={() => void start(provider)}
        >
          {t("sso.button", { name: provider.name, region: provider.regionName })}
        </Button>
      ))}
    </Stack>
  );
}
