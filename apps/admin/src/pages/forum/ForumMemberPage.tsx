// The evaluation forum as a member sees it (forum.memberSessions): the sessions they sit in, each with the
// cases they may give a view on. Per case a form records a view (forum.recordView: text, and a predikat
// to suggest, chosen by its label), and the views recorded so far stand below it, newest first; a view is
// never changed, a newer one stands above it. The case's direct superior decides, not the members.
import "./strings";
import { Accordion, Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Select } from "../../components/LazySelect";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { notifyError } from "../../lib/notify";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";

type Session = RouterOutputs["forum"]["memberSessions"][number];
type Case = Session["cases"][number];

/** As the API asks: a view of at least this many characters. */
const MIN_VIEW = 10;

function ViewForm(props: { session: Session; item: Case }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const record = useMutation(trpc.forum.recordView.mutationOptions());
  const [view, setView] = useState("");
  const [suggested, setSuggested] = useState<string | null>(null);
  const short = view.trim().length < MIN_VIEW;
  return (
    <form
      aria-label={t("forumMember.view")}
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await record.mutateAsync({ regionId, sessionId: props.session.id, employeeId: props.item.employeeId, view: view.trim(), suggestedPredikat: suggested });
          await queryClient.invalidateQueries({ queryKey: trpc.forum.memberSessions.queryKey({ regionId }) });
          notifications.show({ color: "teal", message: t("forumMember.saved", { name: props.item.nama }) });
          setView("");
          setSuggested(null);
        } catch (error) {
          notifyError({ message: errorMessage(error, t) });
        }
      }}
    >
      <Stack gap="sm">
        <Textarea
          label={t("forumMember.view")}
          description={t("forumMember.viewHelp")}
          autosize
          minRows={3}
          maxLength={2000}
          value={view}
          onChange={(e) => setView(e.currentTarget.value)}
          error={view.length > 0 && short ? t("forumMember.tooShort", { count: MIN_VIEW }) : undefined}
          required
        />
        <Select
          label={t("forumMember.suggested")}
          placeholder={t("forumMember.suggestedNone")}
          data={props.session.predikat.map((p) => ({ value: p.id, label: p.label }))}
          value={suggested}
          onChange={setSuggested}
          clearable
        />
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending} disabled={short}>
            {t("forumMember.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function OwnViews(props: { item: Case }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (props.item.views.length === 0) return <Text size="sm" c="dimmed">{t("forumMember.noViews")}</Text>;
  return (
    <Stack gap="xs" data-testid="own-views">
      <Title order={5} size="h6">{t("forumMember.yourViews")}</Title>
      {props.item.views.map((v, i) => (
        <Card key={v.id} withBorder padding="xs" component="article" bg={i === 0 ? undefined : "gray.0"}>
          <Group gap="xs" mb={4} wrap="wrap">
            <Badge size="sm" variant={i === 0 ? "filled" : "light"} color={i === 0 ? "blue" : "gray"}>
              {i === 0 ? t("forumMember.latest") : t("forumMember.earlier")}
            </Badge>
            <Text size="xs" c="dimmed">{formatDateTime(v.at, lang)}</Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{v.view}</Text>
          {v.suggestedLabel && <Text size="sm" fw={500}>{t("forumMember.suggestedShown", { label: v.suggestedLabel })}</Text>}
        </Card>
      ))}
    </Stack>
  );
}

function SessionCard(props: { session: Session }) {
  const { t } = useTranslation();
  const s = props.session;
  return (
    <Card withBorder padding="md" component="section" aria-label={t("forumMember.session", { unit: s.unit.name, cycle: s.cycle.name })} data-testid="forum-member-session">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4">{t("forumMember.session", { unit: s.unit.name, cycle: s.cycle.name })}</Title>
          <Text size="sm" c="dimmed">{t("forumMember.heldOn", { date: s.heldOn })}</Text>
        </div>
        {s.notes && <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{s.notes}</Text>}
        {!s.open && <Alert color="gray">{t("forumMember.closed")}</Alert>}
        {s.cases.length === 0 ? (
          <Text size="sm" c="dimmed">{t("forumMember.noCases")}</Text>
        ) : (
          <>
            <Title order={4} size="h5">{t("forumMember.cases")}</Title>
            <Accordion variant="separated" multiple chevronPosition="left">
              {s.cases.map((c) => (
                <Accordion.Item key={c.employeeId} value={c.employeeId} data-testid="forum-case">
                  <Accordion.Control>
                    <Group justify="space-between" gap="xs" wrap="wrap">
                      <div>
                        <Text fw={600}>{c.nama}</Text>
                        <Text size="xs" c="dimmed">{c.jabatan}</Text>
                      </div>
                      <Stack gap={2} align="flex-start">
                        <Text size="sm">{c.predikatLabel ? t("forumMember.current", { label: c.predikatLabel }) : t("forumMember.noPredikat")}</Text>
                        {c.views.length > 0 && (
                          <Badge variant="light" style={{ textTransform: "none" }}>
                            {t("forumMember.viewCount", { count: c.views.length })}
                          </Badge>
                        )}
                      </Stack>
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Stack gap="md">
                      {s.open && <ViewForm session={s} item={c} />}
                      <OwnViews item={c} />
                    </Stack>
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          </>
        )}
      </Stack>
    </Card>
  );
}

export default function ForumMemberPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const sessions = useQuery(trpc.forum.memberSessions.queryOptions({ regionId }));
  return (
    <Stack>
      <Title order={2}>{t("forumMember.title")}</Title>
      <Text c="dimmed">{t("forumMember.intro")}</Text>
      {sessions.isPending && <Loading rows={4} />}
      {sessions.error && <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />}
      {sessions.data && sessions.data.length === 0 && <EmptyState title={t("forumMember.empty")}>{t("forumMember.emptyHelp")}</EmptyState>}
      {sessions.data?.map((s) => <SessionCard key={s.id} session={s} />)}
    </Stack>
  );
}
