// The rule file's identity: region, name, version and legal basis.
import { Stack, Textarea, TextInput } from "@mantine/core";
import { type RuleFile } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import type { Update } from "./shared";

export function Identity(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const { file, update } = props;
  return (
    <Stack>
      <TextInput label={t("rules.form.name")} value={file.name} onChange={(e) => { const v = e.currentTarget.value; update((d) => { d.name = v; }); }} />
      <Textarea
        label={t("rules.form.description")}
        autosize
        minRows={2}
        maxRows={5}
        value={file.description ?? ""}
        onChange={(e) => { const v = e.currentTarget.value; update((d) => { d.description = v; }); }}
      />
      <TextInput
        label={t("rules.form.effectiveDate")}
        description="YYYY-MM-DD"
        value={file.effectiveDate ?? ""}
        onChange={(e) => { const v = e.currentTarget.value; update((d) => { d.effectiveDate = v; }); }}
      />
    </Stack>
  );
}
