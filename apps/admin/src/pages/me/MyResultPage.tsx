// An employee's own result in each evaluated cycle, and why, in plain sentences, with the written feedback
// and the performance dialogues held.
import { Badge, Button, Card, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Explanation } from "@kinerja/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ExplanationView } from "../../components/ExplanationView";
import { PeriodsUsed } from "../../components/PeriodsUsed";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { hasRole, useRegionId, useSession } from "../../lib/session";
import { AppealDecider } from "../appeals/AppealDecider";
import { APPEAL_COLORS } from "../appeals/AppealsPage";
import { DialogueEvidence } from "../dialogues/DialoguesPanel";
import { useTRPC } from "../../lib/trpc";
import { Select } from "../../components/LazySelect";
import { Modal } from "../../components/LazyModal";

function Appeal(props: { cycleId: string; finalised: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const mine = useQuery(trpc.appeal.mine.queryOptions({ regionId, cycleId: props.cycleId }));
  const submit = useMutation(trpc.appeal.submit.mutationOptions());
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const latest = mine.data?.[0] ?? null;
  if (!props.finalised && !latest) return null;
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Title order={3} size="h5">{t("appeals.mineTitle")}</Title>
        {latest ? (
          <>
            <Group gap="xs">
              <Badge color={APPEAL_COLORS[latest.status]}>{t(`appeals.state.${latest.status}`)}</Badge>
              <Text size="sm">{latest.decisionReason ?? latest.reason}</Text>
            </Group>
            <AppealDecider decider={latest.decider} pending={latest.status === "submitted"} />
          </>
        ) : (
          <Text size="sm" c="dimmed">{t("appeals.mineHelp")}</Text>
        )}
        {!latest && (
          <Group>
            <Button variant="light" onClick={() => setOpen(true)}>{t("appeals.submit")}</Button>
          </Group>
        )}
      </Stack>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("appeals.submit")}>
        <Stack>
          <Textarea label={t("appeals.reason")} description={t("appeals.reasonHelp")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={4} required />
          <Group justify="flex-end">
            <Button
              disabled={!reason.trim()}
              loading={submit.isPending}
              onClick={async () => {
                try {
                  await submit.mutateAsync({ regionId, cycleId: props.cycleId, reason: reason.trim() });
                  setOpen(false);
                  await queryClient.invalidateQueries({ queryKey: trpc.appeal.pathKey() });
                  notifications.show({ color: "teal", message: t("appeals.submitted") });
                } catch (error) {
                  notifyError({ message: errorMessage(error, t) });
                }
              }}
            >
              {t("appeals.send")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function Feedback(props: { cycleId: string; employeeId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const feedback = useQuery(trpc.assessment.feedback.queryOptions({ regionId, cycleId: props.cycleId, employeeId: props.employeeId }));
  const written = (feedback.data ?? []).filter((f) => f.comment.trim());
  if (written.length === 0) return null;
  return (
    <Card withBorder padding="md">
      <Title order={3} size="h5" mb="xs">{t("me.feedback")}</Title>
      <Stack gap="xs">
        {written.map((f, i) => (
          <div key={i}>
            <Badge variant="light" size="sm" tt="none">{f.label}</Badge>
            <Text size="sm">{f.comment}</Text>
          </div>
        ))}
      </Stack>
    </Card>
  );
}

function OwnResult(props: { cycleId: string; finalised: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const { user } = useSession();
  // An assessor's list holds their reports too: find the row of the signed-in person by their NIP.
  const nip = user.username ?? "";
  const mine = useQuery(trpc.result.list.queryOptions({ regionId, cycleId: props.cycleId, search: nip, limit: 5 }));
  const employeeId = mine.data?.items.find((item) => item.nip === nip)?.employeeId ?? null;
  const result = useQuery({ ...trpc.result.get.queryOptions({ regionId, cycleId: props.cycleId, employeeId: employeeId ?? "" }), enabled: employeeId !== null });
  if (mine.error ?? result.error) return <ErrorState error={mine.error ?? result.error} />;
  if (mine.isPending || (employeeId && result.isPending)) return <Loading rows={8} />;
  if (!employeeId) return <EmptyState title={t("me.noResult")}>{t("me.noResultHelp")}</EmptyState>;
  if (!result.data) return null;
  return (
    <Stack>
      <Text c="dimmed" data-testid="own-result-nip">
        {t("me.resultOf", { nama: result.data.nama, nip: result.data.nip })}
      </Text>
      <Appeal cycleId={props.cycleId} finalised={props.finalised} />
      <Feedback cycleId={props.cycleId} employeeId={employeeId} />
      <DialogueEvidence cycleId={props.cycleId} employeeId={employeeId} />
      {result.data.rollup && <PeriodsUsed rollup={result.data.rollup} employeeId={result.data.employeeId} />}
      <ExplanationView explanation={result.data.explanation as Explanation} sentences={result.data.sentences} technical={hasRole(user, "admin", "operator")} />
    </Stack>
  );
}

export default function MyResultPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const { user } = useSession();
  const cycles = useQuery(trpc.cycle.list.queryOptions({ regionId }));
  const evaluated = (cycles.data ?? []).filter((c) => c.currentRunId !== null);
  const [cycleId, setCycleId] = useState<string | null>(null);
  const chosen = cycleId ?? evaluated[0]?.id ?? null;
  return (
    <Stack>
      <Title order={2}>{t("me.title")}</Title>
      <Text c="dimmed">{t("me.intro", { name: user.name })}</Text>
      {cycles.error && <ErrorState error={cycles.error} />}
      {cycles.isPending && <Loading rows={6} />}
      {cycles.data && evaluated.length === 0 && <EmptyState title={t("me.noCycle")}>{t("me.noCycleHelp")}</EmptyState>}
      {evaluated.length > 0 && (
        <Select label={t("me.cycle")} data={evaluated.map((c) => ({ value: c.id, label: `${c.name} (${c.periodLabel})` }))} value={chosen} onChange={setCycleId} allowDeselect={false} w={360} />
      )}
      {chosen && <OwnResult key={chosen} cycleId={chosen} finalised={evaluated.find((c) => c.id === chosen)?.status === "finalised"} />}
    </Stack>
  );
}
