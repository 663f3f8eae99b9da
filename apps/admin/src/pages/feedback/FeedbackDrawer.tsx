// A work entry's feedback thread in a drawer beside the page it is opened from (the work log, the
// entries to confirm, the inbox), with the entry it is about at the top.
import { Badge, Drawer, Group, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FeedbackThread } from "../../components/FeedbackThread";
import { PeriodMark } from "../../components/PeriodMark";
import { currentLanguage } from "../../i18n";
import { formatCount } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { ENTRY_COLORS } from "../plan/planStatus";

/** The work entry a thread is about: what was done, when, against which IKI. */
export function EntrySummary(props: { workEntryId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const entry = useQuery(trpc.workEntry.get.queryOptions({ regionId, id: props.workEntryId }));
  if (entry.isPending) return <Text size="sm" c="dimmed">{t("common.loading")}</Text>;
  if (entry.error) return <Text size="sm" c="dimmed">{t("feedback.entryHidden")}</Text>;
  const e = entry.data;
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <Text size="sm" fw={600}>{e.description}</Text>
        <Badge size="xs" color={ENTRY_COLORS[e.status]}>{t(`work.state.${e.status}`)}</Badge>
        <PeriodMark periodLabel={e.periodLabel} />
      </Group>
      <Text size="xs" c="dimmed">
        {e.workDate} · {e.ikiText} · {formatCount(e.quantity, lang)} {e.satuan}
      </Text>
    </Stack>
  );
}

/** The thread of an entry, closed to new messages once the entry's cycle is final. */
function Thread(props: { workEntryId: string; assessorNip?: string | null; defaultKind?: "request" | "feedback" }) {
  const trpc = useTRPC();
  const regionId = useRegionId();
  const entry = useQuery(trpc.workEntry.get.queryOptions({ regionId, id: props.workEntryId }));
  const cycle = useQuery({ ...trpc.cycle.get.queryOptions({ regionId, id: entry.data?.cycleId ?? "" }), enabled: Boolean(entry.data) });
  return (
    <FeedbackThread workEntryId={props.workEntryId} assessorNip={props.assessorNip} defaultKind={props.defaultKind} closed={cycle.data?.status === "finalised"} />
  );
}

/** A work entry's thread beside the page: the entry at the top, then the messages and the form. */
export function FeedbackDrawer(props: { workEntryId: string | null; onClose(): void; assessorNip?: string | null; defaultKind?: "request" | "feedback" }) {
  const { t } = useTranslation();
  return (
    <Drawer opened={props.workEntryId !== null} onClose={props.onClose} position="right" size="lg" title={t("feedback.threadTitle")}>
      {props.workEntryId && (
        <Stack>
          <EntrySummary workEntryId={props.workEntryId} />
          <Thread workEntryId={props.workEntryId} assessorNip={props.assessorNip} defaultKind={props.defaultKind} />
        </Stack>
      )}
    </Drawer>
  );
}
