// "Aktivasi akun": someone whose account the BKD made in bulk gives their NIP, the one-time code from their
// letter and a new password (POST /api/auth/activate-account); the server sets the password and signs them
// in, and the code works no more. Reached from the sign-in page at /aktivasi, before anyone is signed in.
import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CardPage } from "../components/CardPage";

const MIN_PASSWORD = 8;

interface Fields {
  nip: string;
  code: string;
  password: string;
  repeat: string;
}

export default function ActivationPage(props: { onActivated(): void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Fields>({ nip: "", code: "", password: "", repeat: "" });
  const [errors, setErrors] = useState<Partial<Record<keyof Fields, string>>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const field = (name: keyof Fields) => ({
    value: values[name],
    error: errors[name],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((v) => ({ ...v, [name]: value }));
      setErrors((e) => ({ ...e, [name]: undefined }));
    },
  });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const nip = values.nip.replace(/\s+/g, "");
    const invalid: Partial<Record<keyof Fields, string>> = {
      nip: /^\d{18}$/.test(nip) ? undefined : t("activation.nipInvalid"),
      code: values.code.replace(/[\s-]/g, "").length === 12 ? undefined : t("activation.codeInvalid"),
      password: values.password.length >= MIN_PASSWORD ? undefined : t("activation.passwordShort", { min: MIN_PASSWORD }),
      repeat: values.repeat === values.password ? undefined : t("activation.repeatDiffers"),
    };
    setErrors(invalid);
    if (Object.values(invalid).some(Boolean)) return;
    setBusy(true);
    setRefusal(null);
    try {
      const response = await fetch("/api/auth/activate-account", {
        method: "POST",
        headers: { "content-type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ nip, code: values.code, password: values.password }),
      });
      if (response.ok) {
        props.onActivated();
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      setRefusal(body.message ?? t("activation.refused"));
    } catch {
      setRefusal(t("errors.network"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <CardPage title={t("activation.title")} intro={t("activation.intro")}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          {refusal && (
            <Alert color="red" role="alert" title={t("activation.failed")}>
              {refusal}
            </Alert>
          )}
          <TextInput label={t("activation.nip")} inputMode="numeric" autoComplete="username" required autoFocus {...field("nip")} />
          <TextInput
            label={t("activation.code")}
            description={t("activation.codeHelp")}
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            required
            className="mono"
            {...field("code")}
          />
          <PasswordInput label={t("activation.password")} description={t("activation.passwordHelp")} autoComplete="new-password" required {...field("password")} />
          <PasswordInput label={t("activation.repeat")} autoComplete="new-password" required {...field("repeat")} />
          <Button type="submit" loading={busy} fullWidth>
            {t("activation.submit")}
          </Button>
          <Anchor href="/" size="sm" ta="center">
            {t("activation.back")}
          </Anchor>
        </Stack>
      </form>
    </CardPage>
  );
}
