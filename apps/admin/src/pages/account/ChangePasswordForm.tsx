// Changing one's own password through better-auth: the current one, the new one twice. The server ends
// every other session of the person and, after a temporary password, lets them use the portal again.
import { Alert, Button, Group, PasswordInput, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { changeOwnPassword as defaultChange, type PasswordChangeResult } from "../../lib/auth";
import { MIN_PASSWORD } from "../accounts/credentials";

export function ChangePasswordForm(props: { onChanged(): void; changePassword?: (current: string, next: string) => Promise<PasswordChangeResult> }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { current: "", next: "", repeat: "" },
    validate: {
      current: (v) => (v ? null : t("myAccount.currentRequired")),
      next: (v, values) =>
        v.length < MIN_PASSWORD ? t("accounts.passwordShort", { min: MIN_PASSWORD }) : v === values.current ? t("myAccount.sameAsCurrent") : null,
      repeat: (v, values) => (v === values.next ? null : t("myAccount.mismatch")),
    },
  });

  const submit = form.onSubmit(async ({ current, next }) => {
    setBusy(true);
    setError(null);
    try {
      const result = await (props.changePassword ?? defaultChange)(current, next);
      if (result.ok) {
        form.reset();
        props.onChanged();
      } else {
        // A wrong current password comes back in English from better-auth; the policy's refusals are ours, in Indonesian.
        setError(result.code === "INVALID_PASSWORD" ? t("myAccount.wrongCurrent") : result.message || t("myAccount.notChanged"));
      }
    } catch {
      setError(t("errors.network"));
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && (
          <Alert color="red" role="alert" title={t("myAccount.notChanged")}>
            {error}
          </Alert>
        )}
        <PasswordInput label={t("myAccount.current")} autoComplete="current-password" required {...form.getInputProps("current")} />
        <PasswordInput
          label={t("myAccount.next")}
          description={t("myAccount.nextHelp", { min: MIN_PASSWORD })}
          autoComplete="new-password"
          required
          {...form.getInputProps("next")}
        />
        <PasswordInput label={t("myAccount.repeat")} autoComplete="new-password" required {...form.getInputProps("repeat")} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t("myAccount.change")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
