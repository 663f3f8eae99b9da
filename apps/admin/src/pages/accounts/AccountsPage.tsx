// The region's sign-ins (account.list, never passwords) with whether each may sign in, what an admin does
// to one (AccountActions), and creating one (account.create): an admin signs in with an e-mail; an
// assessor or an employee with the NIP of one of the region's employees, whose name comes from the
// employee record. There is no self sign-up: whoever creates the account passes the first password on.
import { Badge, Box, Button, Group, Modal, SegmentedControl, Stack, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmployeeSelect } from "../../components/EmployeePicker";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import type { Role } from "../../lib/auth";
import { errorMessage } from "../../lib/errors";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { AccountActions, AccountStatus } from "./AccountActions";
import { EMAIL, MIN_PASSWORD, PasswordField } from "./credentials";

type Account = RouterOutputs["account"]["list"][number];
type NewAccount = RouterOutputs["account"]["create"];
type NewRole = "admin" | "assessor" | "employee";
const ROLE_COLORS: Record<Role, string> = { operator: "dark", admin: "blue", assessor: "violet", employee: "teal" };
const NIP_MAIL = /@nip\.kinerja\.invalid$/;
/** What the person types to sign in: the NIP, or the e-mail. */
export function loginOf(account: Pick<Account, "email" | "username">): string {
  return account.username ?? account.email;
}

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

export default function AccountsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const accounts = useQuery(trpc.account.list.queryOptions({ regionId }));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ account: NewAccount; password: string } | null>(null);
  const [role, setRole] = useState<string>("all");
  const [search, setSearch] = useState("");
  const text = search.trim().toLowerCase();
  const rows = (accounts.data ?? []).filter(
    (a) => (role === "all" || a.role === role) && (!text || `${a.name} ${loginOf(a)}`.toLowerCase().includes(text)),
  );
  const close = () => {
    setCreating(false);
    setCreated(null);
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("accounts.title")}</Title>
        <Button onClick={() => setCreating(true)}>{t("accounts.new")}</Button>
      </Group>
      <Text c="dimmed">{t("accounts.intro")}</Text>
      <Group align="flex-end">
        <TextInput type="search" label={t("accounts.search")} placeholder={t("accounts.searchPlaceholder")} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={{ base: "100%", xs: 300 }} />
        {/* On a phone the role filter scrolls sideways by itself rather than widening the page. */}
        <Box maw="100%" style={{ overflowX: "auto" }}>
          <SegmentedControl
            aria-label={t("accounts.role")}
            value={role}
            onChange={setRole}
            data={[{ value: "all", label: t("results.all") }, ...(["admin", "assessor", "employee"] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
          />
        </Box>
      </Group>
      {accounts.isPending && <Loading rows={6} />}
      {accounts.error && <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />}
      {accounts.data && rows.length === 0 && (
        <EmptyState title={accounts.data.length === 0 ? t("accounts.none") : t("results.noMatch")}>
          {accounts.data.length === 0 ? t("accounts.noneHelp") : t("results.noMatchHelp")}
        </EmptyState>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={300}>
          <Table striped data-testid="account-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("accounts.name")}</Table.Th>
                <Table.Th visibleFrom="sm">{t("accounts.role")}</Table.Th>
                <Table.Th visibleFrom="md">{t("accounts.login")}</Table.Th>
                <Table.Th visibleFrom="lg">{t("accounts.email")}</Table.Th>
                <Table.Th visibleFrom="sm">{t("accounts.status.label")}</Table.Th>
                <Table.Th visibleFrom="sm">{t("accounts.sessions")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("accounts.actions.label")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((a) => (
                <Table.Tr key={a.id} data-testid={`account-${a.id}`}>
                  <Table.Td>
                    {a.name}
                    {/* On narrower screens the login and the status stand under the name instead of in columns of their own. */}
                    <Text size="xs" c="dimmed" className="mono" hiddenFrom="md">
                      {loginOf(a)}
                    </Text>
                    <Box hiddenFrom="sm" mt={4}>
                      <AccountStatus account={a} />
                    </Box>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Badge variant="light" color={ROLE_COLORS[a.role]} miw="max-content">
                      {t(`roles.${a.role}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="mono" visibleFrom="md">{loginOf(a)}</Table.Td>
                  <Table.Td visibleFrom="lg">{NIP_MAIL.test(a.email) ? "–" : a.email}</Table.Td>
                  <Table.Td data-testid="account-status" visibleFrom="sm">
                    <AccountStatus account={a} />
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{a.activeSessions}</Table.Td>
                  <Table.Td ta="right">
                    <AccountActions account={a} login={loginOf(a)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={creating} onClose={close} title={t("accounts.new")} size="lg">
        {created ? (
          <Created account={created.account} password={created.password} onClose={close} />
        ) : (
          creating && <CreateAccountForm onDone={(account, password) => setCreated({ account, password })} />
        )}
      </Modal>
    </Stack>
  );
}
