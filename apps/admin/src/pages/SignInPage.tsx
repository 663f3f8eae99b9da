// Sign-in: admins and operators with their e-mail, assessors and employees with their 18-digit NIP.
import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../components/AppLayout";
import { loginKind, signIn as defaultSignIn, type SignInResult } from "../lib/auth";

export function SignInPage(props: { onSignedIn(): void; signIn?: (login: string, password: string) => Promise<SignInResult> }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { login: "", password: "" },
    validate: {
      login: (value) => (value.trim() === "" ? t("signIn.loginRequired") : null),
      password: (value) => (value === "" ? t("signIn.passwordRequired") : null),
    },
  });
  const kind = loginKind(form.values.login);

  const submit = form.onSubmit(async ({ login, password }) => {
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
  });

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Box w="100%" maw={420}>
        <Group justify="flex-end" mb="xs">
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={submit} noValidate>
            <Stack>
              <div>
                <Title order={1} size="h2" c="blue.8">
                  Kinerja
                </Title>
                <Text c="dimmed" size="sm">
                  {t("signIn.subtitle")}
                </Text>
              </div>
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
                {...form.getInputProps("login")}
              />
              <PasswordInput label={t("signIn.password")} autoComplete="current-password" required {...form.getInputProps("password")} />
              <Button type="submit" loading={busy} fullWidth>
                {t("signIn.submit")}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Box>
    </Center>
  );
}
