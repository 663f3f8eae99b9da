// A national operator works in one region at a time: this asks which, before any regional screen, and
// starts a new region when the one needed is not there yet.
import { Button, Card, Group, SimpleGrid, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../components/States";
import { Modal } from "../components/LazyModal";
import { currentLanguage } from "../i18n";
import { formatCount } from "../lib/format";
import { useSession } from "../lib/session";
import { useTRPC } from "../lib/trpc";

// The new region's form loads when it is first asked for.
const CreateRegionForm = lazy(() => import("./regions/CreateRegionForm").then((module) => ({ default: module.CreateRegionForm })));

export function ChooseRegionPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { setRegionId } = useSession();
  const regions = useQuery(trpc.region.list.queryOptions());
  const lang = currentLanguage();
  const [creating, setCreating] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("chooseRegion.title")}</Title>
        <Button variant="light" onClick={() => setCreating(true)}>{t("regions.new")}</Button>
      </Group>
      <Text c="dimmed">{t("chooseRegion.intro")}</Text>
      {regions.isPending && <Loading />}
      {regions.error && <ErrorState error={regions.error} onRetry={() => void regions.refetch()} />}
      {regions.data?.length === 0 && <EmptyState title={t("chooseRegion.none")} />}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {regions.data?.map((region) => (
          <UnstyledButton key={region.id} onClick={() => setRegionId(region.id)} aria-label={region.name}>
            <Card withBorder padding="lg">
              <Text fw={600}>{region.name}</Text>
              <Text size="sm" c="dimmed">
                {t("chooseRegion.counts", { employees: formatCount(region.employees, lang), units: formatCount(region.units, lang) })}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t("regions.new")} size="lg">
        <Suspense fallback={<Loading rows={4} />}>{creating && <CreateRegionForm onDone={() => setCreating(false)} />}</Suspense>
      </Modal>
    </Stack>
  );
}

export default ChooseRegionPage;
