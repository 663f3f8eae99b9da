// The indicator sets and their indicators: kind, weight, scale, raters.
import { Badge, Button, Card, Grid, Group, NumberInput, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { AXES, type Indicator, type RuleFile } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import { weightTotal, WeightTotal } from "../WeightTotal";
import { RemoveButton, num, type Update } from "./shared";
import { Select } from "../../../components/LazySelect";

function scaleOptions(file: RuleFile): string[] {
  return Object.keys(file.scales ?? {});
}

function IndicatorRow(props: { file: RuleFile; setIndex: number; index: number; indicator: Indicator; update: Update }) {
  const { t } = useTranslation();
  const { indicator, setIndex, index, update } = props;
  const set = (change: (i: Indicator) => void) =>
    update((d) => {
      const target = d.indicatorSets?.[setIndex]?.indicators[index];
      if (target) change(target);
    });
  return (
    <Card withBorder padding="sm">
      <Grid align="flex-end">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <TextInput label={t("rules.form.indicatorName")} value={indicator.name} onChange={(e) => { const v = e.currentTarget.value; set((i) => { i.name = v; }); }} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <Select
            label={t("rules.form.axis")}
            data={AXES.map((a) => ({ value: a, label: t(`axes.${a}`) }))}
            value={indicator.axis}
            allowDeselect={false}
            onChange={(v) => v && set((i) => { i.axis = v as Indicator["axis"]; })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 4, md: 2 }}>
          <NumberInput
            label={t("rules.form.weight")}
            value={indicator.weight}
            min={0}
            max={100}
            onChange={(v) => set((i) => { i.weight = num(v); })}
            data-testid={`weight-${setIndex}-${index}`}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 2, md: 2 }}>
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Badge variant="light" title={t("rules.form.inputKind")}>
              {t(`rules.form.kind.${indicator.input.kind}`)}
            </Badge>
            <RemoveButton
              label={t("rules.form.removeIndicator", { name: indicator.name })}
              onClick={() => update((d) => { d.indicatorSets?.[setIndex]?.indicators.splice(index, 1); })}
            />
          </Group>
        </Grid.Col>
        <Grid.Col span={12}>
          <Text size="xs" c="dimmed" className="mono">
            {indicator.id}
            {indicator.input.kind === "rating" && typeof indicator.input.scale === "string" ? ` · ${t("rules.form.scale")}: ${indicator.input.scale}` : ""}
          </Text>
          <Textarea
            label={t("rules.form.indicatorGuidance")}
            description={t("rules.form.indicatorGuidanceHelp")}
            autosize
            minRows={1}
            value={indicator.guidance ?? ""}
            onChange={(e) => { const v = e.currentTarget.value; set((i) => { if (v) i.guidance = v; else delete i.guidance; }); }}
          />
        </Grid.Col>
      </Grid>
    </Card>
  );
}

export function Indicators(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const { file, update } = props;
  const scales = scaleOptions(file);
  return (
    <Stack>
      {(file.indicatorSets ?? []).map((set, setIndex) => (
        <Card key={`${set.id}-${setIndex}`} withBorder padding="md" bg="gray.0">
          <Stack gap="sm">
            <Group justify="space-between">
              <div>
                <Text fw={600}>{set.name}</Text>
                <Text size="xs" c="dimmed">
                  {set.when ? t("rules.form.setConditional") : t("rules.form.setForAll")} · <span className="mono">{set.id}</span>
                </Text>
              </div>
              <Group gap="xs">
                {AXES.filter((axis) => set.indicators.some((i) => i.axis === axis)).map((axis) => (
                  <WeightTotal
                    key={axis}
                    label={t(`axes.${axis}`)}
                    total={weightTotal(set.indicators.filter((i) => i.axis === axis).map((i) => i.weight))}
                    testId={`total-${setIndex}-${axis}`}
                  />
                ))}
              </Group>
            </Group>
            {set.indicators.map((indicator, index) => (
              <IndicatorRow key={`${indicator.id}-${index}`} file={file} setIndex={setIndex} index={index} indicator={indicator} update={update} />
            ))}
            <Group>
              <Button
                variant="light"
                size="xs"
                disabled={scales.length === 0}
                onClick={() =>
                  update((d) => {
                    const target = d.indicatorSets?.[setIndex];
                    if (!target) return;
                    const taken = new Set(target.indicators.map((i) => i.id));
                    let n = 1;
                    while (taken.has(`indikator_baru_${n}`)) n++;
                    target.indicators.push({
                      id: `indikator_baru_${n}`,
                      name: t("rules.form.newIndicator"),
                      axis: "perilaku",
                      weight: 0,
                      input: { kind: "rating", scale: scales[0] as string },
                    });
                  })
                }
              >
                {t("rules.form.addIndicator")}
              </Button>
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
