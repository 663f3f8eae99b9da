// The national operator's regions (region.list), switching to one, and a new region with its first admin,
// who signs in with the e-mail and takes the region through its first steps (rules, people, a cycle).
import { Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { Modal } from "../../components/LazyModal";
import { currentLanguage } from "../../i18n";
import { formatCount, formatDateTime } from "../../lib/format";
import { useSession } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

// The new region's form loads when it is first asked for.
const CreateRegionForm = lazy(() => import("./CreateRegionForm").then((module) => ({ default: module.CreateRegionForm })));

export default function RegionsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { regionId, setRegionId } = useSession();
  const lang = currentLanguage();
  const regions = useQuery(trpc.region.list.queryOptions());
  const [creating, setCreating] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("regions.title")}</Title>
        <Button onClick={() => setCreating(true)}>{t("regions.new")}</Button>
      </Group>
      <Text c="dimmed">{t("regions.intro")}</Text>
      {regions.isPending && <Loading rows={4} />}
      {regions.error && <ErrorState error={regions.error} onRetry={() => void regions.refetch()} />}
      {regions.data?.length === 0 && <EmptyState title={t("chooseRegion.none")} />}
      {regions.data && regions.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="region-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("regions.name")}</Table.Th>
                <Table.Th>{t("regions.id")}</Table.Th>
                <Table.Th ta="right">{t("dashboard.employees")}</Table.Th>
                <Table.Th ta="right">{t("dashboard.unitCount")}</Table.Th>
                <Table.Th>{t("regions.createdAt")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {regions.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td className="mono">{r.id}</Table.Td>
                  <Table.Td ta="right" className="tabular">{formatCount(r.employees, lang)}</Table.Td>
                  <Table.Td ta="right" className="tabular">{formatCount(r.units, lang)}</Table.Td>
                  <Table.Td>{formatDateTime(r.createdAt, lang)}</Table.Td>
                  <Table.Td>
                    {r.id === regionId ? (
                      <Text size="xs" c="dimmed">{t("regions.current")}</Text>
                    ) : (
                      <Button size="compact-xs" variant="light" onClick={() => setRegionId(r.id)} aria-label={t("regions.switchTo", { name: r.name })}>
                        {t("regions.switch")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("regions.new")} size="lg">
        <Suspense fallback={<Loading rows={4} />}>{creating && <CreateRegionForm onDone={() => setCreating(false)} />}</Suspense>
      </Modal>
    </Stack>
  );
}
