// A new region with its first admin (region.create): the name, the code the region is known by (suggested
// from the name), and the admin who signs in with the e-mail and the first password.
import { Button, Group, Stack, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { useTRPC } from "../../lib/trpc";
import { EMAIL, MIN_PASSWORD, PasswordField } from "../accounts/credentials";

/** The id the server accepts: lower-case letters, digits and -, starting with a letter (kota-binjai). */
export const REGION_ID = /^[a-z][a-z0-9-]{1,39}$/;

/** An id suggested from the region's name: "Kota Tebing Tinggi" → "kota-tebing-tinggi". */
export function regionIdFrom(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "")
    .slice(0, 40);
}

export function CreateRegionForm(props: { onDone(region: { id: string; name: string }): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.region.create.mutationOptions());
  const [idEdited, setIdEdited] = useState(false);
  const form = useForm({
    initialValues: { name: "", id: "", adminName: "", adminEmail: "", password: "" },
    validate: {
      name: (v) => (v.trim().length >= 3 ? null : t("regions.nameShort")),
      id: (v) => (REGION_ID.test(v) ? null : t("regions.idInvalid")),
      adminName: (v) => (v.trim() ? null : t("accounts.nameRequired")),
      adminEmail: (v) => (EMAIL.test(v.trim()) ? null : t("accounts.emailInvalid")),
      password: (v) => (v.length >= MIN_PASSWORD ? null : t("accounts.passwordShort", { min: MIN_PASSWORD })),
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        try {
          const { region } = await create.mutateAsync({
            id: values.id,
            name: values.name.trim(),
            admin: { name: values.adminName.trim(), email: values.adminEmail.trim(), password: values.password },
          });
          await queryClient.invalidateQueries({ queryKey: trpc.region.list.queryKey() });
          notifications.show({ color: "teal", message: t("regions.created", { name: region.name, email: values.adminEmail.trim() }), autoClose: 10_000 });
          props.onDone(region);
        } catch (error) {
          notifyError({ title: t("regions.notCreated"), message: errorMessage(error, t) });
        }
      })}
    >
      <Stack>
        <TextInput
          label={t("regions.name")}
          description={t("regions.nameHelp")}
          required
          {...form.getInputProps("name")}
          onChange={(e) => {
            const name = e.currentTarget.value;
            form.setFieldValue("name", name);
            if (!idEdited) form.setFieldValue("id", regionIdFrom(name));
          }}
        />
        <TextInput
          label={t("regions.id")}
          description={t("regions.idHelp")}
          required
          classNames={{ input: "mono" }}
          {...form.getInputProps("id")}
          onChange={(e) => {
            setIdEdited(true);
            form.setFieldValue("id", e.currentTarget.value);
          }}
        />
        <Title order={3} size="h6">{t("regions.firstAdmin")}</Title>
        <Group grow align="flex-start">
          <TextInput label={t("accounts.name")} required {...form.getInputProps("adminName")} />
          <TextInput label={t("accounts.email")} type="email" required autoComplete="off" {...form.getInputProps("adminEmail")} />
        </Group>
        <PasswordField value={form.values.password} error={form.errors.password as string | undefined} onChange={(v) => form.setFieldValue("password", v)} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t("regions.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
