// How much hasil kerja and perilaku weigh, with a live total.
import { Group, NumberInput, Stack, Text } from "@mantine/core";
import { AXES, type RuleFile } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import { weightTotal, WeightTotal } from "../WeightTotal";
import { num, type Update } from "./shared";

export function AxisWeights(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const axes = props.file.axes ?? {};
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t("rules.form.axesHelp")}</Text>
      <Group align="flex-end">
        {AXES.map((axis) => (
          <NumberInput
            key={axis}
            label={t(`axes.${axis}`)}
            value={axes[axis] ?? ""}
            min={0}
            max={100}
            w={160}
            onChange={(v) => props.update((d) => { d.axes = { ...d.axes, [axis]: num(v) }; })}
          />
        ))}
      </Group>
      {Object.keys(axes).length > 0 && <WeightTotal label={t("rules.form.axisWeights")} total={weightTotal(AXES.map((a) => axes[a]))} testId="axis-total" />}
    </Stack>
  );
}
