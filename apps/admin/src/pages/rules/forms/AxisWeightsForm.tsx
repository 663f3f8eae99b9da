// How much hasil kerja and perilaku weigh, with a live total, and the other splits that apply when their
// condition holds (axisVariants: PP 30/2019's 60/40 where peers and subordinates rate behaviour).
import { Card, Group, NumberInput, Stack, Text, TextInput } from "@mantine/core";
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
      {(props.file.axisVariants ?? []).map((variant, i) => (
        <Card key={variant.id} withBorder padding="sm" data-testid={`axis-variant-${variant.id}`}>
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t("scaleForms.variantHelp", { id: variant.id })}
            </Text>
            <TextInput
              label={t("scaleForms.variantName")}
              value={variant.name}
              onChange={(e) => { const v = e.currentTarget.value; props.update((d) => { const x = d.axisVariants?.[i]; if (x) x.name = v; }); }}
            />
            <Group align="flex-end">
              {AXES.map((axis) => (
                <NumberInput
                  key={axis}
                  label={t(`axes.${axis}`)}
                  value={variant.axes[axis] ?? ""}
                  min={0}
                  max={100}
                  w={160}
                  onChange={(v) => props.update((d) => { const x = d.axisVariants?.[i]; if (x) x.axes = { ...x.axes, [axis]: num(v) }; })}
                />
              ))}
            </Group>
            <WeightTotal label={variant.name} total={weightTotal(AXES.map((a) => variant.axes[a]))} testId={`axis-variant-total-${variant.id}`} />
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
