// A live total of weights that must come to 100, said in words and colour.
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n";
import { formatScore } from "../../lib/format";

export function weightTotal(weights: Array<number | undefined>): number {
  return Math.round(weights.reduce<number>((sum, w) => sum + (w ?? 0), 0) * 1000) / 1000;
}

export function WeightTotal(props: { label: string; total: number; expected?: number; testId?: string }) {
  const { t } = useTranslation();
  const expected = props.expected ?? 100;
  const ok = Math.abs(props.total - expected) < 1e-9;
  const total = formatScore(props.total, currentLanguage()).replace(/[,.]00$/, "");
  return (
    <Badge color={ok ? "teal" : "red"} variant={ok ? "light" : "filled"} role="status" data-testid={props.testId} size="lg" tt="none">
      {ok ? t("rules.form.totalOk", { label: props.label, total }) : t("rules.form.totalWrong", { label: props.label, total, expected })}
    </Badge>
  );
}
