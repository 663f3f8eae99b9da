// A cycle's results one page at a time: the server filters (search, predikat, unit subtree, follow-up),
// orders and pages them by cursor, and says how many match, exactly or as "more than N". The browser holds
// one page whatever the region's size.
import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { followUpTypes, predikatChoices, type RuleFile } from "@kinerja/core";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ResultsTable, type Sort } from "../../components/ResultsTable";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { followUpExport } from "../../lib/downloads";
import { formatCount } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { flattenUnits, type UnitNode } from "../../lib/units";
import { Select } from "../../components/LazySelect";

const PAGE = 100;
const BY_NIP: Sort = { key: "nip", direction: "asc" };

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

  const [sort, setSort] = useState<Sort>(BY_NIP);
  // The cursors of the pages up to the one shown; a new filter or order starts again at the first page.
  const pagingKey = JSON.stringify([debounced, predikat, unitId, outcomeType, sort]);
  const [paging, setPaging] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: pagingKey, cursors: [undefined] });
  const cursors = paging.key === pagingKey ? paging.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];

  const page = useQuery(
    trpc.result.list.queryOptions({
      regionId,
      cycleId: props.cycleId,
      limit: PAGE,
      ...(sort.key === BY_NIP.key && sort.direction === BY_NIP.direction ? {} : { sort }),
      ...(cursor ? { cursor } : {}),
      ...(debounced ? { search: debounced } : {}),
      ...(predikat ? { predikat } : {}),
      ...(unitId ? { unitId } : {}),
      ...(outcomeType ? { outcomeType } : {}),
    }),
  );
  const rows = page.data?.items ?? [];
  const total = page.data?.total ?? 0;
  const first = (cursors.length - 1) * PAGE;
  const nextCursor = page.data?.nextCursor ?? null;

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
      <Group justify="space-between" mih={28} wrap="wrap" gap="xs">
        <Text size="sm" aria-live="polite" data-testid="results-count">
          {page.data &&
            (page.data.totalExact
              ? t("results.count", { count: total, formatted: formatCount(total, lang) })
              : t("resultPages.moreThan", { count: total, formatted: formatCount(total, lang) }))}
        </Text>
        {rows.length > 0 && (
          <Group gap="xs" role="navigation" aria-label={t("resultPages.label")}>
            <Text size="sm" c="dimmed" data-testid="results-range">
              {t("resultPages.range", { from: formatCount(first + 1, lang), to: formatCount(first + rows.length, lang) })}
            </Text>
            <Button size="xs" variant="default" disabled={cursors.length === 1} onClick={() => setPaging({ key: pagingKey, cursors: cursors.slice(0, -1) })}>
              {t("resultPages.previous")}
            </Button>
            <Button size="xs" variant="default" disabled={!nextCursor} onClick={() => nextCursor && setPaging({ key: pagingKey, cursors: [...cursors, nextCursor] })}>
              {t("resultPages.next")}
            </Button>
          </Group>
        )}
      </Group>
      {page.error && <ErrorState error={page.error} onRetry={() => void page.refetch()} />}
      {page.isPending && <Loading rows={8} />}
      {page.data && rows.length === 0 && (
        <EmptyState title={filtered ? t("results.noMatch") : t("results.none")}>{filtered ? t("results.noMatchHelp") : t("results.noneHelp")}</EmptyState>
      )}
      {rows.length > 0 && (
        <ResultsTable
          rows={rows}
          sort={sort}
          onSort={setSort}
          rowOffset={first}
          total={page.data?.totalExact ? total : undefined}
          unitName={unitName}
          label={t("results.tableLabel")}
          onOpen={(row) => void navigate(`/cycles/${props.cycleId}/employees/${row.employeeId}`)}
        />
      )}
    </Stack>
  );
}
