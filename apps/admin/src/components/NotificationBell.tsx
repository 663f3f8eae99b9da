// The bell in the header: how many notifications are unread, asked again every half minute. Pressed, it
// opens the panel of the newest (NotificationPanel), loaded when first pressed.
import { ActionIcon, Indicator } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../lib/trpc";

const NotificationPanel = lazy(() => import("./NotificationPanel"));

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [opened, setOpened] = useState(false);
  // Until first pressed, the bell is only a button; the panel, once loaded, stays.
  const [wanted, setWanted] = useState(false);
  if (opened && !wanted) setWanted(true);
  const count = useQuery({ ...trpc.notification.unreadCount.queryOptions(), refetchInterval: 30_000 });
  const unread = count.data ?? 0;

  const button = (
    <ActionIcon
      variant="default"
      size="lg"
      aria-label={unread > 0 ? t("notif.bellUnread", { count: unread }) : t("notif.bell")}
      aria-expanded={opened}
      onClick={() => setOpened((o) => !o)}
      data-testid="notification-bell"
    >
      <BellIcon />
    </ActionIcon>
  );
  return (
    <Indicator label={unread > 99 ? "99+" : unread} size={18} disabled={unread === 0} color="red" offset={4}>
      {wanted ? (
        <Suspense fallback={button}>
          <NotificationPanel opened={opened} onChange={setOpened} unread={unread}>
            {button}
          </NotificationPanel>
        </Suspense>
      ) : (
        button
      )}
    </Indicator>
  );
}
