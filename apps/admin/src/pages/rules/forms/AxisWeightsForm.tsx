// How much hasil kerja and perilaku weigh, with a live total, and the other splits that apply when their
// condition holds (axisVariants: PP 30/2019's 60/40 where peers and subordinates rate behaviour), added,
// removed and edited here: code, name, weights, and the condition as JSON (as outcome rules edit theirs).
import { Button, Card, Group, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { AXES, type AxisVariant, type RuleFile } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import { JsonField } from "../JsonField";
import { weightTotal, WeightTotal } from "../WeightTotal";
import { num, RemoveButton, type Update } from "./shared";

/** A code no variant of the file has yet: pembagian_2, pembagian_3, … */
function freeVariantId(variants: readonly AxisVariant[]): string {
  const taken = new Set(variants.map((v) => v.id));
  let n = variants.length + 1;
  while (taken.has(`pembagian_${n}`)) n++;
  return `pembagian_${n}`;
}

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
        <Card key={i} withBorder padding="sm" data-testid={`axis-variant-${variant.id}`}>
          <Stack gap="xs">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Text size="sm" c="dimmed">
                {t("scaleForms.variantHelp", { id: variant.id })}
              </Text>
              <RemoveButton
                label={t("scaleForms.removeVariant", { name: variant.name })}
                onClick={() => props.update((d) => {
                  d.axisVariants?.splice(i, 1);
                  if (d.axisVariants?.length === 0) delete d.axisVariants;
                })}
              />
            </Group>
            <Group align="flex-end" grow>
              <TextInput
                label={t("scaleForms.variantId")}
                value={variant.id}
                classNames={{ input: "mono" }}
                onChange={(e) => { const v = e.currentTarget.value; props.update((d) => { const x = d.axisVariants?.[i]; if (x) x.id = v; }); }}
              />
              <TextInput
                label={t("scaleForms.variantName")}
                value={variant.name}
                onChange={(e) => { const v = e.currentTarget.value; props.update((d) => { const x = d.axisVariants?.[i]; if (x) x.name = v; }); }}
              />
            </Group>
            <JsonField
              label={t("scaleForms.variantCondition")}
              description={t("scaleForms.variantConditionHelp")}
              value={variant.when}
              onChange={(v) => props.update((d) => { const x = d.axisVariants?.[i]; if (x) x.when = v as AxisVariant["when"]; })}
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
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={() =>
            props.update((d) => {
              const variants = d.axisVariants ?? [];
              d.axisVariants = [
                ...variants,
                {
                  id: freeVariantId(variants),
                  name: t("scaleForms.newVariantName"),
                  when: { all: [{ fact: "employee.jenisJabatan", operator: "equal", value: "fungsional" }] },
                  axes: { hasil_kerja: d.axes?.hasil_kerja ?? 70, perilaku: d.axes?.perilaku ?? 30 },
                },
              ];
            })
          }
        >
          {t("scaleForms.addVariant")}
        </Button>
      </Group>
    </Stack>
  );
}
