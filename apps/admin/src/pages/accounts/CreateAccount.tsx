// Making one account (account.create): an admin signs in with an e-mail; an assessor or an employee with
// the NIP of one of the region's employees, whose name comes from the employee record. The dialog shows the
// sign-in and first password to pass on once made. Loaded when "Akun baru" is first pressed.
import { Button, Group, Modal, SegmentedControl, Stack, Table, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmployeeSelect } from "../../components/EmployeePicker";
import { errorMessage } from "../../lib/errors";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { EMAIL, loginOf, MIN_PASSWORD, PasswordField } from "./credentials";

type NewAccount = RouterOutputs["account"]["create"];
type NewRole = "admin" | "assessor" | "employee";

function CreateAccountForm(props: { onDone(account: NewAccount, password: string): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.account.create.mutationOptions());
  const [employeeLabel, setEmployeeLabel] = useState<string | undefined>(undefined);
  const form = useForm({
    initialValues: { role: "employee" as NewRole, name: "", email: "", nip: null as string | null, password: "" },
    validate: {
      name: (v, values) => (values.role === "admin" && !v.trim() ? t("accounts.nameRequired") : null),
      email: (v, values) => (values.role === "admin" ? (EMAIL.test(v.trim()) ? null : t("accounts.emailInvalid")) : v.trim() && !EMAIL.test(v.trim()) ? t("accounts.emailInvalid") : null),
      nip: (v, values) => (values.role !== "admin" && !v ? t("accounts.nipRequired") : null),
      password: (v) => (v.length >= MIN_PASSWORD ? null : t("accounts.passwordShort", { min: MIN_PASSWORD })),
    },
  });
  const { role } = form.values;
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        try {
          const account = await create.mutateAsync({
            regionId,
            role: values.role,
            password: values.password,
            ...(values.role === "admin"
              ? { name: values.name.trim(), email: values.email.trim() }
              : { nip: values.nip ?? "", ...(values.email.trim() ? { email: values.email.trim() } : {}) }),
          });
          await queryClient.invalidateQueries({ queryKey: trpc.account.list.queryKey({ regionId }) });
          props.onDone(account, values.password);
        } catch (error) {
          notifications.show({ color: "red", title: t("accounts.notCreated"), message: errorMessage(error, t), autoClose: false });
        }
      })}
    >
      <Stack>
        <SegmentedControl
          fullWidth
          aria-label={t("accounts.role")}
          data={(["employee", "assessor", "admin"] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          {...form.getInputProps("role")}
        />
        <Text size="sm" c="dimmed">{role === "admin" ? t("accounts.adminHelp") : t("accounts.nipHelp")}</Text>
        {role === "admin" ? (
          <>
            <TextInput label={t("accounts.name")} required {...form.getInputProps("name")} />
            <TextInput label={t("accounts.email")} type="email" required autoComplete="off" {...form.getInputProps("email")} />
          </>
        ) : (
          <>
            <EmployeeSelect
              label={t("accounts.employee")}
              description={t("accounts.employeeHelp")}
              valueKey="nip"
              required
              value={form.values.nip}
              valueLabel={employeeLabel}
              onChange={(nip, e) => {
                form.setFieldValue("nip", nip);
                setEmployeeLabel(e ? `${e.nama} · ${e.nip}` : undefined);
              }}
              error={form.errors.nip}
              data-testid="account-employee"
            />
            <TextInput label={t("accounts.emailOptional")} type="email" autoComplete="off" {...form.getInputProps("email")} />
          </>
        )}
        <PasswordField value={form.values.password} error={form.errors.password as string | undefined} onChange={(v) => form.setFieldValue("password", v)} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t("accounts.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Created(props: { account: NewAccount; password: string; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid="account-created">
      <Text>{t("accounts.created", { name: props.account.name })}</Text>
      <Table withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={160}>{t("accounts.login")}</Table.Th>
            <Table.Td className="mono">{loginOf(props.account)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t("accounts.password")}</Table.Th>
            <Table.Td className="mono">{props.password}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed">{t("accounts.passOn")}</Text>
      <Group justify="flex-end">
        <Button onClick={props.onClose}>{t("accounts.done")}</Button>
      </Group>
    </Stack>
  );
}

export function CreateAccountDialog(props: { onClose(): void }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<{ account: NewAccount; password: string } | null>(null);
  return (
    <Modal opened onClose={props.onClose} title={t("accounts.new")} size="lg">
      {created ? (
        <Created account={created.account} password={created.password} onClose={props.onClose} />
      ) : (
        <CreateAccountForm onDone={(account, password) => setCreated({ account, password })} />
      )}
    </Modal>
  );
}
