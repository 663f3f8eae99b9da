// The distribution chart, loaded when a screen first shows it: the chart library (recharts) is most of a
// screen's script, and only the dashboard and calibration draw a chart.
import { Skeleton } from "@mantine/core";
import { lazy, Suspense } from "react";
import type { DistributionChartProps } from "./DistributionChart";

const Chart = lazy(() => import("./DistributionChart").then((module) => ({ default: module.DistributionChart })));

export function DistributionChart(props: DistributionChartProps) {
  return (
    <Suspense fallback={<Skeleton h={props.height ?? 260} />}>
      <Chart {...props} />
    </Suspense>
  );
}
