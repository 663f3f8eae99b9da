// An SKP plan's RHK rows and their IKIs, edited while the plan is a draft, in revision or rejected: each
// RHK utama may cascade from (menginduk) an RHK of the superior's plan.
import { ActionIcon, Badge, Button, Card, Grid, Group, NumberInput, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Plan, RhkInput } from "./planInput";
import { Select } from "../../components/LazySelect";


function Remove(props: { label: string; onClick(): void }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={props.label} title={props.label} onClick={props.onClick}>
      <span aria-hidden="true">✕</span>
    </ActionIcon>
  );
}

export function PlanEditor(props: { rhk: RhkInput[]; superiorRhk: Plan["superiorRhk"]; editable: boolean; onChange(rhk: RhkInput[]): void }) {
  const { t } = useTranslation();
  const { rhk, editable } = props;
  const change = (index: number, fn: (row: RhkInput) => RhkInput) => props.onChange(rhk.map((row, i) => (i === index ? fn(row) : row)));
  return (
    <Stack>
      {rhk.length === 0 && <Text c="dimmed">{t("plan.noRhk")}</Text>}
      {rhk.map((row, index) => (
        <Card key={row.id ?? `new-${index}`} withBorder padding="md">
          <Stack gap="sm">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Group gap="xs">
                <Text fw={600}>{t("plan.rhkNumber", { n: index + 1 })}</Text>
                <Badge variant="light" color={row.kind === "utama" ? "blue" : "gray"}>{t(`plan.kind.${row.kind}`)}</Badge>
              </Group>
              {editable && <Remove label={t("plan.removeRhk", { n: index + 1 })} onClick={() => props.onChange(rhk.filter((_, i) => i !== index))} />}
            </Group>
            <Grid>
              <Grid.Col span={{ base: 12, md: 3 }}>
                <Select
                  label={t("plan.kindLabel")}
                  data={["utama", "tambahan"].map((k) => ({ value: k, label: t(`plan.kind.${k}`) }))}
                  value={row.kind}
                  allowDeselect={false}
                  disabled={!editable}
                  onChange={(v) => v && change(index, (r) => ({ ...r, kind: v as RhkInput["kind"] }))}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 9 }}>
                <Select
                  label={t("plan.parent")}
                  description={t("plan.parentHelp")}
                  placeholder={props.superiorRhk.length === 0 ? t("plan.noSuperiorRhk") : t("plan.chooseParent")}
                  data={props.superiorRhk.map((s) => ({ value: s.id, label: s.text }))}
                  value={row.parentRhkId ?? null}
                  clearable
                  disabled={!editable || props.superiorRhk.length === 0}
                  onChange={(v) => change(index, (r) => ({ ...r, parentRhkId: v }))}
                />
              </Grid.Col>
            </Grid>
            <Textarea label={t("plan.rhkText")} autosize minRows={2} value={row.text} disabled={!editable} onChange={(e) => { const v = e.currentTarget.value; change(index, (r) => ({ ...r, text: v })); }} />
            <Text size="sm" fw={600}>{t("plan.ikiTitle")}</Text>
            {row.indicators.map((iki, k) => (
              // On a phone the indicator's text takes the whole row and target and unit share the next one.
              <Grid key={iki.id ?? `iki-${k}`} align="flex-end" gap="xs">
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput label={t("plan.ikiText")} value={iki.text} disabled={!editable} onChange={(e) => { const v = e.currentTarget.value; change(index, (r) => ({ ...r, indicators: r.indicators.map((x, j) => (j === k ? { ...x, text: v } : x)) })); }} />
                </Grid.Col>
                <Grid.Col span={{ base: editable ? 5 : 6, sm: 3 }}>
                  <NumberInput label={t("plan.target")} min={0} value={iki.target} disabled={!editable} onChange={(v) => change(index, (r) => ({ ...r, indicators: r.indicators.map((x, j) => (j === k ? { ...x, target: Number(v) || 0 } : x)) }))} />
                </Grid.Col>
                <Grid.Col span={{ base: editable ? 5 : 6, sm: editable ? 2 : 3 }}>
                  <TextInput label={t("plan.satuan")} value={iki.satuan} disabled={!editable} onChange={(e) => { const v = e.currentTarget.value; change(index, (r) => ({ ...r, indicators: r.indicators.map((x, j) => (j === k ? { ...x, satuan: v } : x)) })); }} />
                </Grid.Col>
                {editable && (
                  <Grid.Col span={{ base: 2, sm: 1 }}>
                    <Remove label={t("plan.removeIki", { n: k + 1 })} onClick={() => change(index, (r) => ({ ...r, indicators: r.indicators.filter((_, j) => j !== k) }))} />
                  </Grid.Col>
                )}
              </Grid>
            ))}
            {editable && (
              <Group>
                <Button size="xs" variant="light" onClick={() => change(index, (r) => ({ ...r, indicators: [...r.indicators, { text: "", target: 1, satuan: t("plan.defaultSatuan") }] }))}>
                  {t("plan.addIki")}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>
      ))}
      {editable && (
        <Group>
          <Button variant="light" onClick={() => props.onChange([...rhk, { kind: "utama", text: "", parentRhkId: null, indicators: [{ text: "", target: 1, satuan: t("plan.defaultSatuan") }] }])}>
            {t("plan.addRhk")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
