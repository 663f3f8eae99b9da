// Rater quality (raterQuality.raters): how each rater's scores sit against the other raters of the same
// employees, on 0–100 points. A rater far above the others is lenient, far below severe (|z| ≥ 2), and one
// whose ratings hardly vary is flat; each flag carries the server's reason in words.
import { Badge, Button, Group, Stack, Switch, Table, Text, Tooltip } from "@mantine/core";
import { raterSourceTitle } from "@kinerja/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage, type Language } from "../../i18n";
import { formatScore } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { flattenUnits, type UnitNode } from "../../lib/units";
import { Select } from "../../components/LazySelect";

type Rater = RouterOutputs["raterQuality"]["raters"][number];
type FlagKind = Rater["flags"][number]["kind"];
const FLAG_COLORS: Record<FlagKind, string> = { lenient: "orange", severe: "grape", flat: "gray" };
const SHOWN = 100;

function Flags(props: { rater: Pick<Rater, "flags"> }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      {props.rater.flags.map((f) => (
        <div key={f.kind}>
          <Badge size="sm" color={FLAG_COLORS[f.kind]} variant="light">
            {t(`raterQuality.flag.${f.kind}`)}
          </Badge>
          <Text size="xs" mt={2}>{f.message}</Text>
        </div>
      ))}
    </Stack>
  );
}

/** Raters with their flags: the forum's short view. */
export function RaterFlagsTable(props: { raters: Array<Pick<Rater, "rater" | "nama" | "sources" | "flags">> }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table data-testid="rater-flags">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("raterQuality.rater")}</Table.Th>
            <Table.Th>{t("raterQuality.sources")}</Table.Th>
            <Table.Th>{t("raterQuality.flags")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.raters.map((r) => (
            <Table.Tr key={r.rater}>
              <Table.Td>
                <Text size="sm">{r.nama ?? r.rater}</Text>
                {r.nama && <Text size="xs" c="dimmed" className="mono">{r.rater}</Text>}
              </Table.Td>
              <Table.Td>{r.sources.map((s) => raterSourceTitle(s, currentLanguage())).join(", ")}</Table.Td>
              <Table.Td miw={260}><Flags rater={r} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function signed(value: number | null, lang: Language): string {
  if (value === null) return "–";
  return `${value > 0 ? "+" : ""}${formatScore(value, lang)}`;
}

export function RaterQualityPanel(props: { cycleId: string; units: UnitNode[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [all, setAll] = useState(false);
  const raters = useQuery(trpc.raterQuality.raters.queryOptions({ regionId, cycleId: props.cycleId, flaggedOnly, ...(unitId ? { unitId } : {}) }));
  const rows = raters.data ?? [];
  const shown = all ? rows : rows.slice(0, SHOWN);
  const flagged = rows.filter((r) => r.flags.length > 0).length;
  return (
    <Stack>
      <Text size="sm" c="dimmed" maw={820}>{t("raterQuality.intro")}</Text>
      <Group align="flex-end">
        <Select
          label={t("results.unit")}
          placeholder={t("results.all")}
          data={flattenUnits(props.units).map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${u.name}` }))}
          value={unitId}
          onChange={setUnitId}
          clearable
          searchable
          w={280}
        />
        <Switch label={t("raterQuality.flaggedOnly")} checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.currentTarget.checked)} mb={8} />
      </Group>
      {raters.isPending && <Loading rows={6} />}
      {raters.error && <ErrorState error={raters.error} onRetry={() => void raters.refetch()} />}
      {raters.data && (
        <Text size="sm" aria-live="polite" data-testid="rater-count">
          {t("raterQuality.count", { count: rows.length, flagged })}
        </Text>
      )}
      {raters.data && rows.length === 0 && (
        <EmptyState title={flaggedOnly ? t("raterQuality.noneFlagged") : t("raterQuality.none")}>{t("raterQuality.noneHelp")}</EmptyState>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="rater-quality">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("raterQuality.rater")}</Table.Th>
                <Table.Th>{t("raterQuality.sources")}</Table.Th>
                <Table.Th ta="right">
                  <Tooltip label={t("raterQuality.rateesHelp")}><span>{t("raterQuality.ratees")}</span></Tooltip>
                </Table.Th>
                <Table.Th ta="right">{t("raterQuality.mean")}</Table.Th>
                <Table.Th ta="right">{t("raterQuality.sd")}</Table.Th>
                <Table.Th ta="right">
                  <Tooltip label={t("raterQuality.differenceHelp")}><span>{t("raterQuality.difference")}</span></Tooltip>
                </Table.Th>
                <Table.Th ta="right">z</Table.Th>
                <Table.Th>{t("raterQuality.flags")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((r) => (
                <Table.Tr key={r.rater}>
                  <Table.Td>
                    <Text size="sm">{r.nama ?? r.rater}</Text>
                    {r.nama && <Text size="xs" c="dimmed" className="mono">{r.rater}</Text>}
                  </Table.Td>
                  <Table.Td>{r.sources.map((s) => raterSourceTitle(s, lang)).join(", ")}</Table.Td>
                  <Table.Td ta="right" className="tabular">{r.ratees}</Table.Td>
                  <Table.Td ta="right" className="tabular">{formatScore(r.mean, lang)}</Table.Td>
                  <Table.Td ta="right" className="tabular">{formatScore(r.sd, lang)}</Table.Td>
                  <Table.Td ta="right" className="tabular">{signed(r.meanDifference, lang)}</Table.Td>
                  <Table.Td ta="right" className="tabular">{signed(r.z, lang)}</Table.Td>
                  <Table.Td miw={260} maw={380}>{r.flags.length ? <Flags rater={r} /> : <Text size="xs" c="dimmed">–</Text>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {rows.length > shown.length && (
        <Group justify="center">
          <Button variant="default" size="xs" onClick={() => setAll(true)}>{t("conduct.showAll", { count: rows.length })}</Button>
        </Group>
      )}
    </Stack>
  );
}
