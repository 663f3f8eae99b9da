// The region's mail that failed after its last try (notification.outbox): to whom, what, how many tries
// and the error, each sent again on its own or all at once ("Kirim lagi"); how much waits in the queue,
// and a warning when this server has no mail transport, so mail waits unsent.
import { Alert, Button, Checkbox, Group, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { notifyError } from "../../lib/notify";
import { useTRPC } from "../../lib/trpc";

export default function FailedMail() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const outbox = useQuery(trpc.notification.outbox.queryOptions());
  const resend = useMutation(trpc.notification.resend.mutationOptions());
  const [selected, setSelected] = useState<string[]>([]);

  const sendAgain = async (ids: string[]) => {
    try {
      const count = await resend.mutateAsync({ ids });
      notifications.show({ color: "teal", message: t("settings.mail.resent", { count }) });
      setSelected((current) => current.filter((id) => !ids.includes(id)));
      await queryClient.invalidateQueries({ queryKey: trpc.notification.outbox.queryKey() });
    } catch (error) {
      notifyError({ title: t("settings.mail.notResent"), message: errorMessage(error, t) });
    }
  };

  if (outbox.isPending) return <Loading rows={3} />;
  if (outbox.error) return <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />;
  const { failed, waiting, mailConfigured } = outbox.data;
  const allSelected = failed.length > 0 && selected.length === failed.length;
  return (
    <Stack>
      {!mailConfigured && (
        <Alert color="yellow" title={t("settings.mail.notConfigured")}>
          {t("settings.mail.notConfiguredHelp")}
        </Alert>
      )}
      <Text size="sm" data-testid="mail-waiting">
        {t("settings.mail.waiting", { count: waiting })}
      </Text>
      {failed.length === 0 ? (
        <EmptyState title={t("settings.mail.noneFailed")}>{t("settings.mail.noneFailedHelp")}</EmptyState>
      ) : (
        <>
          <Group justify="space-between">
            <Text size="sm">{t("settings.mail.failedCount", { count: failed.length })}</Text>
            <Button disabled={selected.length === 0} loading={resend.isPending} onClick={() => void sendAgain(selected)}>
              {t("settings.mail.resendSelected", { count: selected.length })}
            </Button>
          </Group>
          <Table.ScrollContainer minWidth={720}>
            <Table striped data-testid="failed-mail">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={t("settings.mail.selectAll")}
                      checked={allSelected}
                      indeterminate={selected.length > 0 && !allSelected}
                      onChange={() => setSelected(allSelected ? [] : failed.map((mail) => mail.id))}
                    />
                  </Table.Th>
                  <Table.Th>{t("settings.mail.to")}</Table.Th>
                  <Table.Th>{t("settings.mail.subject")}</Table.Th>
                  <Table.Th>{t("settings.mail.attempts")}</Table.Th>
                  <Table.Th>{t("settings.mail.error")}</Table.Th>
                  <Table.Th>{t("settings.mail.lastTried")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {failed.map((mail) => (
                  <Table.Tr key={mail.id}>
                    <Table.Td>
                      <Checkbox
                        aria-label={t("settings.mail.select", { subject: mail.subject, to: mail.to })}
                        checked={selected.includes(mail.id)}
                        onChange={(event) => {
                          const on = event.currentTarget.checked;
                          setSelected((current) => (on ? [...current, mail.id] : current.filter((id) => id !== mail.id)));
                        }}
                      />
                    </Table.Td>
                    <Table.Td className="mono">{mail.to}</Table.Td>
                    <Table.Td>{mail.subject}</Table.Td>
                    <Table.Td>{mail.attempts}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c="red.8">
                        {mail.error ?? "–"}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDateTime(mail.lastTriedAt, lang)}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="light" onClick={() => void sendAgain([mail.id])} aria-label={t("settings.mail.resendOne", { subject: mail.subject, to: mail.to })}>
                        {t("settings.mail.resend")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
