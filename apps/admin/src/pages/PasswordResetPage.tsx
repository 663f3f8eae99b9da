// A forgotten password, before anyone is signed in. At /lupa-sandi ("Lupa kata sandi?" on the sign-in page)
// the person gives their e-mail or NIP and the server mails a link to the account's address, answering alike
// whether or not the account exists. The link passes through the server, which sends the browser to
// /atur-ulang-sandi?token=… (or ?error=INVALID_TOKEN when it expired), where the new password is set under
// the same policy as every other.
import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CardPage } from "../components/CardPage";
import { FORGOT_PASSWORD_PATH, RESET_PASSWORD_PATH } from "../lib/auth";

const MIN_PASSWORD = 8;

function Frame(props: { title: string; intro: string; children: ReactNode; back?: boolean }) {
  const { t } = useTranslation();
  return (
    <CardPage title={props.title} intro={props.intro}>
      {props.children}
      {props.back !== false && (
        <Anchor href="/" size="sm" ta="center">
          {t("passwordReset.back")}
        </Anchor>
      )}
    </CardPage>
  );
}

async function post(path: string, body: Record<string, string>): Promise<{ ok: boolean; code?: string; message?: string }> {
  const response = await fetch(`/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json" }, credentials: "same-origin", body: JSON.stringify(body) });
  if (response.ok) return { ok: true };
  const answer = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  return { ok: false, ...answer };
}

function RequestForm() {
  const { t } = useTranslation();
  const [login, setLogin] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = login.trim();
    if (!value) return setError(t("passwordReset.loginRequired"));
    setBusy(true);
    setRefusal(null);
    try {
      const answer = await post("/request-password-reset", { email: value, redirectTo: RESET_PASSWORD_PATH });
      if (answer.ok) setSent(true);
      else setRefusal(answer.message ?? t("passwordReset.refused"));
    } catch {
      setRefusal(t("errors.network"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Frame title={t("passwordReset.title")} intro={t("passwordReset.intro")}>
      {sent ? (
        <Alert color="teal" title={t("passwordReset.sentTitle")} data-testid="reset-sent">
          {t("passwordReset.sent")}
        </Alert>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack>
            {refusal && (
              <Alert color="red" role="alert">
                {refusal}
              </Alert>
            )}
            <TextInput
              label={t("passwordReset.login")}
              description={t("passwordReset.loginHelp")}
              autoComplete="username"
              required
              autoFocus
              value={login}
              error={error}
              onChange={(e) => {
                setLogin(e.currentTarget.value);
                setError(null);
              }}
            />
            <Button type="submit" loading={busy} fullWidth>
              {t("passwordReset.send")}
            </Button>
          </Stack>
        </form>
      )}
    </Frame>
  );
}

function NewPasswordForm(props: { token: string | null; linkError: string | null }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [refusal, setRefusal] = useState<string | null>(props.linkError || !props.token ? t("passwordReset.invalidLink") : null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const invalid = {
      password: password.length >= MIN_PASSWORD ? undefined : t("activation.passwordShort", { min: MIN_PASSWORD }),
      repeat: repeat === password ? undefined : t("activation.repeatDiffers"),
    };
    setErrors(invalid);
    if (invalid.password || invalid.repeat || !props.token) return;
    setBusy(true);
    setRefusal(null);
    try {
      const answer = await post("/reset-password", { token: props.token, newPassword: password });
      if (answer.ok) setDone(true);
      else setRefusal(answer.code === "INVALID_TOKEN" ? t("passwordReset.invalidLink") : (answer.message ?? t("passwordReset.refused")));
    } catch {
      setRefusal(t("errors.network"));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Frame title={t("passwordReset.newTitle")} intro={t("passwordReset.newIntro")} back={false}>
        <Alert color="teal" title={t("passwordReset.doneTitle")} data-testid="reset-done">
          {t("passwordReset.done")}
        </Alert>
        <Button component="a" href="/" fullWidth>
          {t("passwordReset.signIn")}
        </Button>
      </Frame>
    );
  }
  return (
    <Frame title={t("passwordReset.newTitle")} intro={t("passwordReset.newIntro")}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          {refusal && (
            <Alert color="red" role="alert">
              {refusal} {(props.linkError || !props.token || refusal === t("passwordReset.invalidLink")) && <Anchor href={FORGOT_PASSWORD_PATH}>{t("passwordReset.again")}</Anchor>}
            </Alert>
          )}
          <PasswordInput
            label={t("passwordReset.password")}
            description={t("activation.passwordHelp")}
            autoComplete="new-password"
            required
            autoFocus
            value={password}
            error={errors.password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              setErrors((v) => ({ ...v, password: undefined }));
            }}
          />
          <PasswordInput
            label={t("passwordReset.repeat")}
            autoComplete="new-password"
            required
            value={repeat}
            error={errors.repeat}
            onChange={(e) => {
              setRepeat(e.currentTarget.value);
              setErrors((v) => ({ ...v, repeat: undefined }));
            }}
          />
          <Button type="submit" loading={busy} fullWidth disabled={!props.token}>
            {t("passwordReset.save")}
          </Button>
        </Stack>
      </form>
    </Frame>
  );
}

export default function PasswordResetPage() {
  const params = new URLSearchParams(window.location.search);
  if (window.location.pathname === RESET_PASSWORD_PATH) return <NewPasswordForm token={params.get("token")} linkError={params.get("error")} />;
  return <RequestForm />;
}
