// Rating scales, the score a scale's top value gives (scoreMax: PP 30/2019's perilaku reaches 120), and the
// guidance raters read for each value.
import { Card, Group, NumberInput, Stack, Text, Textarea } from "@mantine/core";
import { type RuleFile } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import { num, type Update } from "./shared";

export function Scales(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  return (
    <Stack>
      {Object.entries(props.file.scales ?? {}).map(([id, scale]) => (
        <Card key={id} withBorder padding="sm">
          <Group align="flex-end">
            <Text fw={600} className="mono" miw={120}>
              {id}
            </Text>
            <NumberInput label={t("rules.form.min")} value={scale.min} w={100} onChange={(v) => props.update((d) => { const s = d.scales?.[id]; if (s) s.min = num(v); })} />
            <NumberInput label={t("rules.form.max")} value={scale.max} w={100} onChange={(v) => props.update((d) => { const s = d.scales?.[id]; if (s) s.max = num(v); })} />
            <NumberInput
              label={t("scaleForms.scoreMax")}
              description={t("scaleForms.scoreMaxHelp")}
              placeholder="100"
              value={scale.scoreMax ?? ""}
              min={1}
              w={200}
              onChange={(v) => props.update((d) => { const s = d.scales?.[id]; if (!s) return; if (v === "" || v === null) delete s.scoreMax; else s.scoreMax = num(v); })}
            />
            <Text size="sm" c="dimmed">
              {Object.entries(scale.labels ?? {}).map(([value, label]) => `${value} = ${label}`).join(" · ")}
            </Text>
          </Group>
          <Textarea
            mt="xs"
            label={t("rules.form.scaleGuidance")}
            description={t("rules.form.scaleGuidanceHelp")}
            autosize
            minRows={1}
            value={scale.guidance ?? ""}
            onChange={(e) => { const v = e.currentTarget.value; props.update((d) => { const s = d.scales?.[id]; if (s) { if (v) s.guidance = v; else delete s.guidance; } }); }}
          />
        </Card>
      ))}
    </Stack>
  );
}
