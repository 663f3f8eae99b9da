// Outcome rules: awards, training, coaching and the rest, with their conditions.
import { Button, Card, Grid, Group, NumberInput, Stack, TextInput } from "@mantine/core";
import { type OutcomeRule, type RuleFile } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import { JsonField } from "../JsonField";
import { RemoveButton, num, type Update } from "./shared";

export function Outcomes(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const rules = props.file.outcomes ?? [];
  return (
    <Stack>
      {rules.map((rule, i) => {
        const change = (fn: (x: OutcomeRule) => void) => props.update((d) => { const x = d.outcomes?.[i]; if (x) fn(x); });
        return (
          <Card key={`${rule.name}-${i}`} withBorder padding="sm">
            <Grid>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <TextInput label={t("rules.form.ruleName")} value={rule.name} onChange={(e) => { const v = e.currentTarget.value; change((x) => { x.name = v; }); }} />
              </Grid.Col>
              <Grid.Col span={{ base: 8, md: 4 }}>
                <TextInput label={t("rules.form.eventType")} value={rule.event.type} classNames={{ input: "mono" }} onChange={(e) => { const v = e.currentTarget.value; change((x) => { x.event.type = v; }); }} />
              </Grid.Col>
              <Grid.Col span={{ base: 4, md: 3 }}>
                <Group gap={4} align="flex-end" wrap="nowrap">
                  <NumberInput
                    label={t("rules.form.priority")}
                    value={rule.priority ?? ""}
                    min={1}
                    onChange={(v) => change((x) => { if (v === "" || v === undefined) delete x.priority; else x.priority = num(v); })}
                  />
                  <RemoveButton label={t("rules.form.removeRule", { name: rule.name })} onClick={() => props.update((d) => { d.outcomes?.splice(i, 1); })} />
                </Group>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 7 }}>
                <JsonField label={t("rules.form.conditions")} value={rule.conditions} onChange={(v) => change((x) => { x.conditions = v as OutcomeRule["conditions"]; })} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <JsonField label={t("rules.form.params")} value={rule.event.params ?? {}} onChange={(v) => change((x) => { x.event.params = v as Record<string, unknown>; })} />
              </Grid.Col>
            </Grid>
          </Card>
        );
      })}
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={() =>
            props.update((d) => {
              d.outcomes = [
                ...(d.outcomes ?? []),
                { name: t("rules.form.newRule"), conditions: { all: [{ fact: "predikat", operator: "equal", value: "" }] }, event: { type: "penghargaan", params: { label: "" } } },
              ];
            })
          }
        >
          {t("rules.form.addRule")}
        </Button>
      </Group>
    </Stack>
  );
}
