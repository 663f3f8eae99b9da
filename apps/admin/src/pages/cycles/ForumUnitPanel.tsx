// One unit's evaluation forum (forum.view): the meetings recorded (who sat in it, notes), recording a
// new one (forum.record, once the cycle is evaluated), the members' views beside each case the viewer
// decides (member, when, view, suggested predikat), and the raters of the unit whose ratings stand out
// (lenient, severe, or hardly varying), which the forum weighs before it moves a predikat.
import { Alert, Badge, Button, Card, Group, Modal, Stack, Text, Textarea, TextInput, Timeline, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmployeeMultiSelect } from "../../components/EmployeePicker";
import { ErrorState, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { todayInIndonesia } from "../../lib/periods";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { CaseViews, viewsByCase, type ForumData } from "./ForumCaseViews";
import { RaterFlagsTable } from "./RaterQualityPanel";

/** Every case the viewer decides that a member gave a view on, with those views beside it. */
function ViewsPerCase(props: { cycleId: string; data: ForumData }) {
  const { t } = useTranslation();
  const byCase = viewsByCase(props.data.sessions);
  const cases = props.data.employees.filter((e) => byCase.has(e.employeeId));
  return (
    <div data-testid="forum-case-views">
      <Title order={4} size="h6" mb={4}>{t("forumView.caseViews")}</Title>
      <Text size="xs" c="dimmed" mb="xs">{t("forumView.caseViewsHelp")}</Text>
      {cases.length === 0 ? (
        <Text size="sm" c="dimmed">{t("forumView.noCaseViews")}</Text>
      ) : (
        <Stack gap="sm">
          {cases.map((e) => (
            <Card key={e.employeeId} withBorder padding="sm" component="section" aria-label={e.nama} data-testid="forum-case-row">
              <Group justify="space-between" gap="xs" wrap="wrap" mb="xs">
                <div>
                  <Text fw={600} component={Link} to={`/cycles/${props.cycleId}/employees/${e.employeeId}`} c="blue.8">
                    {e.nama}
                  </Text>
                  <Text size="xs" c="dimmed">{e.jabatan}</Text>
                </div>
                {e.predikatLabel && <Badge variant="outline" color="gray" style={{ textTransform: "none" }}>{t("forumView.currentPredikat", { label: e.predikatLabel })}</Badge>}
              </Group>
              <CaseViews views={byCase.get(e.employeeId)!} />
            </Card>
          ))}
        </Stack>
      )}
    </div>
  );
}

function RecordMeeting(props: { cycleId: string; unitId: string; unitName: string; onDone(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const record = useMutation(trpc.forum.record.mutationOptions());
  const [heldOn, setHeldOn] = useState(todayInIndonesia());
  const [members, setMembers] = useState<string[]>([]);
  const [notes, setNotes] = useState("");
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await record.mutateAsync({ regionId, cycleId: props.cycleId, unitId: props.unitId, heldOn, memberNips: members, ...(notes.trim() ? { notes: notes.trim() } : {}) });
          await queryClient.invalidateQueries({ queryKey: trpc.forum.view.queryKey({ regionId, cycleId: props.cycleId, unitId: props.unitId }) });
          notifications.show({ color: "teal", message: t("forumView.recorded", { unit: props.unitName }) });
          props.onDone();
        } catch (error) {
          notifyError({ message: errorMessage(error, t) });
        }
      }}
    >
      <Stack>
        <TextInput type="date" label={t("forumView.heldOn")} value={heldOn} max={todayInIndonesia()} onChange={(e) => setHeldOn(e.currentTarget.value)} required />
        <EmployeeMultiSelect label={t("forumView.members")} description={t("forumView.membersHelp")} valueKey="nip" value={members} onChange={setMembers} data-testid="forum-members" />
        <Textarea label={t("forumView.notes")} autosize minRows={3} maxLength={4000} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending} disabled={!heldOn}>
            {t("forumView.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ForumUnitPanel(props: { cycleId: string; unitId: string; canRecord: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const view = useQuery(trpc.forum.view.queryOptions({ regionId, cycleId: props.cycleId, unitId: props.unitId }));
  const [recording, setRecording] = useState(false);
  if (view.isPending) return <Loading rows={4} />;
  if (view.error) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
  const v = view.data;
  return (
    <Card withBorder padding="md" data-testid="forum-unit">
      <Stack>
        <Group justify="space-between">
          <Title order={3} size="h5">{t("forumView.title", { unit: v.unit.name })}</Title>
          {props.canRecord && v.forum.enabled && (
            <Button size="xs" variant="light" onClick={() => setRecording(true)}>
              {t("forumView.record")}
            </Button>
          )}
        </Group>
        {!v.forum.enabled && <Alert color="gray">{t("forumView.disabled")}</Alert>}
        {v.forum.enabled && <Text size="sm" c="dimmed">{t("forumView.maxLevels", { count: v.forum.maxLevels })}</Text>}
        {v.hiddenEmployees > 0 && <Text size="xs" c="dimmed">{t("forumView.hidden", { count: v.hiddenEmployees })}</Text>}
        <div>
          <Title order={4} size="h6" mb={4}>{t("forumView.sessions")}</Title>
          {v.sessions.length === 0 ? (
            <Text size="sm" c="dimmed">{t("forumView.noSessions")}</Text>
          ) : (
            <Timeline bulletSize={14} lineWidth={2} data-testid="forum-sessions">
              {v.sessions.map((s) => (
                <Timeline.Item key={s.id} title={s.heldOn}>
                  <Text size="sm">{s.members.length ? s.members.map((m) => m.nama ?? m.nip).join(", ") : t("forumView.noMembers")}</Text>
                  {s.notes && <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>{s.notes}</Text>}
                  <Text size="xs" c="dimmed">{t("forumView.recordedBy", { name: s.recordedBy })}</Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </div>
        {v.sessions.length > 0 && <ViewsPerCase cycleId={props.cycleId} data={v} />}
        <div>
          <Title order={4} size="h6" mb={4}>{t("forumView.flags")}</Title>
          {v.raterFlags.length === 0 ? <Text size="sm" c="dimmed">{t("forumView.noFlags")}</Text> : <RaterFlagsTable raters={v.raterFlags} />}
        </div>
      </Stack>
      <Modal opened={recording} onClose={() => setRecording(false)} title={t("forumView.recordTitle", { unit: v.unit.name })} size="lg">
        {recording && <RecordMeeting cycleId={props.cycleId} unitId={props.unitId} unitName={v.unit.name} onDone={() => setRecording(false)} />}
      </Modal>
    </Card>
  );
}
