// Results to SIASN: a finalised cycle chosen, its SIASN bodies downloaded (JSON, CSV, XLSX) or sent to SIASN as
// a job followed with its progress, then per employee what SIASN answered (accepted with its id, refused with
// its message, failed, or not sendable and why), every attempt kept; the ones not accepted can be sent again.
// Status badges keep dark text on their light colour, so they stay readable (WCAG contrast).
import { Alert, Badge, Button, Group, Progress, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Select } from "../../components/LazySelect";
import { connectorExport } from "../../lib/downloads";
import { errorMessage } from "../../lib/errors";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import type { ConnectorView } from "./IntegrationsPage";
import { useSourceRuns } from "./RunReport";

const NAME = "siasn-kinerja";
const STATUS_COLOR = { accepted: "green", refused: "red", failed: "orange", invalid: "gray" } as const;

export function SiasnKinerjaSink(props: { connector: ConnectorView }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const cycles = useQuery(trpc.cycle.list.queryOptions({ regionId }));
  const finalised = (cycles.data ?? []).filter((c) => c.status === "finalised");
  const [cycleId, setCycleId] = useState<string | null>(null);
  const chosen = cycleId ?? finalised[0]?.id ?? null;
  const runs = useSourceRuns(NAME);
  const latest = runs.data?.find((r) => r.format === "siasn" && (r.summary as { cycleId?: string }).cycleId === chosen);
  const running = latest?.status === "queued" || latest?.status === "running";
  const submissions = useQuery({
    ...trpc.connector.siasnSubmissions.queryOptions({ regionId, cycleId: chosen ?? "" }),
    enabled: chosen !== null,
    refetchInterval: running ? 1000 : false,
  });
  // Read the answers again as the run goes on and once it ends, so the last ones are shown too.
  const { refetch } = submissions;
  const progressKey = latest ? `${latest.jobId}:${latest.status}:${latest.done}` : null;
  useEffect(() => {
    if (progressKey && chosen) void refetch();
  }, [progressKey, chosen, refetch]);
  const send = useMutation(
    trpc.connector.siasnSend.mutationOptions({
      onSettled: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.connector.runs.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.connector.siasnSubmissions.pathKey() });
      },
    }),
  );
  const ready = chosen !== null && props.connector.enabled;
  const counts = submissions.data?.counts;
  const readiness = submissions.data?.ready ?? null;
  const notAccepted = counts ? counts.refused + counts.failed + counts.invalid : 0;
  const sent = (submissions.data?.employees.length ?? 0) > 0;
  const nothingSendable = readiness?.sendable === 0;
  return (
    <Stack gap="sm" data-testid="siasn-kinerja">
      <Text size="xs" c="dimmed">
        {t("integrations.siasnKinerja.help")}
      </Text>
      {!props.connector.enabled && <Alert color="yellow">{t("integrations.siasnKinerja.disabled")}</Alert>}
      {cycles.data && finalised.length === 0 && <Alert color="blue">{t("integrations.siasnKinerja.noFinalised")}</Alert>}
      <Select
        label={t("integrations.siasnKinerja.cycle")}
        data={finalised.map((c) => ({ value: c.id, label: `${c.name} (${c.periodLabel})` }))}
        value={chosen}
        onChange={setCycleId}
        allowDeselect={false}
        w={{ base: "100%", xs: 360 }}
        data-testid="siasn-kinerja-cycle"
      />
      <Group gap="xs" wrap="wrap">
        {(["json", "csv", "xlsx"] as const).map((format) => (
          <Button
            key={format}
            size="xs"
            variant="default"
            component="a"
            href={ready ? connectorExport(NAME, chosen, format, regionId) : undefined}
            download
            disabled={!ready}
            data-testid={`siasn-kinerja-download-${format}`}
            onClick={() => setTimeout(() => void queryClient.invalidateQueries({ queryKey: trpc.connector.runs.pathKey() }), 1000)}
          >
            {t("integrations.siasnKinerja.download", { format: format.toUpperCase() })}
          </Button>
        ))}
      </Group>
      {readiness && (
        <Stack gap={4} data-testid="siasn-kinerja-ready">
          <Text size="sm">{t("integrations.siasnKinerja.ready", { sendable: readiness.sendable, total: readiness.total })}</Text>
          {readiness.problems.length > 0 && (
            <Alert color="yellow" title={t("integrations.siasnKinerja.notSendable", { count: readiness.total - readiness.sendable })}>
              <Stack gap={2}>
                {readiness.problems.map((p) => (
                  <Text key={p.reason} size="sm" data-testid="siasn-kinerja-problem">
                    {p.reason} ({p.count})
                  </Text>
                ))}
              </Stack>
            </Alert>
          )}
        </Stack>
      )}
      <Group gap="xs" wrap="wrap">
        <Button
          disabled={!ready || running || nothingSendable || (sent && notAccepted === 0)}
          loading={send.isPending}
          onClick={() => chosen && send.mutate({ regionId, cycleId: chosen, resend: "unaccepted" })}
          data-testid="siasn-kinerja-send"
        >
          {sent ? t("integrations.siasnKinerja.resendUnaccepted", { count: notAccepted }) : t("integrations.siasnKinerja.send")}
        </Button>
        {sent && (
          <Button variant="default" disabled={!ready || running || nothingSendable} onClick={() => chosen && send.mutate({ regionId, cycleId: chosen, resend: "all" })} data-testid="siasn-kinerja-send-all">
            {t("integrations.siasnKinerja.resendAll")}
          </Button>
        )}
      </Group>
      {send.error && <Alert color="red">{errorMessage(send.error, t)}</Alert>}
      {latest && (
        <Stack gap={4} data-testid="siasn-kinerja-run">
          <Group gap="xs">
            <Badge color={latest.status === "succeeded" ? "green" : latest.status === "failed" ? "red" : "blue"} c="dark.8" variant="light">
              {t(`integrations.run.status.${latest.status}`)}
            </Badge>
            <Text size="sm">{t("integrations.siasnKinerja.progress", { done: latest.done, total: latest.total })}</Text>
          </Group>
          {running && <Progress value={latest.total > 0 ? (100 * latest.done) / latest.total : 0} animated aria-label={t("integrations.siasnKinerja.progressLabel")} />}
          {latest.error && <Alert color="red">{latest.error}</Alert>}
        </Stack>
      )}
      {counts && sent && (
        <Group gap="xs" data-testid="siasn-kinerja-counts">
          {(["accepted", "refused", "failed", "invalid"] as const).map((s) => (
            <Badge key={s} color={STATUS_COLOR[s]} c="dark.8" variant="light">
              {t(`integrations.siasnKinerja.status.${s}`)}: {counts[s]}
            </Badge>
          ))}
        </Group>
      )}
      {sent && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder fz="sm" data-testid="siasn-kinerja-report">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("integrations.siasnKinerja.employee")}</Table.Th>
                <Table.Th>{t("integrations.siasnKinerja.statusHead")}</Table.Th>
                <Table.Th>HTTP</Table.Th>
                <Table.Th>{t("integrations.siasnKinerja.message")}</Table.Th>
                <Table.Th>{t("integrations.siasnKinerja.attempts")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {submissions.data!.employees.slice(0, 300).map((e) => (
                <Table.Tr key={e.employeeId} data-nip={e.nip} data-status={e.status}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {e.nip}
                    </Text>
                    <Text size="sm">{e.nama}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[e.status]} c="dark.8" variant="light">
                      {t(`integrations.siasnKinerja.status.${e.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{e.httpStatus ?? "–"}</Table.Td>
                  <Table.Td>{e.status === "accepted" ? (e.remoteId ? t("integrations.siasnKinerja.remoteId", { id: e.remoteId }) : "") : e.message}</Table.Td>
                  <Table.Td>{e.attempts.length}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
