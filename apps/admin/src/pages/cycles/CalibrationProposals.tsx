// "Usulan penyesuaian": for units outside the distribution curve, the predikat moves the server proposes
// (forum.proposals: lowest scores first, within workflow.calibration.maxLevels of the rules' predikat).
// The forum accepts, changes (another predikat within the limit) or rejects each move, sees what the curve
// would read with those decisions, gives one reason for the whole session and applies it with one
// "Terapkan": one calibration session, one new result version (forum.calibrate).
import { Alert, Badge, Button, Card, Group, List, Paper, Radio, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { BoundCheck, PredikatValue } from "@kinerja/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Select } from "../../components/LazySelect";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { formatScore } from "../../lib/format";
import { notifyError } from "../../lib/notify";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";

type Proposals = RouterOutputs["forum"]["proposals"];
type UnitProposal = Proposals["units"][number];
type Move = UnitProposal["moves"][number];
type Decision = "accept" | "change" | "reject";
interface Choice {
  decision: Decision;
  /** The predikat chosen instead of the proposed one ("change"). */
  predikat: string | null;
}

/** The server's own minimum for a written reason. */
const MIN_REASON = 10;

/** Where each decided move lands: the proposed predikat, the chosen one, or where it was. */
function landing(move: Move, choice: Choice): string {
  if (choice.decision === "accept") return move.to;
  if (choice.decision === "change" && choice.predikat) return choice.predikat;
  return move.from;
}

/** The unit's bounds with the decisions applied: each bound's head count moves by the people who enter or leave it. */
function boundsAfter(unit: UnitProposal, predikat: readonly PredikatValue[], choices: ReadonlyMap<string, Choice>): Array<BoundCheck & { after: number; brokenAfter: boolean }> {
  const national = new Map(predikat.map((p) => [p.id, p.national]));
  return unit.before.map((check) => {
    const inBound = (id: string) => {
      const n = national.get(id);
      return n !== undefined && check.bound.predikat.includes(n);
    };
    let after = check.actual;
    for (const move of unit.moves) {
      const to = landing(move, choices.get(move.employeeId) ?? { decision: "accept", predikat: null });
      after += Number(inBound(to)) - Number(inBound(move.from));
    }
    const brokenAfter = check.bound.kind === "atMost" ? after > check.allowed : after < check.allowed;
    return { ...check, after, brokenAfter };
  });
}

function MoveRow(props: { move: Move; choice: Choice; onChange(choice: Choice): void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { move, choice } = props;
  const others = move.allowedPredikat.filter((p) => p.id !== move.from && p.id !== move.to);
  return (
    <Paper withBorder p="sm" role="group" aria-label={move.nama} data-testid="proposal-move">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={600}>{move.nama}</Text>
            <Text size="xs" c="dimmed">
              <span className="mono">{move.nip}</span> · {t("calibration.proposals.score", { score: formatScore(move.score, lang) })}
            </Text>
          </div>
          <Text size="sm" data-testid="proposal-arrow">
            {move.fromLabel} → <strong>{move.toLabel}</strong>
          </Text>
        </Group>
        <Radio.Group
          aria-label={t("calibration.proposals.decisionFor", { name: move.nama })}
          value={choice.decision}
          onChange={(value) => props.onChange({ decision: value as Decision, predikat: value === "change" ? choice.predikat : null })}
        >
          <Group gap="md">
            <Radio value="accept" label={t("calibration.proposals.decision.accept")} />
            <Radio value="change" label={t("calibration.proposals.decision.change")} disabled={others.length === 0} />
            <Radio value="reject" label={t("calibration.proposals.decision.reject")} />
          </Group>
        </Radio.Group>
        {choice.decision === "change" && (
          <Select
            label={t("calibration.proposals.changeTo", { name: move.nama })}
            data={others.map((p) => ({ value: p.id, label: p.label }))}
            value={choice.predikat}
            onChange={(value) => props.onChange({ decision: "change", predikat: value })}
            error={choice.predikat ? undefined : t("calibration.proposals.pickPredikat")}
            allowDeselect={false}
          />
        )}
      </Stack>
    </Paper>
  );
}

function UnitCard(props: { unit: UnitProposal; predikat: readonly PredikatValue[]; maxLevels: number; choices: ReadonlyMap<string, Choice>; onChange(employeeId: string, choice: Choice): void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { unit } = props;
  const bounds = boundsAfter(unit, props.predikat, props.choices);
  const fits = bounds.every((b) => !b.brokenAfter);
  return (
    <Card withBorder padding="md" data-testid="proposal-unit">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={4} size="h5">{unit.unitName}</Title>
          <Badge variant="light" color="gray">{t("calibration.employees", { count: unit.total })}</Badge>
        </Group>
        {!unit.fits && <Alert color="yellow">{t("calibration.proposals.cannotFit", { levels: props.maxLevels })}</Alert>}
        {unit.moves.map((move) => (
          <MoveRow
            key={move.employeeId}
            move={move}
            choice={props.choices.get(move.employeeId) ?? { decision: "accept", predikat: null }}
            onChange={(choice) => props.onChange(move.employeeId, choice)}
          />
        ))}
        <div data-testid="proposal-preview">
          <Text size="sm" fw={600} c={fits ? "teal.9" : "red.9"}>
            {fits ? t("calibration.proposals.fitsAfter") : t("calibration.proposals.breaksAfter", { count: bounds.filter((b) => b.brokenAfter).length })}
          </Text>
          <List size="sm" spacing={2} mt={4}>
            {bounds.map((b, i) => (
              <List.Item key={i} c={b.brokenAfter ? "red.9" : undefined}>
                {b.brokenAfter ? "✗ " : "✓ "}
                {t("calibration.proposals.bound", { label: b.label[lang], before: b.actual, after: b.after, allowed: b.allowed })}
              </List.Item>
            ))}
          </List>
        </div>
      </Stack>
    </Card>
  );
}

export function CalibrationProposals(props: { cycleId: string; unitIds?: string[]; opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const proposals = useQuery({
    ...trpc.forum.proposals.queryOptions({ regionId, cycleId: props.cycleId, ...(props.unitIds ? { unitIds: props.unitIds } : {}) }),
    enabled: props.opened,
  });
  const calibrate = useMutation(trpc.forum.calibrate.mutationOptions());
  const [choices, setChoices] = useState<Map<string, Choice>>(new Map());
  const [reason, setReason] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);

  const scopeKey = props.unitIds?.join(",") ?? "all";
  useEffect(() => {
    if (!props.opened) return;
    // Each opening is a new session: no decision or reason carried over from the last one.
    setChoices(new Map());
    setReason("");
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: "start" });
  }, [props.opened, scopeKey]);

  const header = (
    <Group justify="space-between" gap="xs">
      <Title order={3} size="h4" ref={heading} tabIndex={-1}>{t("calibration.proposals.title")}</Title>
      <Button variant="subtle" size="xs" onClick={props.onClose}>{t("calibration.proposals.close")}</Button>
    </Group>
  );
  if (proposals.isPending) return <Card withBorder padding="md">{header}<Loading rows={4} /></Card>;
  if (proposals.error) return <Card withBorder padding="md">{header}<ErrorState error={proposals.error} onRetry={() => void proposals.refetch()} /></Card>;
  const { units, forum, predikat, runId } = proposals.data;
  const moves = units.flatMap((u) => u.moves);
  const chosen = moves.map((m) => choices.get(m.employeeId) ?? { decision: "accept" as const, predikat: null });
  const unpicked = chosen.some((c) => c.decision === "change" && !c.predikat);
  const count = (decision: Decision) => chosen.filter((c) => c.decision === decision).length;
  const ready = Boolean(runId) && moves.length > 0 && !unpicked && reason.trim().length >= MIN_REASON;

  const apply = async () => {
    if (!runId) return;
    try {
      const outcome = await calibrate.mutateAsync({
        regionId,
        cycleId: props.cycleId,
        runId,
        unitIds: units.map((u) => u.unitId),
        reason: reason.trim(),
        decisions: moves.map((m, i) => ({ employeeId: m.employeeId, decision: chosen[i]!.decision, ...(chosen[i]!.predikat ? { predikat: chosen[i]!.predikat } : {}) })),
      });
      const changed = outcome.session.moves.filter((m) => m.to !== null && m.to !== m.from).length;
      notifications.show({ color: "teal", message: changed > 0 ? t("calibration.proposals.applied", { count: changed }) : t("calibration.proposals.appliedNone") });
      // Closed before the results are read again: the proposals of the new version are another session's.
      props.onClose();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.result.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.forum.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.cycle.pathKey() }),
      ]);
    } catch (error) {
      notifyError({ message: errorMessage(error, t) });
    }
  };

  return (
    <Card withBorder padding="md" data-testid="calibration-proposals">
      <Stack>
        {header}
        {!forum.enabled ? (
          <Alert color="gray">{t("calibration.proposals.forumOff")}</Alert>
        ) : units.length === 0 ? (
          <EmptyState title={t("calibration.proposals.none")} />
        ) : (
          <>
            <Text size="sm" c="dimmed">{t("calibration.proposals.intro", { levels: forum.maxLevels })}</Text>
            {units.map((unit) => (
              <UnitCard
                key={unit.unitId}
                unit={unit}
                predikat={predikat}
                maxLevels={forum.maxLevels}
                choices={choices}
                onChange={(employeeId, choice) => setChoices((current) => new Map(current).set(employeeId, choice))}
              />
            ))}
            <Textarea
              label={t("calibration.proposals.reason")}
              description={t("calibration.proposals.reasonHelp", { min: MIN_REASON })}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={2}
              required
            />
            <Group justify="space-between" gap="xs">
              <Text size="sm" c="dimmed" data-testid="proposal-summary">
                {t("calibration.proposals.summary", { accept: count("accept"), change: count("change"), reject: count("reject") })}
              </Text>
              <Button disabled={!ready} loading={calibrate.isPending} onClick={() => void apply()}>
                {t("calibration.proposals.apply")}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
