// Requests for feedback addressed to me (feedback.inbox), newest first: who asks, about which work entry,
// and the thread to answer in.
import { Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { EntrySummary, FeedbackDrawer } from "./FeedbackDrawer";

export default function FeedbackInboxPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const inbox = useInfiniteQuery(trpc.feedback.inbox.infiniteQueryOptions({ regionId, limit: 50 }, { getNextPageParam: (p) => p.nextCursor }));
  const [open, setOpen] = useState<string | null>(null);
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Title order={2}>{t("feedback.inboxTitle")}</Title>
      <Text c="dimmed">{t("feedback.inboxIntro")}</Text>
      {inbox.isPending && <Loading rows={4} />}
      {inbox.error && <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.data && items.length === 0 && <EmptyState title={t("feedback.inboxEmpty")}>{t("feedback.inboxEmptyHelp")}</EmptyState>}
      <Stack gap="sm" data-testid="feedback-inbox">
        {items.map((request) => (
          <Card key={request.id} withBorder padding="md" component="article">
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start">
                <div>
                  <Text size="sm">
                    <strong>{request.author.name}</strong> · {formatDateTime(request.createdAt, lang)}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>{request.body}</Text>
                </div>
                <Button size="xs" variant="light" onClick={() => setOpen(request.workEntryId)} aria-label={t("feedback.openThreadFrom", { name: request.author.name })}>
                  {t("feedback.openThread")}
                </Button>
              </Group>
              <Card withBorder padding="xs" bg="gray.0">
                <EntrySummary workEntryId={request.workEntryId} />
              </Card>
            </Stack>
          </Card>
        ))}
      </Stack>
      {inbox.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={inbox.isFetchingNextPage} onClick={() => void inbox.fetchNextPage()}>
            {t("common.loadMore")}
          </Button>
        </Group>
      )}
      <FeedbackDrawer workEntryId={open} onClose={() => setOpen(null)} defaultKind="feedback" />
    </Stack>
  );
}
