// Loading, error and empty states, the same everywhere: they hold the space the content will take, so
// nothing jumps when data arrives.
import { Alert, Button, Group, Skeleton, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../lib/errors";

export function Loading(props: { rows?: number; label?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" aria-busy="true" aria-live="polite">
      <Text size="sm" c="dimmed">
        {props.label ?? t("common.loading")}
      </Text>
      {Array.from({ length: props.rows ?? 4 }, (_, i) => (
        <Skeleton key={i} height={28} />
      ))}
    </Stack>
  );
}

export function ErrorState(props: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={props.title ?? t("common.errorTitle")} role="alert">
      <Stack gap="xs">
        <Text size="sm">{errorMessage(props.error, t)}</Text>
        {props.onRetry && (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={props.onRetry}>
              {t("common.retry")}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState(props: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py="xl" ta="center">
      <Text fw={600}>{props.title}</Text>
      {props.children && (
        <Text size="sm" c="dimmed" maw={520}>
          {props.children}
        </Text>
      )}
      {props.action}
    </Stack>
  );
}
