// A national operator works in one region at a time: this asks which, before any regional screen.
import { Card, SimpleGrid, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../components/States";
import { currentLanguage } from "../i18n";
import { formatCount } from "../lib/format";
import { useSession } from "../lib/session";
import { useTRPC } from "../lib/trpc";

export function ChooseRegionPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { setRegionId } = useSession();
  const regions = useQuery(trpc.region.list.queryOptions());
  const lang = currentLanguage();
  return (
    <Stack>
      <Title order={2}>{t("chooseRegion.title")}</Title>
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
    </Stack>
  );
}
