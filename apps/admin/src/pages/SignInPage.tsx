// Sign-in: admins and operators with their e-mail, assessors and employees with their 18-digit NIP; a link
// leads those whose account was made in bulk to activate it first (ActivationPage).
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CardPage } from "../components/CardPage";
import { SsoSignIn } from "../components/SsoSignIn";
import { ACTIVATION_PATH, FORGOT_PASSWORD_PATH, loginKind, signIn as defaultSignIn, type SignInResult } from "../lib/auth";

export function SignInPage(props: { onSignedIn(): void; signIn?: (login: string, password: string) => Promise<SignInResult> }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Two fields need no form library, and the sign-in page's script stays small.
  const [values, setValues] = useState({ login: "", password: "" });
  const [fieldErrors, setFieldErrors] = useState<{ login?: string; password?: string }>({});
  const kind = loginKind(values.login);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { login, password } = values;
    const invalid = {
      login: login.trim() === "" ? t("signIn.loginRequired") : undefined,
      password: password === "" ? t("signIn.passwordRequired") : undefined,
    };
    setFieldErrors(invalid);
    if (invalid.login || invalid.password) return;
    setBusy(true);
    setError(null);
    try {
      const result = await (props.signIn ?? defaultSignIn)(login, password);
      if (result.ok) props.onSignedIn();
      else setError(result.status === 429 ? (result.message ?? t("signIn.tooMany")) : result.error === "ACCOUNT_DISABLED" ? t("signIn.disabled") : t("signIn.refused"));
    } catch {
      setError(t("errors.network"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <CardPage title="Kinerja" intro={t("signIn.subtitle")} width={420}>
          <form onSubmit={(event) => void submit(event)} noValidate>
            <Stack>
              {error && (
                <Alert color="red" role="alert" title={t("signIn.failed")}>
                  {error}
                </Alert>
              )}
              <TextInput
                label={t("signIn.login")}
                description={kind === "nip" ? t("signIn.usingNip") : t("signIn.loginHint")}
                autoComplete="username"
                required
                autoFocus
                value={values.login}
                error={fieldErrors.login}
                onChange={(event) => {
                  const login = event.currentTarget.value;
                  setValues((v) => ({ ...v, login }));
                  setFieldErrors((e) => ({ ...e, login: undefined }));
                }}
              />
              <PasswordInput
                label={t("signIn.password")}
                autoComplete="current-password"
                required
                value={values.password}
                error={fieldErrors.password}
                onChange={(event) => {
                  const password = event.currentTarget.value;
                  setValues((v) => ({ ...v, password }));
                  setFieldErrors((e) => ({ ...e, password: undefined }));
                }}
              />
              <Button type="submit" loading={busy} fullWidth>
                {t("signIn.submit")}
              </Button>
              <Anchor href={FORGOT_PASSWORD_PATH} size="sm" ta="center">
                {t("signIn.forgot")}
              </Anchor>
              <Text size="sm" ta="center">
                {t("signIn.firstTime")}{" "}
                <Anchor href={ACTIVATION_PATH}>{t("signIn.activate")}</Anchor>
              </Text>
            </Stack>
          </form>
          <SsoSignIn />
    </CardPage>
  );
}
