// How much each rater source weighs, with a live total.
import { Group, NumberInput, Stack, Text } from "@mantine/core";
import { RATER_SOURCES, raterSourceTitle, type RuleFile } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../i18n";
import { weightTotal, WeightTotal } from "../WeightTotal";
import { RemoveButton, num, type Update } from "./shared";
import { Select } from "../../../components/LazySelect";

export function RaterWeights(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const { update } = props;
  const weights = props.file.raters?.weights ?? {};
  const used = RATER_SOURCES.filter((s) => weights[s] !== undefined);
  const unused = RATER_SOURCES.filter((s) => weights[s] === undefined);
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t("rules.form.ratersHelp")}</Text>
      <Group align="flex-end">
        {used.map((source) => (
          <Group key={source} gap={4} align="flex-end" wrap="nowrap">
            <NumberInput
              label={raterSourceTitle(source, currentLanguage())}
              value={weights[source]}
              min={0}
              max={100}
              w={190}
              onChange={(v) => update((d) => { d.raters = { ...d.raters, weights: { ...d.raters?.weights, [source]: num(v) } }; })}
            />
            <RemoveButton
              label={t("rules.form.removeSource", { source: raterSourceTitle(source, currentLanguage()) })}
              onClick={() => update((d) => {
                const next = { ...d.raters?.weights };
                delete next[source];
                d.raters = { ...d.raters, weights: next };
              })}
            />
          </Group>
        ))}
        {unused.length > 0 && (
          <Select
            aria-label={t("rules.form.addSource")}
            placeholder={t("rules.form.addSource")}
            data={unused.map((s) => ({ value: s, label: raterSourceTitle(s, currentLanguage()) }))}
            value={null}
            w={200}
            onChange={(s) => s && update((d) => { d.raters = { ...d.raters, weights: { ...d.raters?.weights, [s]: 0 } }; })}
          />
        )}
      </Group>
      <WeightTotal label={t("rules.form.raterWeights")} total={weightTotal(used.map((s) => weights[s]))} testId="rater-total" />
      <Select
        label={t("rules.form.missingRater")}
        data={[
          { value: "renormalise", label: t("rules.form.missing.renormalise") },
          { value: "refuse", label: t("rules.form.missing.refuse") },
        ]}
        value={props.file.raters?.missing ?? "renormalise"}
        onChange={(v) => v && update((d) => { d.raters = { weights: d.raters?.weights ?? {}, missing: v as "renormalise" | "refuse" }; })}
        w={360}
      />
    </Stack>
  );
}
