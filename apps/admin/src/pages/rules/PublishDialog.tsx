// Publishing asks first, with what it would mean: what changed against the version in force (by area:
// indicators, weights, predikat, decision tables, outcomes, cases), how many employees of the last
// evaluated cycle would change predikat (what-if, counts per predikat before and after), and whether
// every embedded case passes. Only the dialog's own button publishes.
import { Alert, Badge, Button, Card, Group, List, Loader, Modal, Stack, Table, Text, Title } from "@mantine/core";
import { formatNumber, predikatLabel, raterSourceTitle, type CaseResult, type RaterSource, type RuleSet } from "@kinerja/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../components/States";
import { currentLanguage, type Language } from "../../i18n";
import { formatCount } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import type { JsonChange } from "./DiffTable";

type VersionSummary = RouterOutputs["ruleSet"]["list"][number];

export const CHANGE_AREAS = ["weights", "indicators", "predikat", "decisions", "outcomes", "tests", "other"] as const;
export type ChangeArea = (typeof CHANGE_AREAS)[number];

/** Which part of a rule file a changed JSON pointer is in; a weight anywhere counts as a weight. */
export function changeArea(pointer: string): ChangeArea {
  if (/\/weights?(\/|$)/.test(pointer) || pointer.startsWith("/axes")) return "weights";
  const top = pointer.split("/")[1] ?? "";
  if (top === "indicatorSets" || top === "scales") return "indicators";
  if (top === "predikat" || top === "decisions" || top === "outcomes" || top === "tests") return top;
  return "other";
}

/** The changes grouped by area, in CHANGE_AREAS order, leaving out areas without a change. */
export function changesByArea(changes: JsonChange[]): Array<{ area: ChangeArea; changes: JsonChange[] }> {
  return CHANGE_AREAS.map((area) => ({ area, changes: changes.filter((c) => changeArea(c.pointer) === area) })).filter((g) => g.changes.length > 0);
}

function segments(pointer: string): string[] {
  return pointer.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Parts of a pointer that only hold the named things below them. */
const HOLDERS = new Set(["indicatorSets", "indicators", "decisions", "rows", "tests", "expect", "facts", "outcomes", "predikat", "raters", "weights", "weight", "axes"]);

/**
 * Where a change is, by the names a person knows: its area, then each array item on the way by its `name`
 * (or its number) and an axis or a rater source by its label: "Bobot · Umum · Kehadiran".
 */
export function changePlace(content: unknown, pointer: string, t: TFunction, lang: Language): string {
  const path = segments(pointer);
  const parts = [t(`rules.publishDialog.area.${changeArea(pointer)}`)];
  let node: unknown = content;
  path.forEach((segment, i) => {
    const next: unknown = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[segment] : undefined;
    if (Array.isArray(node)) {
      const name = next !== null && typeof next === "object" ? (next as { name?: unknown }).name : undefined;
      parts.push(typeof name === "string" ? name : `#${Number(segment) + 1}`);
    } else if (path[i - 1] === "axes") parts.push(t(`axes.${segment}`, { defaultValue: segment }));
    else if (path[i - 1] === "weights" && path[i - 2] === "raters") parts.push(raterSourceTitle(segment as RaterSource, lang));
    else if (!HOLDERS.has(segment)) parts.push(segment);
    node = next;
  });
  return [...new Set(parts)].join(" · ");
}

/** The names of the test cases a list of changes touches, each once, in file order. */
export function changedCaseNames(content: unknown, changes: JsonChange[]): string[] {
  const tests = (content as { tests?: Array<{ name?: unknown }> } | null)?.tests ?? [];
  const names: string[] = [];
  for (const change of changes) {
    const index = Number(segments(change.pointer)[1]);
    const item = (tests[index] ?? change.before) as { name?: unknown } | undefined;
    const name = typeof item?.name === "string" ? item.name : `#${index + 1}`;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function short(value: unknown, lang: Language): string {
  if (value === undefined) return "–";
  if (typeof value === "number") return formatNumber(value, lang, 2);
  if (typeof value === "string") return value;
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const CHANGES_SHOWN = 5;

function CaseNames(props: { names: string[] }) {
  const { t } = useTranslation();
  return (
    <List size="sm" spacing={2}>
      {props.names.slice(0, CHANGES_SHOWN).map((name) => (
        <List.Item key={name}>{name}</List.Item>
      ))}
      {props.names.length > CHANGES_SHOWN && (
        <List.Item>
          <Text size="xs" c="dimmed">
            {t("rules.publishDialog.more", { count: props.names.length - CHANGES_SHOWN })}
          </Text>
        </List.Item>
      )}
    </List>
  );
}

export function PublishDialog(props: {
  opened: boolean;
  /** The draft's version number, or null for content not yet saved as a draft. */
  version: number | null;
  content: Record<string, unknown> | null;
  ruleSet: RuleSet | null;
  tests: CaseResult[] | null;
  /** The newest published version, which this one would follow. */
  published: VersionSummary | null;
  publishing: boolean;
  onConfirm(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const { opened, content, published } = props;
  const diff = useMutation(trpc.ruleSet.diffContent.mutationOptions());
  const whatIf = useMutation(trpc.ruleSet.whatIf.mutationOptions());
  const cycles = useQuery({ ...trpc.cycle.list.queryOptions({ regionId }), enabled: opened });
  const cycle = (cycles.data ?? []).find((c) => c.currentRunId !== null) ?? null;
  const { mutate: runDiff, reset: resetDiff } = diff;
  const { mutate: runWhatIf, reset: resetWhatIf } = whatIf;
  const publishedId = published?.id ?? null;
  const cycleId = cycle?.id ?? null;

  useEffect(() => {
    if (!opened || !content || !publishedId) return;
    runDiff({ regionId, id: publishedId, content });
    return resetDiff;
  }, [opened, content, publishedId, regionId, runDiff, resetDiff]);

  useEffect(() => {
    if (!opened || !content || !cycleId) return;
    runWhatIf({ regionId, cycleId, content });
    return resetWhatIf;
  }, [opened, content, cycleId, regionId, runWhatIf, resetWhatIf]);

  const passed = props.tests?.filter((c) => c.passed).length ?? 0;
  const total = props.tests?.length ?? 0;
  const report = whatIf.data;
  const levels = report ? [...new Set([...(props.ruleSet?.predikat.map((p) => p.id) ?? []), ...Object.keys(report.before), ...Object.keys(report.after)])] : [];
  const label = (id: string) => (props.ruleSet ? predikatLabel(props.ruleSet, id) : id);

  return (
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={props.version === null ? t("rules.publishDialog.titleNew") : t("rules.publishDialog.title", { version: props.version })}
      size="lg"
    >
      <Stack data-testid="publish-summary">
        <Text size="sm">{t("rules.publishDialog.intro")}</Text>

        <Card withBorder padding="sm" data-testid="publish-changes">
          <Title order={3} size="h5" mb="xs">
            {published ? t("rules.publishDialog.changes", { version: published.version }) : t("rules.publishDialog.firstVersion")}
          </Title>
          {diff.isPending && <Loader size="sm" />}
          {diff.error && <ErrorState error={diff.error} />}
          {diff.data && diff.data.changes.length === 0 && <Text size="sm">{t("rules.publishDialog.noChanges")}</Text>}
          {diff.data && diff.data.changes.length > 0 && (
            <Stack gap="xs">
              {changesByArea(diff.data.changes).map((group) => (
                <div key={group.area} data-testid={`publish-area-${group.area}`}>
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {t(`rules.publishDialog.area.${group.area}`)}
                    </Text>
                    <Badge variant="light" tt="none">
                      {group.area === "tests"
                        ? t("rules.publishDialog.caseCount", { count: changedCaseNames(content, group.changes).length })
                        : t("rules.publishDialog.changeCount", { count: group.changes.length })}
                    </Badge>
                  </Group>
                  {group.area === "tests" ? (
                    <CaseNames names={changedCaseNames(content, group.changes)} />
                  ) : (
                    <List size="sm" spacing={2} listStyleType="none">
                      {group.changes.slice(0, CHANGES_SHOWN).map((c) => (
                        <List.Item key={`${c.pointer}-${c.kind}`}>
                          <Text size="sm" span>
                            {changePlace(content, c.pointer, t, lang)}:{" "}
                          </Text>
                          <Text size="sm" span c="red.9">{short(c.before, lang)}</Text>
                          {" → "}
                          <Text size="sm" span c="teal.9" fw={600}>{short(c.after, lang)}</Text>
                        </List.Item>
                      ))}
                      {group.changes.length > CHANGES_SHOWN && (
                        <List.Item>
                          <Text size="xs" c="dimmed">
                            {t("rules.publishDialog.more", { count: group.changes.length - CHANGES_SHOWN })}
                          </Text>
                        </List.Item>
                      )}
                    </List>
                  )}
                </div>
              ))}
            </Stack>
          )}
        </Card>

        <Card withBorder padding="sm" data-testid="publish-what-if">
          {cycles.data && !cycle && <Text size="sm">{t("rules.publishDialog.whatIfNone")}</Text>}
          {cycle && (
            <Title order={3} size="h5" mb="xs">
              {t("rules.publishDialog.whatIf", { cycle: `${cycle.name} (${cycle.periodLabel})` })}
            </Title>
          )}
          {(cycles.isPending || whatIf.isPending) && <Loader size="sm" />}
          {whatIf.error && <ErrorState error={whatIf.error} />}
          {report && (
            <Stack gap="xs">
              <Text size="sm" fw={600} data-testid="publish-moves">
                {t("rules.publishDialog.moves", { moves: formatCount(report.moves.length, lang), total: formatCount(report.total, lang) })}
              </Text>
              <Table withTableBorder data-testid="publish-counts">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("rules.whatIf.predikat")}</Table.Th>
                    <Table.Th ta="right">{t("rules.whatIf.before")}</Table.Th>
                    <Table.Th ta="right">{t("rules.whatIf.after")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {levels.map((p) => {
                    const before = report.before[p] ?? 0;
                    const after = report.after[p] ?? 0;
                    return (
                      <Table.Tr key={p}>
                        <Table.Td>{label(p)}</Table.Td>
                        <Table.Td ta="right" className="tabular">{formatCount(before, lang)}</Table.Td>
                        <Table.Td ta="right" className="tabular" fw={after === before ? undefined : 600} c={after > before ? "teal.8" : after < before ? "red.8" : undefined}>
                          {formatCount(after, lang)}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Stack>
          )}
        </Card>

        <Group gap="xs" data-testid="publish-cases">
          <Text size="sm" fw={600}>
            {t("rules.publishDialog.cases")}:
          </Text>
          <Badge color={passed === total ? "teal" : "red"} tt="none">
            {t("rules.publishDialog.casesPassed", { passed, total })}
          </Badge>
        </Group>
        {passed !== total && <Alert color="red">{t("rules.publishBlocked")}</Alert>}

        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("rules.publishDialog.cancel")}
          </Button>
          <Button onClick={props.onConfirm} loading={props.publishing} disabled={passed !== total}>
            {t("rules.publishDialog.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
