// A cycle's results: filters the server applies (search, predikat, unit, follow-up), every page loaded
// in the background into the virtualised table, which sorts on any column.
import { Button, Group, Progress, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { followUpTypes, predikatChoices, type RuleFile } from "@kinerja/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ResultsTable } from "../../components/ResultsTable";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { followUpExport } from "../../lib/downloads";
import { formatCount } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { flattenUnits, type UnitNode } from "../../lib/units";
import { Select } from "../../components/LazySelect";

const PAGE = 500;

/** One follow-up list as a spreadsheet or CSV, for the whole region or a unit. */
export function FollowUpDownloads(props: { cycleId: string; type: string; unitId: string | null }) {
  const { t } = useTranslation();
  const regionId = useRegionId();
  return (
    <Group gap="xs">
      <Button component="a" size="xs" variant="default" href={followUpExport(props.cycleId, props.type, regionId, "xlsx", props.unitId)} download>
        {t("results.followUpXlsx")}
      </Button>
      <Button component="a" size="xs" variant="default" href={followUpExport(props.cycleId, props.type, regionId, "csv", props.unitId)} download>
        {t("results.followUpCsv")}
      </Button>
    </Group>
  );
}

export function ResultsPanel(props: {
  cycleId: string;
  ruleFile: RuleFile | null;
  units: UnitNode[];
  /** Employees evaluated in the current run, when known: the progress of loading. */
  expected: number | null;
  /** Only the employees with this follow-up (outcome) type, with its list to download. */
  followUpType?: string;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const navigate = useNavigate();
  const lang = currentLanguage();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [predikat, setPredikat] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const types = followUpTypes(props.ruleFile ?? {}).sort();
  const [chosenType, setOutcomeType] = useState<string | null>(null);
  const outcomeType = props.followUpType ?? chosenType;
  const flat = useMemo(() => flattenUnits(props.units), [props.units]);
  const names = useMemo(() => new Map(flat.map((u) => [u.id, u.name])), [flat]);
  const unitName = useCallback((id: string) => names.get(id) ?? id, [names]);
  const filtered = Boolean(debounced || predikat || unitId || outcomeType);

  const pages = useInfiniteQuery({
    ...trpc.result.list.infiniteQueryOptions(
      {
        regionId,
        cycleId: props.cycleId,
        limit: PAGE,
        ...(debounced ? { search: debounced } : {}),
        ...(predikat ? { predikat } : {}),
        ...(unitId ? { unitId } : {}),
        ...(outcomeType ? { outcomeType } : {}),
      },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const loading = pages.isPending || hasNextPage;

  return (
    <Stack>
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t("results.search")} placeholder={t("results.searchPlaceholder")} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={260} />
        <Select
          label={t("results.predikat")}
          placeholder={t("results.all")}
          data={predikatChoices(props.ruleFile ?? {}).map((p) => ({ value: p.id, label: p.label }))}
          value={predikat}
          onChange={setPredikat}
          clearable
          w={200}
        />
        <Select
          label={t("results.unit")}
          placeholder={t("results.all")}
          data={flat.map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${u.name}` }))}
          value={unitId}
          onChange={setUnitId}
          clearable
          searchable
          w={260}
        />
        {!props.followUpType && (
          <Select
            label={t("results.followUp")}
            placeholder={t("results.all")}
            data={types.map((type) => ({ value: type, label: t(`outcomes.${type}`, { defaultValue: type }) }))}
            value={outcomeType}
            onChange={setOutcomeType}
            clearable
            w={220}
          />
        )}
      </Group>
      {props.followUpType && <FollowUpDownloads cycleId={props.cycleId} type={props.followUpType} unitId={unitId} />}
      <Group justify="space-between" mih={28}>
        <Text size="sm" aria-live="polite" data-testid="results-count">
          {loading
            ? t("results.loading", { loaded: formatCount(rows.length, lang) })
            : t("results.count", { count: rows.length, formatted: formatCount(rows.length, lang) })}
        </Text>
        {loading && props.expected && !filtered && (
          <Progress value={(rows.length / props.expected) * 100} w={200} aria-label={t("results.loadingLabel")} />
        )}
      </Group>
      {pages.error && <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />}
      {pages.isPending && <Loading rows={8} />}
      {pages.data && rows.length === 0 && !loading && (
        <EmptyState title={filtered ? t("results.noMatch") : t("results.none")}>{filtered ? t("results.noMatchHelp") : t("results.noneHelp")}</EmptyState>
      )}
      {rows.length > 0 && (
        <ResultsTable
          rows={rows}
          unitName={unitName}
          label={t("results.tableLabel")}
          onOpen={(row) => void navigate(`/cycles/${props.cycleId}/employees/${row.employeeId}`)}
        />
      )}
    </Stack>
  );
}
