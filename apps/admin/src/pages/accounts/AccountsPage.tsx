// The region's sign-ins (account.list, never passwords) with whether each may sign in, what an admin does
// to one (AccountActions), and creating one (CreateAccount). There is no self sign-up: whoever creates the
// account passes the first password on, or, for accounts made in bulk (BulkAccounts), the letter with its
// one-time activation code does. Both dialogs load when first opened: the list is what the page opens on.
import { Badge, Box, Button, Group, SegmentedControl, Stack, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { formatCount } from "../../lib/format";
import type { Role } from "../../lib/auth";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { AccountActions, AccountStatus } from "./AccountActions";
import { loginOf } from "./credentials";

const CreateAccountDialog = lazy(() => import("./CreateAccount").then((module) => ({ default: module.CreateAccountDialog })));
/** Rows shown at first, and added by each "show more": a region's thousands of accounts are found by search. */
const PAGE = 100;

const BulkAccountsDialog = lazy(() => import("./BulkAccounts").then((module) => ({ default: module.BulkAccountsDialog })));

const ROLE_COLORS: Record<Role, string> = { operator: "dark", admin: "blue", assessor: "violet", employee: "teal" };
const NIP_MAIL = /@nip\.kinerja\.invalid$/;

export default function AccountsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const accounts = useQuery(trpc.account.list.queryOptions({ regionId }));
  const [creating, setCreating] = useState(false);
  const [bulk, setBulk] = useState(false);
  const [role, setRole] = useState<string>("all");
  const [search, setSearch] = useState("");
  const [shown, setShown] = useState(PAGE);
  const lang = currentLanguage();
  const text = search.trim().toLowerCase();
  const matching = (accounts.data ?? []).filter(
    (a) => (role === "all" || a.role === role) && (!text || `${a.name} ${loginOf(a)}`.toLowerCase().includes(text)),
  );
  const rows = matching.slice(0, shown);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("accounts.title")}</Title>
        <Group gap="xs">
          <Button variant="light" onClick={() => setBulk(true)}>
            {t("accounts.bulk.open")}
          </Button>
          <Button onClick={() => setCreating(true)}>{t("accounts.new")}</Button>
        </Group>
      </Group>
      <Text c="dimmed">{t("accounts.intro")}</Text>
      <Group align="flex-end">
        <TextInput type="search" label={t("accounts.search")} placeholder={t("accounts.searchPlaceholder")} value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setShown(PAGE);
          }} w={{ base: "100%", xs: 300 }} />
        {/* On a phone the role filter scrolls sideways by itself rather than widening the page. */}
        <Box maw="100%" style={{ overflowX: "auto" }}>
          <SegmentedControl
            aria-label={t("accounts.role")}
            value={role}
            onChange={(value) => {
              setRole(value);
              setShown(PAGE);
            }}
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
      {matching.length > PAGE && (
        <Group justify="space-between" data-testid="account-count">
          <Text size="sm" c="dimmed">
            {t("accounts.showing", { shown: formatCount(rows.length, lang), total: formatCount(matching.length, lang) })}
          </Text>
          {rows.length < matching.length && (
            <Button variant="default" size="xs" onClick={() => setShown((n) => n + PAGE)}>
              {t("accounts.showMore", { count: Math.min(PAGE, matching.length - rows.length) })}
            </Button>
          )}
        </Group>
      )}
      <Suspense fallback={null}>
        {bulk && <BulkAccountsDialog onClose={() => setBulk(false)} />}
        {creating && <CreateAccountDialog onClose={() => setCreating(false)} />}
      </Suspense>
    </Stack>
  );
}
