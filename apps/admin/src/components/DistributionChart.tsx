// The predikat distribution against the curve of SE MenPANRB 3/2023: the share of employees per
// national predikat, with the curve's limits for the chosen predikat organisasi beside each bar.
import { BarChart } from "@mantine/charts";
import { Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import type { NationalPredikat, OrganisationPredikat } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../i18n";
import { formatCount, formatPercent } from "../lib/format";
import { curveLimits, NATIONAL_PREDIKAT, nationalInitials, nationalLabel, organisationLabel } from "../lib/predikat";

export interface DistributionChartProps {
  counts: Record<NationalPredikat, number>;
  organisation: OrganisationPredikat;
  height?: number;
  /** A narrow chart: the axis names each predikat by its initials (the legend and table keep the names). */
  compact?: boolean;
}

export function DistributionChart(props: DistributionChartProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const total = NATIONAL_PREDIKAT.reduce((sum, p) => sum + props.counts[p], 0);
  const limits = curveLimits(props.organisation);
  const data = NATIONAL_PREDIKAT.map((p) => {
    const limit = limits.find((l) => l.predikat === p);
    return {
      predikat: nationalLabel(p, lang),
      initials: nationalInitials(p, lang),
      actual: total === 0 ? 0 : Math.round((props.counts[p] / total) * 1000) / 10,
      atMost: limit?.kind === "atMost" ? limit.share * 100 : null,
      atLeast: limit?.kind === "atLeast" ? limit.share * 100 : null,
    };
  });
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t("distribution.caption", { organisation: organisationLabel(props.organisation, lang), total: formatCount(total, lang) })}
      </Text>
      {/* The chart is a picture of the table below, hidden from screen readers; recharts' keyboard layer is
          switched off so nothing inside the hidden part takes focus. */}
      <div aria-hidden="true">
        <BarChart
          barChartProps={{ accessibilityLayer: false }}
          h={props.height ?? 260}
          data={data}
          dataKey="predikat"
          unit="%"
          withLegend
          legendProps={{ verticalAlign: "bottom" }}
          yAxisProps={{ domain: [0, 100] }}
          xAxisProps={{
            interval: 0,
            tick: { fontSize: 11 },
            ...(props.compact ? { tickFormatter: (label: string) => data.find((d) => d.predikat === label)?.initials ?? label } : {}),
          }}
          series={[
            { name: "actual", label: t("distribution.actual"), color: "blue.8" },
            { name: "atMost", label: t("distribution.atMost"), color: "red.7" },
            { name: "atLeast", label: t("distribution.atLeast"), color: "teal.8" },
          ]}
        />
      </div>
      <VisuallyHidden>
        <Table>
          <caption>{t("distribution.tableCaption")}</caption>
          <thead>
            <tr>
              <th>{t("distribution.predikat")}</th>
              <th>{t("distribution.count")}</th>
              <th>{t("distribution.actual")}</th>
            </tr>
          </thead>
          <tbody>
            {NATIONAL_PREDIKAT.map((p) => (
              <tr key={p}>
                <td>{nationalLabel(p, lang)}</td>
                <td>{formatCount(props.counts[p], lang)}</td>
                <td>{formatPercent(total === 0 ? 0 : props.counts[p] / total, lang)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </VisuallyHidden>
    </Stack>
  );
}
