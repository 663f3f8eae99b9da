// The national baseline under the region's rules: which version they extend (or building them on one),
// a newer version's changes with a what-if on the last finalised cycle and the move to it, and every part
// of the rules marked inherited or the region's own, with a reset of an override to the baseline.
import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Select } from "../../components/LazySelect";
import { ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { notifyError } from "../../lib/notify";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { extendedRef, parseRef } from "./baseline-ref";
import { DiffTable } from "./DiffTable";
import { overridePart, rebaseOn, resetPart, ruleParts, withExtends, type PartState, type RulePart } from "./inheritance";

const WhatIfPanel = lazy(() => import("./WhatIfPanel").then((module) => ({ default: module.WhatIfPanel })));

type Content = Record<string, unknown>;

const STATE_COLORS: Record<PartState, string> = { inherited: "gray", overridden: "orange", own: "blue" };

export function BaselinePanel(props: {
  content: Content | null;
  /** The content of the version `content` extends, once loaded. */
  baseline: Content | null;
  onChange(content: Content): void;
  onOpen(id: string): void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const baselines = useQuery(trpc.baseline.list.queryOptions());
  const status = useQuery(trpc.ruleSet.baselineStatus.queryOptions({ regionId }));
  const move = useMutation(trpc.ruleSet.moveToBaseline.mutationOptions());
  const ref = extendedRef(props.content);
  const current = parseRef(ref);
  const [chosenId, setChosenId] = useState<string | null>(current?.baselineId ?? null);
  const [chosenVersion, setChosenVersion] = useState<string | null>(null);
  const [building, setBuilding] = useState(false);
  const chosen = baselines.data?.find((b) => b.baselineId === (chosenId ?? baselines.data?.[0]?.baselineId));
  const version = chosenVersion ?? (chosen?.versions[0] ? String(chosen.versions[0].version) : null);
  const currentSummary = baselines.data?.find((b) => b.baselineId === current?.baselineId)?.versions.find((v) => v.version === current?.version);
  const parts = useMemo(() => (props.content && props.baseline ? ruleParts(props.content, props.baseline) : []), [props.content, props.baseline]);
  const newest = status.data?.newer[0] ?? null;

  async function build() {
    if (!props.content || !chosen || !version) return;
    setBuilding(true);
    try {
      const target = await queryClient.fetchQuery(trpc.baseline.get.queryOptions({ baselineId: chosen.baselineId, version: Number(version) }));
      // Rules on a baseline already keep their overrides; self-contained rules keep only what differs.
      props.onChange(ref ? withExtends(props.content, target.ref) : rebaseOn(props.content, target.content, target.ref));
      notifications.show({ color: "teal", message: t("rules.baseline.built", { name: target.name, version: target.version }) });
    } catch (error) {
      notifyError({ title: t("rules.baseline.buildFailed"), message: errorMessage(error, t) });
    } finally {
      setBuilding(false);
    }
  }

  async function moveTo(target: number) {
    try {
      const draft = await move.mutateAsync({ regionId, version: target });
      void queryClient.invalidateQueries({ queryKey: trpc.ruleSet.list.queryKey({ regionId }) });
      notifications.show({ color: "teal", message: t("rules.baseline.moved", { version: draft.version, baseline: target }) });
      props.onOpen(draft.id);
    } catch (error) {
      notifyError({ title: t("rules.baseline.moveFailed"), message: errorMessage(error, t) });
    }
  }

  // The origin's words wrap rather than being cut off where the column is narrow (a phone).
  const origin = (part: RulePart) => (
    <Badge color={STATE_COLORS[part.state]} variant="light" h="auto" py={2} styles={{ label: { whiteSpace: "normal", overflow: "visible" } }}>
      {t(`rules.baseline.state.${part.state}`)}
    </Badge>
  );

  const action = (part: RulePart) => (
    <>
      {part.state === "inherited" && props.content && props.baseline && (
        <Button size="xs" variant="subtle" onClick={() => props.onChange(overridePart(props.content!, props.baseline!, part))} aria-label={t("rules.baseline.overrideLabel", { part: `${part.section} ${part.label}` })}>
          {t("rules.baseline.override")}
        </Button>
      )}
      {part.state === "overridden" && props.content && (
        <Button size="xs" variant="light" color="orange" onClick={() => props.onChange(resetPart(props.content!, part))} aria-label={t("rules.baseline.resetLabel", { part: `${part.section} ${part.label}` })}>
          {t("rules.baseline.reset")}
        </Button>
      )}
    </>
  );

  const row = (part: RulePart) => (
    <Table.Tr key={`${part.section}/${part.key}`} data-testid={`rule-part-${part.section}/${part.key}`} data-state={part.state}>
      <Table.Td className="mono" visibleFrom="sm">
        {part.section}
      </Table.Td>
      <Table.Td>
        {part.label}
        {/* On a phone the part's section and origin sit under its name, so all of it stays in view. */}
        <Text size="xs" c="dimmed" className="mono" hiddenFrom="sm">
          {part.section}
        </Text>
        {/* On a phone the action sits under the origin too: a fourth column would not fit beside the name. */}
        <Stack hiddenFrom="sm" gap={4} align="flex-start" mt={4}>
          {origin(part)}
          {action(part)}
        </Stack>
      </Table.Td>
      <Table.Td visibleFrom="sm">{origin(part)}</Table.Td>
      <Table.Td visibleFrom="sm">{action(part)}</Table.Td>
    </Table.Tr>
  );

  return (
    <Stack>
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">
          {t("rules.baseline.title")}
        </Title>
        <Text size="sm" data-testid="baseline-extends" mb="sm">
          {ref
            ? t("rules.baseline.extends", { name: currentSummary?.name ?? current?.baselineId ?? ref, version: current?.version ?? "?", ref })
            : t("rules.baseline.standalone")}
        </Text>
        {baselines.error && <ErrorState error={baselines.error} />}
        {baselines.data && (
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t("rules.baseline.choose")}
              data={baselines.data.map((b) => ({ value: b.baselineId, label: b.name }))}
              value={chosen?.baselineId ?? null}
              onChange={(value) => {
                setChosenId(value);
                setChosenVersion(null);
              }}
              allowDeselect={false}
              w={{ base: "100%", sm: 360 }}
            />
            <Select
              label={t("rules.baseline.version")}
              data={(chosen?.versions ?? []).map((v) => ({ value: String(v.version), label: t("rules.baseline.versionLabel", { version: v.version, date: formatDateTime(v.publishedAt, lang) }) }))}
              value={version}
              onChange={setChosenVersion}
              allowDeselect={false}
              w={{ base: "100%", sm: 240 }}
            />
            <Button onClick={() => void build()} loading={building} disabled={!props.content || !version || (current?.baselineId === chosen?.baselineId && String(current?.version) === version)}>
              {ref ? t("rules.baseline.useVersion") : t("rules.baseline.build")}
            </Button>
          </Group>
        )}
        <Text size="xs" c="dimmed" mt="xs">
          {t("rules.baseline.buildHelp")}
        </Text>
      </Card>

      {status.error && <ErrorState error={status.error} />}
      {status.data?.extends && (
        <Card withBorder data-testid="baseline-update">
          <Title order={3} size="h5" mb="xs">
            {t("rules.baseline.updates")}
          </Title>
          {!newest ? (
            <Text size="sm" c="dimmed">
              {t("rules.baseline.upToDate", { version: status.data.extends.version })}
            </Text>
          ) : (
            <Stack>
              <Alert color="blue" title={t("rules.baseline.newer", { name: newest.name, version: newest.version, from: status.data.extends.version })}>
                <Text size="sm">{newest.note}</Text>
                <Text size="xs" c="dimmed">
                  {t("rules.baseline.publishedBy", { name: newest.authorName, date: formatDateTime(newest.publishedAt, lang) })}
                </Text>
              </Alert>
              <DiffTable changes={status.data.changes} before={t("rules.baseline.inVersion", { version: status.data.extends.version })} after={t("rules.baseline.inVersion", { version: newest.version })} testId="baseline-changes" />
              {status.data.lastFinalisedCycle ? (
                <Suspense fallback={<Loading rows={3} />}>
                  <WhatIfPanel
                    content={withExtends(props.content ?? {}, newest.ref)}
                    valid={props.content !== null}
                    initialCycleId={status.data.lastFinalisedCycle.id}
                    intro={t("rules.baseline.whatIfIntro", { version: newest.version, cycle: status.data.lastFinalisedCycle.name })}
                  />
                </Suspense>
              ) : (
                <Text size="sm" c="dimmed">
                  {t("rules.baseline.noFinalised")}
                </Text>
              )}
              <Group>
                <Button onClick={() => void moveTo(newest.version)} loading={move.isPending}>
                  {t("rules.baseline.move", { version: newest.version })}
                </Button>
                <Text size="xs" c="dimmed">
                  {t("rules.baseline.moveHelp")}
                </Text>
              </Group>
            </Stack>
          )}
        </Card>
      )}

      {ref && (
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t("rules.baseline.parts")}
          </Title>
          <Group gap="xs" mb="xs">
            <Badge color="orange" variant="light" data-testid="count-overridden">
              {t("rules.baseline.count.overridden", { count: parts.filter((p) => p.state === "overridden").length })}
            </Badge>
            <Badge color="blue" variant="light" data-testid="count-own">
              {t("rules.baseline.count.own", { count: parts.filter((p) => p.state === "own").length })}
            </Badge>
            <Badge color="gray" variant="light" data-testid="count-inherited">
              {t("rules.baseline.count.inherited", { count: parts.filter((p) => p.state === "inherited").length })}
            </Badge>
          </Group>
          {!props.baseline ? (
            <Loading rows={4} />
          ) : (
            <Table.ScrollContainer minWidth={320}>
              <Table striped data-testid="rule-parts">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th visibleFrom="sm">{t("rules.baseline.section")}</Table.Th>
                    <Table.Th>{t("rules.baseline.part")}</Table.Th>
                    <Table.Th visibleFrom="sm">{t("rules.baseline.origin")}</Table.Th>
                    <Table.Th visibleFrom="sm" />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>{parts.map(row)}</Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      )}
    </Stack>
  );
}
