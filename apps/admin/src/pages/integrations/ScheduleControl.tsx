// A connector's schedule in the region: a source that fetches its own input runs unattended every so often
// from a time of day (WIB); the server's background loop starts each due run and records it like a manual
// one. A file source has nothing to fetch: the card says so instead of offering a schedule.
import { Alert, Button, Group, Stack, Switch, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Select } from "../../components/LazySelect";
import { errorMessage } from "../../lib/errors";
import { formatDateTimeWib } from "../../lib/format";
import { currentLanguage } from "../../i18n";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import type { ConnectorView } from "./IntegrationsPage";

const INTERVALS = [60, 180, 360, 720, 1440, 10080] as const;

export function ScheduleControl(props: { connector: ConnectorView }) {
  const { t } = useTranslation();
  const { connector } = props;
  if (connector.kind !== "source") return null;
  if (!connector.unattended) {
    return (
      <Text size="xs" c="dimmed" data-testid={`schedule-none-${connector.name}`}>
        {t("integrations.schedule.fileSource")}
      </Text>
    );
  }
  return <ScheduleForm connector={connector} />;
}

function ScheduleForm(props: { connector: ConnectorView }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const schedules = useQuery(trpc.connector.schedules.queryOptions({ regionId }));
  const saved = schedules.data?.find((s) => s.name === props.connector.name);
  const lang = currentLanguage();
  const [draft, setDraft] = useState<{ on: boolean; everyMinutes: number; anchor: string } | null>(null);
  const shown = draft ?? { on: saved?.on ?? false, everyMinutes: saved?.everyMinutes ?? 1440, anchor: saved?.anchor ?? "02:00" };
  const save = useMutation(
    trpc.connector.setSchedule.mutationOptions({
      onSuccess: async () => {
        setDraft(null);
        notifications.show({ color: "green", message: t("integrations.schedule.saved") });
        await queryClient.invalidateQueries({ queryKey: trpc.connector.schedules.queryKey({ regionId }) });
      },
    }),
  );
  return (
    <Stack gap="xs" data-testid={`schedule-${props.connector.name}`}>
      <Text fw={600} size="sm">
        {t("integrations.schedule.title")}
      </Text>
      {!props.connector.enabled && <Alert color="yellow">{t("integrations.schedule.disabled")}</Alert>}
      <Group align="flex-end" wrap="wrap">
        <Switch label={t("integrations.schedule.on")} checked={shown.on} onChange={(e) => setDraft({ ...shown, on: e.currentTarget.checked })} />
        <Select
          label={t("integrations.schedule.every")}
          data={INTERVALS.map((m) => ({ value: String(m), label: t(`integrations.schedule.intervals.${m}`) }))}
          value={String(shown.everyMinutes)}
          onChange={(v) => v && setDraft({ ...shown, everyMinutes: Number(v) })}
          allowDeselect={false}
          w={{ base: "100%", xs: 200 }}
        />
        <TextInput
          label={t("integrations.schedule.anchor")}
          type="time"
          value={shown.anchor}
          onChange={(e) => setDraft({ ...shown, anchor: e.currentTarget.value })}
          w={{ base: "100%", xs: 170 }}
        />
        <Button size="xs" loading={save.isPending} onClick={() => save.mutate({ regionId, name: props.connector.name, ...shown })}>
          {t("integrations.schedule.save")}
        </Button>
      </Group>
      {save.error && <Alert color="red">{errorMessage(save.error, t)}</Alert>}
      <Text size="xs" c="dimmed">
        {saved?.nextRunAt ? t("integrations.schedule.next", { at: formatDateTimeWib(saved.nextRunAt, lang) }) : t("integrations.schedule.off")}
        {saved?.lastRunAt ? ` · ${t("integrations.schedule.last", { at: formatDateTimeWib(saved.lastRunAt, lang) })}` : ""}
      </Text>
    </Stack>
  );
}
