// What-if before publishing: the edited rules run on a past cycle's stored inputs, compared with the
// rules that cycle used: counts per predikat before and after, and who moves and why.
import { Alert, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { formatCount } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { Select } from "../../components/LazySelect";

const MOVES_SHOWN = 200;

/** `initialCycleId`: the cycle chosen first (else the newest evaluated); `intro`: what is compared, in words. */
export function WhatIfPanel(props: { content: Record<string, unknown> | null; valid: boolean; initialCycleId?: string; intro?: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const cycles = useQuery(trpc.cycle.list.queryOptions({ regionId }));
  const evaluated = (cycles.data ?? []).filter((c) => c.currentRunId !== null);
  const [cycleId, setCycleId] = useState<string | null>(null);
  const chosen = cycleId ?? evaluated.find((c) => c.id === props.initialCycleId)?.id ?? evaluated[0]?.id ?? null;
  const whatIf = useMutation(trpc.ruleSet.whatIf.mutationOptions());
  const report = whatIf.data;
  const predikat = report ? [...new Set([...Object.keys(report.before), ...Object.keys(report.after)])] : [];

  return (
    <Stack>
      <Text size="sm" c="dimmed">{props.intro ?? t("rules.whatIf.intro")}</Text>
      {cycles.error && <ErrorState error={cycles.error} />}
      {cycles.data && evaluated.length === 0 && <EmptyState title={t("rules.whatIf.noCycle")}>{t("rules.whatIf.noCycleHelp")}</EmptyState>}
      {evaluated.length > 0 && (
        <Group align="flex-end">
          <Select
            label={t("rules.whatIf.cycle")}
            data={evaluated.map((c) => ({ value: c.id, label: `${c.name} (${c.periodLabel})` }))}
            value={chosen}
            onChange={setCycleId}
            allowDeselect={false}
            w={320}
          />
          <Button
            onClick={() => chosen && props.content && whatIf.mutate({ regionId, cycleId: chosen, content: props.content })}
            disabled={!chosen || !props.content || !props.valid}
            loading={whatIf.isPending}
          >
            {t("rules.whatIf.run")}
          </Button>
        </Group>
      )}
      {!props.valid && <Alert color="yellow">{t("rules.whatIf.fixFirst")}</Alert>}
      {whatIf.error && <ErrorState error={whatIf.error} />}
      {report && (
        <Stack data-testid="what-if-report">
          <Card withBorder>
            <Title order={3} size="h5" mb="xs">
              {t("rules.whatIf.counts", { total: formatCount(report.total, lang), from: report.fromVersion })}
            </Title>
            <Table.ScrollContainer minWidth={360}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("rules.whatIf.predikat")}</Table.Th>
                    <Table.Th ta="right">{t("rules.whatIf.before")}</Table.Th>
                    <Table.Th ta="right">{t("rules.whatIf.after")}</Table.Th>
                    <Table.Th ta="right">{t("rules.whatIf.change")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {predikat.map((p) => {
                    const before = report.before[p] ?? 0;
                    const after = report.after[p] ?? 0;
                    return (
                      <Table.Tr key={p}>
                        <Table.Td>{report.predikatLabels[p] ?? p}</Table.Td>
                        <Table.Td ta="right" className="tabular">{formatCount(before, lang)}</Table.Td>
                        <Table.Td ta="right" className="tabular">{formatCount(after, lang)}</Table.Td>
                        <Table.Td ta="right" className="tabular" c={after > before ? "teal.8" : after < before ? "red.8" : undefined}>
                          {after - before > 0 ? "+" : ""}
                          {formatCount(after - before, lang)}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
          <Card withBorder>
            <Title order={3} size="h5" mb="xs">
              {t("rules.whatIf.moves", { count: report.moves.length })}
            </Title>
            {report.moves.length === 0 ? (
              <Text c="dimmed">{t("rules.whatIf.noMoves")}</Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>NIP</Table.Th>
                      <Table.Th>{t("results.name")}</Table.Th>
                      <Table.Th>{t("rules.whatIf.from")}</Table.Th>
                      <Table.Th>{t("rules.whatIf.to")}</Table.Th>
                      <Table.Th>{t("rules.whatIf.because")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {report.moves.slice(0, MOVES_SHOWN).map((m) => (
                      <Table.Tr key={m.nip}>
                        <Table.Td className="mono">{m.nip}</Table.Td>
                        <Table.Td>{m.nama}</Table.Td>
                        <Table.Td>{m.fromLabel}</Table.Td>
                        <Table.Td>{m.toLabel}</Table.Td>
                        <Table.Td>{m.reason ? <Text size="sm">{m.reason}</Text> : "–"}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {report.moves.length > MOVES_SHOWN && (
              <Text size="sm" c="dimmed" mt="xs">
                {t("rules.whatIf.moreMoves", { count: report.moves.length - MOVES_SHOWN })}
              </Text>
            )}
            {report.errors.length > 0 && (
              <Alert color="yellow" mt="sm" title={t("rules.whatIf.errors", { count: report.errors.length })}>
                {report.errors.slice(0, 5).map((e) => `${e.nip}: ${e.message}`).join("; ")}
              </Alert>
            )}
          </Card>
        </Stack>
      )}
    </Stack>
  );
}
