// The signed-in person's own account: who they sign in as, changing their password (which ends their
// other sessions), the sessions they hold, each of which they can end (account.sessions, endSession), and
// how they are told of what waits for them (NotificationPreferences).
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { useSession } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { describeDevice } from "./devices";
import { NotificationPreferences } from "./NotificationPreferences";

type OwnSession = RouterOutputs["account"]["sessions"][number];

function SessionCard(props: { session: OwnSession; ending: boolean; onEnd(): void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { session } = props;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="own-session">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600}>{describeDevice(session.userAgent) ?? t("myAccount.unknownDevice")}</Text>
            {session.current && (
              <Badge variant="light" color="teal">
                {t("myAccount.thisDevice")}
              </Badge>
            )}
          </Group>
          <Text size="sm">
            {t("myAccount.address")}: <span className="mono">{session.ipAddress ?? "–"}</span>
          </Text>
          <Text size="sm">
            {t("myAccount.since")}: {formatDateTime(session.signedInAt, lang)}
          </Text>
          <Text size="sm" c="dimmed">
            {t("myAccount.lastActive")}: {formatDateTime(session.lastActiveAt, lang)}
          </Text>
          {session.userAgent && (
            <Text size="xs" c="dimmed" truncate="end" title={session.userAgent}>
              {session.userAgent}
            </Text>
          )}
        </Stack>
        {!session.current && (
          <Button variant="light" color="red" size="xs" style={{ flexShrink: 0 }} loading={props.ending} onClick={props.onEnd}>
            {t("myAccount.end")}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.account.sessions.queryOptions());
  const end = useMutation(trpc.account.endSession.mutationOptions());
  return (
    <Stack gap="sm">
      <Title order={3}>{t("myAccount.sessions")}</Title>
      <Text size="sm" c="dimmed">
        {t("myAccount.sessionsHelp")}
      </Text>
      {sessions.isPending && <Loading rows={2} />}
      {sessions.error && <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />}
      {sessions.data?.length === 0 && <EmptyState title={t("myAccount.noSessions")}>{t("myAccount.sessionsHelp")}</EmptyState>}
      {sessions.data?.map((session) => (
        <SessionCard
          key={session.id}
          session={session}
          ending={end.isPending && end.variables?.id === session.id}
          onEnd={async () => {
            try {
              await end.mutateAsync({ id: session.id });
              notifications.show({ color: "teal", message: t("myAccount.ended") });
            } catch (error) {
              notifications.show({ color: "red", title: t("myAccount.notEnded"), message: errorMessage(error, t) });
            }
            await queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
          }}
        />
      ))}
    </Stack>
  );
}

export default function MyAccountPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user } = useSession();
  return (
    <Stack>
      <Title order={2}>{t("myAccount.title")}</Title>
      <Group gap="xs">
        <Text fw={600}>{user.name}</Text>
        <Badge variant="light">{t(`roles.${user.role}`)}</Badge>
        <Text c="dimmed" className="mono">
          {user.username ?? user.email}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Title order={3}>{t("myAccount.changeTitle")}</Title>
            <Text size="sm" c="dimmed">
              {t("myAccount.changeHelp")}
            </Text>
            <ChangePasswordForm
              onChanged={() => {
                notifications.show({ color: "teal", message: t("myAccount.changed") });
                void queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() });
              }}
            />
          </Stack>
        </Paper>
        <Sessions />
      </SimpleGrid>
      <NotificationPreferences />
    </Stack>
  );
}
