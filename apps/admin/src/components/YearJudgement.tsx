// The assessor's judgement of a year rolled up from periods, where the region's rules roll the year up by
// judgement: what the periods gave, how far the rules let the assessor move from it, the judgement stored,
// and a form that refuses a predikat beyond the bounds before the server is asked (the server checks again).
import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../lib/errors";
import { useRegionId } from "../lib/session";
import { useTRPC, type RouterOutputs } from "../lib/trpc";
import { Select } from "./LazySelect";

type Judgement = NonNullable<RouterOutputs["result"]["get"]["judgement"]>;

/** The server's shortest reason (results/forum.ts MIN_REASON). */
const MIN_REASON = 10;

export function YearJudgement(props: { cycleId: string; employeeId: string; judgement: Judgement; canJudge: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const judge = useMutation(trpc.result.judgeYear.mutationOptions());
  const { judgement } = props;
  const [predikat, setPredikat] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [refused, setRefused] = useState<string | null>(null);
  const label = (id: string) => judgement.choices.find((c) => c.id === id)?.label ?? id;
  const chosen = judgement.choices.find((c) => c.id === predikat);
  const outOfBounds =
    chosen && !chosen.allowed
      ? t("yearPeriods.judge.outOfBounds", { predikat: chosen.label, distance: chosen.distance, computed: label(judgement.computed), count: judgement.bounds })
      : null;
  const shortReason = reason.trim().length > 0 && reason.trim().length < MIN_REASON;

  async function save() {
    if (!predikat || outOfBounds) return;
    setRefused(null);
    try {
      await judge.mutateAsync({ regionId, cycleId: props.cycleId, employeeId: props.employeeId, predikat, reason: reason.trim() });
      setPredikat(null);
      setReason("");
      await queryClient.invalidateQueries({ queryKey: trpc.result.pathKey() });
      notifications.show({ color: "teal", message: t("yearPeriods.judge.saved") });
    } catch (error) {
      setRefused(errorMessage(error, t));
    }
  }

  return (
    <Card withBorder padding="lg" data-testid="year-judgement">
      <Stack gap="sm">
        <Title order={3}>{t("yearPeriods.judge.title")}</Title>
        <Text size="sm">{t("yearPeriods.judge.bounds", { computed: label(judgement.computed), count: judgement.bounds })}</Text>
        <Group gap={6} data-testid="judgement-allowed">
          {judgement.choices
            .filter((c) => c.allowed)
            .map((c) => (
              <Badge key={c.id} variant={c.id === judgement.computed ? "filled" : "light"} style={{ maxWidth: "100%" }}>
                {c.label}
              </Badge>
            ))}
        </Group>
        {judgement.judged ? (
          <Text size="sm" data-testid="judgement-stored">
            {t("yearPeriods.judge.stored", { predikat: label(judgement.judged.predikat), by: judgement.judged.by, reason: judgement.judged.reason })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t("yearPeriods.judge.none")}
          </Text>
        )}
        {props.canJudge && (
          <Stack gap="xs" className="no-print">
            <Select
              label={t("yearPeriods.judge.predikat")}
              data={judgement.choices.map((c) => ({ value: c.id, label: c.allowed ? c.label : t("yearPeriods.judge.beyond", { predikat: c.label }) }))}
              value={predikat}
              onChange={(value) => {
                setPredikat(value);
                setRefused(null);
              }}
              error={outOfBounds}
            />
            <Textarea
              label={t("yearPeriods.judge.reason")}
              description={t("yearPeriods.judge.reasonHelp", { min: MIN_REASON })}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={shortReason ? t("yearPeriods.judge.reasonShort", { min: MIN_REASON }) : null}
              autosize
              minRows={2}
              required
            />
            {refused && (
              <Alert color="red" role="alert" data-testid="judgement-refused">
                {refused}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button disabled={!predikat || Boolean(outOfBounds) || reason.trim().length < MIN_REASON} loading={judge.isPending} onClick={() => void save()}>
                {t("yearPeriods.judge.save")}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
