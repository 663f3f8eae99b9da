// The bell's panel: the newest notifications, each opening where to act and marked read as it is opened.
// Loaded when the bell is first pressed, so Popover, floating-ui and ScrollArea stay out of every screen's
// first download (NotificationBell keeps the button and the count).
import { Anchor, Badge, Button, Group, Popover, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { currentLanguage } from "../i18n";
import { formatDateTime } from "../lib/format";
import { useTRPC } from "../lib/trpc";

export default function NotificationPanel(props: { opened: boolean; onChange(opened: boolean): void; unread: number; children: ReactElement }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const list = useQuery({ ...trpc.notification.inbox.queryOptions({ limit: 20 }), enabled: props.opened });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.notification.unreadCount.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.notification.inbox.queryKey() }),
    ]);
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSuccess: () => void refresh() }));
  const close = () => props.onChange(false);

  return (
    <Popover opened={props.opened} onChange={props.onChange} position="bottom-end" width="min(360px, calc(100vw - 24px))" shadow="md" trapFocus withinPortal>
      <Popover.Target>{props.children}</Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" mb="xs" wrap="nowrap">
          <Text fw={600}>{t("notif.title")}</Text>
          <Button size="compact-xs" variant="subtle" disabled={props.unread === 0} loading={markRead.isPending} onClick={() => markRead.mutate({})}>
            {t("notif.markAllRead")}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={400}>
          <Stack gap={4} role="list" aria-label={t("notif.title")}>
            {list.isPending && (
              <Text size="sm" c="dimmed">
                {t("common.loading")}
              </Text>
            )}
            {list.data?.items.length === 0 && (
              <Text size="sm" c="dimmed">
                {t("notif.empty")}
              </Text>
            )}
            {list.data?.items.map((item) => (
              <UnstyledButton
                key={item.id}
                role="listitem"
                data-testid="notification-item"
                p={6}
                style={{ borderRadius: 6, background: item.read ? undefined : "var(--mantine-color-blue-0)" }}
                onClick={() => {
                  if (!item.read) markRead.mutate({ ids: [item.id] });
                  close();
                  if (item.link) void navigate(item.link);
                }}
              >
                <Group gap={6} wrap="nowrap" align="flex-start">
                  {!item.read && (
                    <Badge size="xs" color="blue" variant="filled" style={{ flexShrink: 0 }} mt={3}>
                      {t("notif.new")}
                    </Badge>
                  )}
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={item.read ? 400 : 600}>
                      {item.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(item.createdAt, lang)}
                    </Text>
                  </Stack>
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Anchor
          size="sm"
          mt="xs"
          display="block"
          component="button"
          onClick={() => {
            close();
            void navigate("/account#pemberitahuan");
          }}
        >
          {t("notif.settings")}
        </Anchor>
      </Popover.Dropdown>
    </Popover>
  );
}
