// Which cycle a person's own page is about (their SKP, their sheets): its name, stage and period, and a
// choice where more than one cycle is running.
import { Badge, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { STAGE_COLORS, type Cycle } from "../lib/cycles";
import { Select } from "./LazySelect";

export function CyclePicker(props: { cycles: Cycle[]; value: Cycle; onChange(id: string): void }) {
  const { t } = useTranslation();
  const cycle = props.value;
  const stage = <Badge color={STAGE_COLORS[cycle.status]}>{t(`cycle.status.${cycle.status}`)}</Badge>;
  const period = <Text size="sm" c="dimmed">{t("cyclePicker.period", { period: cycle.periodLabel })}</Text>;
  if (props.cycles.length > 1) {
    return (
      <Group align="flex-end" gap="sm" data-testid="cycle-picker">
        <Select
          label={t("cyclePicker.label")}
          data={props.cycles.map((c) => ({ value: c.id, label: c.name }))}
          value={cycle.id}
          onChange={(id) => id && props.onChange(id)}
          allowDeselect={false}
          w={320}
        />
        <Group gap="xs" pb={6}>
          {stage}
          {period}
        </Group>
      </Group>
    );
  }
  return (
    <Group gap="xs" data-testid="cycle-picker">
      <Text size="sm">
        {t("cyclePicker.label")}: <b>{cycle.name}</b>
      </Text>
      {stage}
      {period}
    </Group>
  );
}
