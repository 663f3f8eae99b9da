// What a new sign-in needs: an e-mail the server accepts and a first password, typed or generated, which
// whoever creates the account passes on with the login it is for.
import { Button, Group, PasswordInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

export const MIN_PASSWORD = 8;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the person types to sign in: the NIP, or the e-mail. */
export function loginOf(account: { email: string; username: string | null }): string {
  return account.username ?? account.email;
}

/** A password to pass on: 14 letters and digits, without look-alikes (0/O, 1/l/I). */
export function randomPassword(length = 14): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/** A password to pass on (the first one, unless labelled otherwise); a generated one is shown. */
export function PasswordField(props: { value: string; error?: string; label?: string; description?: string; required?: boolean; onChange(value: string): void }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <Group align="flex-end" wrap="nowrap">
      <PasswordInput
        label={props.label ?? t("accounts.password")}
        description={props.description ?? t("accounts.passwordHelp", { min: MIN_PASSWORD })}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        error={props.error}
        required={props.required ?? true}
        style={{ flex: 1 }}
        autoComplete="new-password"
        visible={visible}
        onVisibilityChange={setVisible}
      />
      <Button
        variant="default"
        onClick={() => {
          props.onChange(randomPassword());
          setVisible(true);
        }}
      >
        {t("accounts.generate")}
      </Button>
    </Group>
  );
}
