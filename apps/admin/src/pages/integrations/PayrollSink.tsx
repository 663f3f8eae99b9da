// The payroll connector's file: a cycle chosen, its TPP sheet downloaded as XLSX or CSV in the mapping's columns.
import { Alert, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Select } from "../../components/LazySelect";
import { connectorExport } from "../../lib/downloads";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import type { ConnectorView } from "./IntegrationsPage";

export function PayrollSink(props: { connector: ConnectorView }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const cycles = useQuery(trpc.cycle.list.queryOptions({ regionId }));
  const [cycleId, setCycleId] = useState<string | null>(null);
  const chosen = cycleId ?? cycles.data?.[0]?.id ?? null;
  return (
    <Stack gap="sm">
      <Title order={4} size="h5">
        {t("integrations.payroll.title")}
      </Title>
      <Text size="xs" c="dimmed">
        {t("integrations.payroll.help")}
      </Text>
      {!props.connector.enabled && <Alert color="yellow">{t("integrations.payroll.disabled")}</Alert>}
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t("integrations.payroll.cycle")}
          data={(cycles.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.periodLabel})` }))}
          value={chosen}
          onChange={setCycleId}
          allowDeselect={false}
          w={{ base: "100%", xs: 360 }}
        />
        {(["xlsx", "csv"] as const).map((format) => (
          <Button
            key={format}
            component="a"
            href={chosen && props.connector.enabled ? connectorExport("payroll", chosen, format, regionId) : undefined}
            download
            disabled={!chosen || !props.connector.enabled}
            variant={format === "xlsx" ? "filled" : "default"}
            onClick={() => setTimeout(() => void queryClient.invalidateQueries({ queryKey: trpc.connector.runs.pathKey() }), 1000)}
          >
            {t("integrations.payroll.download", { format: format.toUpperCase() })}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
