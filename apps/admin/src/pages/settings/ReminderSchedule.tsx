// When raters still owing an assessment sheet are reminded (notification.schedule): days before and after
// each deadline, whole numbers from 1 to 60, kept for the whole region.
import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";

type Schedule = RouterOutputs["notification"]["schedule"];

/** "3, 1" → [3, 1]; null when a part is not a whole number from 1 to 60. */
export function parseDays(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== "");
  const days = parts.map(Number);
  return days.every((day) => Number.isInteger(day) && day >= 1 && day <= 60) ? days : null;
}

function ScheduleForm(props: { schedule: Schedule }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [before, setBefore] = useState(props.schedule.daysBefore.join(", "));
  const [after, setAfter] = useState(props.schedule.daysAfter.join(", "));
  const [touched, setTouched] = useState(false);
  const save = useMutation(trpc.notification.setSchedule.mutationOptions());
  const daysBefore = parseDays(before);
  const daysAfter = parseDays(after);

  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setTouched(true);
        if (!daysBefore || !daysAfter) return;
        try {
          const saved = await save.mutateAsync({ daysBefore, daysAfter });
          queryClient.setQueryData(trpc.notification.schedule.queryKey(), saved);
          setBefore(saved.daysBefore.join(", "));
          setAfter(saved.daysAfter.join(", "));
          notifications.show({ color: "teal", message: t("settings.schedule.saved") });
        } catch (error) {
          notifyError({ title: t("settings.schedule.notSaved"), message: errorMessage(error, t) });
        }
      }}
    >
      <Stack maw={520}>
        <TextInput
          label={t("settings.schedule.before")}
          description={t("settings.schedule.daysHelp")}
          value={before}
          error={touched && !daysBefore ? t("settings.schedule.invalid") : undefined}
          onChange={(event) => setBefore(event.currentTarget.value)}
        />
        <TextInput
          label={t("settings.schedule.after")}
          description={t("settings.schedule.daysHelp")}
          value={after}
          error={touched && !daysAfter ? t("settings.schedule.invalid") : undefined}
          onChange={(event) => setAfter(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function ReminderSchedule() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const schedule = useQuery(trpc.notification.schedule.queryOptions());
  return (
    <Stack>
      <Text size="sm" c="dimmed" maw={760}>
        {t("settings.schedule.help")}
      </Text>
      {schedule.isPending && <Loading rows={2} />}
      {schedule.error && <ErrorState error={schedule.error} onRetry={() => void schedule.refetch()} />}
      {schedule.data && <ScheduleForm schedule={schedule.data} />}
    </Stack>
  );
}
