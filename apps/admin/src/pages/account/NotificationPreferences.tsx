// Under "Akun saya": how the person is told — e-mail and portal, or the portal only — and whether mail comes
// one per event or as one digest a day. Someone without a mailbox (a NIP account) chooses all the same: the
// choice holds once an admin records their e-mail.
import { Alert, Paper, Radio, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { ErrorState, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { useTRPC } from "../../lib/trpc";

/** The section's anchor: the bell's panel links to /account#pemberitahuan. */
const SECTION_ID = "pemberitahuan";

export function NotificationPreferences() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const preference = useQuery(trpc.notification.preference.queryOptions());
  const save = useMutation(
    trpc.notification.setPreference.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.notification.preference.queryKey(), data);
        notifications.show({ color: "teal", message: t("notif.prefSaved") });
      },
      onError: (error) => notifications.show({ color: "red", message: errorMessage(error, t) }),
    }),
  );
  const data = preference.data;
  // The bell's "Atur cara diberi tahu" opens this page at #pemberitahuan: brought into view once shown.
  const { hash } = useLocation();
  const section = useRef<HTMLDivElement>(null);
  const shown = data !== undefined;
  useEffect(() => {
    if (shown && hash === `#${SECTION_ID}`) section.current?.scrollIntoView({ block: "start" });
  }, [shown, hash]);
  return (
    // Clear of the fixed header when scrolled to.
    <Paper withBorder p="md" radius="md" id={SECTION_ID} ref={section} style={{ scrollMarginTop: 76 }}>
      <Stack gap="sm">
        <Title order={3}>{t("notif.prefTitle")}</Title>
        {preference.isPending && <Loading rows={2} />}
        {preference.error && <ErrorState error={preference.error} onRetry={() => void preference.refetch()} />}
        {data && (
          <>
            {!data.hasEmail && (
              <Alert color="gray" variant="light">
                {t("notif.noEmail")}
              </Alert>
            )}
            <Radio.Group
              label={t("notif.channel")}
              value={data.email ? "email" : "portal"}
              onChange={(value) => save.mutate({ email: value === "email", digest: data.digest })}
            >
              <Stack gap={6} mt={6}>
                <Radio value="email" label={t("notif.emailAndPortal")} disabled={save.isPending} />
                <Radio value="portal" label={t("notif.portalOnly")} disabled={save.isPending} />
              </Stack>
            </Radio.Group>
            <Switch
              label={t("notif.digest")}
              description={t("notif.digestHelp")}
              checked={data.digest}
              disabled={!data.email || save.isPending}
              onChange={(event) => save.mutate({ email: data.email, digest: event.currentTarget.checked })}
            />
            <Text size="xs" c="dimmed">
              {t("notif.prefHelp")}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
