// The period a piece of work was done in (Triwulan II 2026), marked where a year's view carries it over
// from its period's cycle: work entries and their evidence, feedback, performance dialogues.
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { periodName } from "../lib/periods";

/** The mark, or nothing when the item belongs to the cycle being viewed (`viewCycleId`) itself. */
export function PeriodMark(props: { periodLabel: string; cycleId?: string; viewCycleId?: string }) {
  const { t } = useTranslation();
  if (!props.periodLabel || (props.viewCycleId !== undefined && props.cycleId === props.viewCycleId)) return null;
  const name = periodName(props.periodLabel, t);
  return (
    <Badge size="sm" variant="outline" color="grape" miw="max-content" data-testid="period-mark" title={t("yearPeriods.mark", { period: name })}>
      {name}
    </Badge>
  );
}
