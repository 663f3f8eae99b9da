// Replacing one rater by a colleague in bulk (assessment.peerAssignments, assessment.swapPeers): the admin
// picks the rater, ticks the employees they rate whose sheets are to move, names the colleague who rates in
// their place and writes the reason the audit log keeps. A sheet the rater has begun stays theirs. The swap
// is all or nothing: the server refuses the lot if the colleague may not rate one of the employees.
import { Button, Card, Checkbox, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmployeeSelect, employeeLabel } from "../../components/EmployeePicker";
import { ErrorState, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

interface Chosen {
  id: string;
  label: string;
}

export function PeerSwap(props: { cycleId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [rater, setRater] = useState<Chosen | null>(null);
  const [replacement, setReplacement] = useState<Chosen | null>(null);
  /** The employees ticked; null until the admin changes the ticks (all those not begun). */
  const [ticked, setTicked] = useState<string[] | null>(null);
  const [reason, setReason] = useState("");
  const assignments = useQuery({
    ...trpc.assessment.peerAssignments.queryOptions({ regionId, cycleId: props.cycleId, peerId: rater?.id ?? "" }),
    enabled: rater !== null,
  });
  const swap = useMutation(trpc.assessment.swapPeers.mutationOptions());
  const movable = (assignments.data ?? []).filter((a) => !a.started).map((a) => a.employeeId);
  const chosen = ticked ?? movable;
  const ready = rater !== null && replacement !== null && chosen.length > 0 && reason.trim().length > 0;

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={3} size="h5">{t("peerSwap.title")}</Title>
        <Text size="sm" c="dimmed">{t("peerSwap.help")}</Text>
        <EmployeeSelect
          label={t("peerSwap.rater")}
          value={rater?.id ?? null}
          valueLabel={rater?.label}
          onChange={(id, e) => {
            setRater(id ? { id, label: e ? employeeLabel(e) : id } : null);
            setTicked(null);
          }}
          clearable
          data-testid="swap-rater"
        />
        {rater && assignments.error && <ErrorState error={assignments.error} onRetry={() => void assignments.refetch()} />}
        {rater && assignments.isPending && <Loading rows={2} />}
        {rater && assignments.data && assignments.data.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="swap-none">
            {t("peerSwap.none", { name: rater.label })}
          </Text>
        )}
        {rater && assignments.data && assignments.data.length > 0 && (
          <Checkbox.Group label={t("peerSwap.rates", { count: assignments.data.length })} value={chosen} onChange={setTicked}>
            <Stack gap={6} mt={6} data-testid="swap-assignments">
              {assignments.data.map((a) => (
                <Checkbox
                  key={a.employeeId}
                  value={a.employeeId}
                  disabled={a.started}
                  label={`${a.employeeNama} · ${a.employeeNip}`}
                  description={a.started ? t("peerSwap.started") : undefined}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <EmployeeSelect
          label={t("peerSwap.replacement")}
          description={t("peerSwap.replacementHelp")}
          value={replacement?.id ?? null}
          valueLabel={replacement?.label}
          onChange={(id, e) => setReplacement(id ? { id, label: e ? employeeLabel(e) : id } : null)}
          exclude={(c) => c.id === rater?.id}
          clearable
          data-testid="swap-replacement"
        />
        <Textarea label={t("peerSwap.reason")} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button
            disabled={!ready}
            loading={swap.isPending}
            onClick={async () => {
              if (!rater || !replacement) return;
              try {
                await swap.mutateAsync({
                  regionId,
                  cycleId: props.cycleId,
                  assignments: chosen.map((employeeId) => ({ employeeId, peerId: rater.id })),
                  newPeerId: replacement.id,
                  reason,
                });
                await queryClient.invalidateQueries({ queryKey: trpc.assessment.pathKey() });
                notifications.show({ color: "teal", message: t("peerSwap.done", { count: chosen.length, name: replacement.label }) });
                setTicked(null);
                setReason("");
              } catch (error) {
                notifyError({ title: t("peerSwap.failed"), message: errorMessage(error, t) });
              }
            }}
          >
            {t("peerSwap.submit", { count: chosen.length })}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
