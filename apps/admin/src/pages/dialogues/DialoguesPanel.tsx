// Performance dialogue (dialog kinerja): the coaching conversations of an employee in a cycle, in the
// order they were held (dialogue.listForEmployee), recording one (dialogue.record: date, topic, the
// actions agreed, notes), and the employee's rating of how useful it was, 1–5 with a comment
// (dialogue.rate). The same list stands beside the employee's result as evidence.
import { ActionIcon, Badge, Button, Card, Group, List, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ChoiceScale } from "../../components/ChoiceScale";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { PeriodMark } from "../../components/PeriodMark";
import { Modal } from "../../components/LazyModal";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { formatScore } from "../../lib/format";
import { defaultDay, periodRange } from "../../lib/periods";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";

type Dialogue = RouterOutputs["dialogue"]["listForEmployee"]["items"][number];
export const USEFULNESS = [1, 2, 3, 4, 5] as const;

function useDialogues(cycleId: string, employeeId: string) {
  const trpc = useTRPC();
  const regionId = useRegionId();
  return useInfiniteQuery(trpc.dialogue.listForEmployee.infiniteQueryOptions({ regionId, cycleId, employeeId, limit: 50 }, { getNextPageParam: (p) => p.nextCursor }));
}

function RecordForm(props: { cycleId: string; employeeId: string; periodLabel: string; onDone(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const record = useMutation(trpc.dialogue.record.mutationOptions());
  const range = periodRange(props.periodLabel);
  const [heldOn, setHeldOn] = useState(() => defaultDay(props.periodLabel));
  const [topic, setTopic] = useState("");
  const [actions, setActions] = useState<string[]>([""]);
  const [notes, setNotes] = useState("");
  const agreed = actions.map((a) => a.trim()).filter(Boolean);
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await record.mutateAsync({ regionId, cycleId: props.cycleId, employeeId: props.employeeId, heldOn, topic: topic.trim(), agreedActions: agreed, ...(notes.trim() ? { notes: notes.trim() } : {}) });
          await queryClient.invalidateQueries({ queryKey: trpc.dialogue.pathKey() });
          notifications.show({ color: "teal", message: t("dialogue.recorded") });
          props.onDone();
        } catch (error) {
          notifyError({ title: t("dialogue.notRecorded"), message: errorMessage(error, t) });
        }
      }}
    >
      <Stack>
        <Group grow align="flex-start">
          <TextInput type="date" label={t("dialogue.heldOn")} value={heldOn} min={range?.start} max={range?.end} onChange={(e) => setHeldOn(e.currentTarget.value)} required />
          <TextInput label={t("dialogue.topic")} value={topic} maxLength={500} onChange={(e) => setTopic(e.currentTarget.value)} required />
        </Group>
        <Stack gap={6}>
          <Text size="sm" fw={500}>{t("dialogue.actions")}</Text>
          <Text size="xs" c="dimmed">{t("dialogue.actionsHelp")}</Text>
          {actions.map((action, i) => (
            <Group key={i} gap="xs" wrap="nowrap">
              <TextInput
                aria-label={t("dialogue.actionN", { n: i + 1 })}
                value={action}
                maxLength={1000}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setActions((list) => list.map((a, j) => (j === i ? value : a)));
                }}
                style={{ flex: 1 }}
              />
              {actions.length > 1 && (
                <ActionIcon variant="subtle" color="gray" aria-label={t("dialogue.removeAction", { n: i + 1 })} onClick={() => setActions((list) => list.filter((_, j) => j !== i))}>
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
          {actions.length < 20 && (
            <Group>
              <Button size="xs" variant="subtle" onClick={() => setActions((list) => [...list, ""])}>
                {t("dialogue.addAction")}
              </Button>
            </Group>
          )}
        </Stack>
        <Textarea label={t("dialogue.notes")} autosize minRows={3} maxLength={4000} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending} disabled={!topic.trim() || !heldOn}>
            {t("dialogue.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RateForm(props: { dialogue: Dialogue; onDone(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const rate = useMutation(trpc.dialogue.rate.mutationOptions());
  const [usefulness, setUsefulness] = useState<string>(props.dialogue.usefulness ? String(props.dialogue.usefulness) : "");
  const [comment, setComment] = useState(props.dialogue.usefulnessComment ?? "");
  return (
    <Stack gap="xs">
      <ChoiceScale
        label={t("dialogue.usefulness")}
        description={usefulness ? t(`dialogue.scale.${usefulness}`) : t("dialogue.scaleHelp")}
        choices={[...USEFULNESS]}
        value={usefulness ? Number(usefulness) : undefined}
        onChange={(value) => setUsefulness(String(value))}
      />
      <Textarea label={t("dialogue.usefulnessComment")} autosize minRows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" size="xs" onClick={props.onDone}>{t("common.cancel")}</Button>
        <Button
          size="xs"
          disabled={!usefulness}
          loading={rate.isPending}
          onClick={async () => {
            try {
              await rate.mutateAsync({ regionId, id: props.dialogue.id, usefulness: Number(usefulness), ...(comment.trim() ? { comment: comment.trim() } : {}) });
              await queryClient.invalidateQueries({ queryKey: trpc.dialogue.pathKey() });
              notifications.show({ color: "teal", message: t("dialogue.rated") });
              props.onDone();
            } catch (error) {
              notifyError({ message: errorMessage(error, t) });
            }
          }}
        >
          {t("dialogue.saveRating")}
        </Button>
      </Group>
    </Stack>
  );
}

export function DialogueCard(props: { dialogue: Dialogue; canRate: boolean; viewCycleId?: string }) {
  const { t } = useTranslation();
  const [rating, setRating] = useState(false);
  const d = props.dialogue;
  return (
    <Card withBorder padding="md" component="article" aria-label={t("dialogue.cardLabel", { date: d.heldOn, topic: d.topic })}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Group gap={6}>
              <Text size="xs" c="dimmed" className="tabular">{d.heldOn}</Text>
              <PeriodMark periodLabel={d.periodLabel} cycleId={d.cycleId} viewCycleId={props.viewCycleId} />
            </Group>
            <Text fw={600}>{d.topic}</Text>
          </div>
          {d.usefulness !== null ? (
            <Badge color="teal" variant="light" data-testid="dialogue-usefulness">{t("dialogue.usefulnessBadge", { value: d.usefulness })}</Badge>
          ) : (
            <Badge color="gray" variant="light">{t("dialogue.notRated")}</Badge>
          )}
        </Group>
        {d.agreedActions.length > 0 && (
          <div>
            <Text size="sm" fw={500}>{t("dialogue.actions")}</Text>
            <List size="sm" spacing={2}>
              {d.agreedActions.map((a, i) => (
                <List.Item key={i}>{a}</List.Item>
              ))}
            </List>
          </div>
        )}
        {d.notes && <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{d.notes}</Text>}
        {d.usefulnessComment && (
          <Text size="sm" c="dimmed" fs="italic">
            “{d.usefulnessComment}”
          </Text>
        )}
        <Text size="xs" c="dimmed">{t("dialogue.recordedBy", { name: d.recordedBy })}</Text>
        {props.canRate &&
          (rating ? (
            <RateForm dialogue={d} onDone={() => setRating(false)} />
          ) : (
            <Group>
              <Button size="xs" variant="light" onClick={() => setRating(true)}>
                {d.usefulness === null ? t("dialogue.rate") : t("dialogue.changeRating")}
              </Button>
            </Group>
          ))}
      </Stack>
    </Card>
  );
}

function Summary(props: { summary: { count: number; rated: number; meanUsefulness: number | null } }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { count, rated, meanUsefulness } = props.summary;
  return (
    <Text size="sm" data-testid="dialogue-summary">
      {t("dialogue.summary", { count, rated })}
      {meanUsefulness !== null && ` · ${t("dialogue.mean", { value: formatScore(meanUsefulness, lang) })}`}
    </Text>
  );
}

export function DialoguesPanel(props: { cycleId: string; employeeId: string; employeeName: string; periodLabel: string; canRecord: boolean; canRate: boolean }) {
  const { t } = useTranslation();
  const list = useDialogues(props.cycleId, props.employeeId);
  const [recording, setRecording] = useState(false);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const summary = list.data?.pages[0]?.summary;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3} size="h4">{t("dialogue.of", { name: props.employeeName })}</Title>
          {summary && <Summary summary={summary} />}
        </div>
        {props.canRecord && <Button onClick={() => setRecording(true)}>{t("dialogue.new")}</Button>}
      </Group>
      {list.isPending && <Loading rows={4} />}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && items.length === 0 && (
        <EmptyState title={t("dialogue.none")}>{props.canRecord ? t("dialogue.noneHelp") : t("dialogue.noneHelpReader")}</EmptyState>
      )}
      {items.map((d) => (
        <DialogueCard key={d.id} dialogue={d} canRate={props.canRate} viewCycleId={props.cycleId} />
      ))}
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t("common.loadMore")}
          </Button>
        </Group>
      )}
      <Modal opened={recording} onClose={() => setRecording(false)} title={t("dialogue.newTitle", { name: props.employeeName })} size="lg">
        {recording && <RecordForm cycleId={props.cycleId} employeeId={props.employeeId} periodLabel={props.periodLabel} onDone={() => setRecording(false)} />}
      </Modal>
    </Stack>
  );
}

/** The dialogues beside a result: evidence the evaluation may weigh, read-only. */
export function DialogueEvidence(props: { cycleId: string; employeeId: string }) {
  const { t } = useTranslation();
  const list = useDialogues(props.cycleId, props.employeeId);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const summary = list.data?.pages[0]?.summary;
  if (list.error) return null;
  return (
    <Card withBorder padding="md" data-testid="dialogue-evidence">
      <Stack gap="xs">
        <Title order={3} size="h5">{t("dialogue.evidence")}</Title>
        {list.isPending && <Loading rows={2} />}
        {summary && items.length > 0 && <Summary summary={summary} />}
        {list.data && items.length === 0 && <Text size="sm" c="dimmed">{t("dialogue.noneEvidence")}</Text>}
        {items.map((d) => (
          <Group key={d.id} gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" c="dimmed" className="tabular" w={96} style={{ flexShrink: 0 }}>{d.heldOn}</Text>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Text size="sm" fw={500}>{d.topic}</Text>
              <PeriodMark periodLabel={d.periodLabel} cycleId={d.cycleId} viewCycleId={props.cycleId} />
              {d.agreedActions.length > 0 && <Text size="xs" c="dimmed">{t("dialogue.actionsList", { list: d.agreedActions.join("; ") })}</Text>}
            </div>
            {d.usefulness !== null && <Badge size="sm" variant="light" color="teal">{t("dialogue.usefulnessBadge", { value: d.usefulness })}</Badge>}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
